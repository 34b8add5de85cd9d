import type { ImageRef } from '@run-comparer/wandb-client';
import type { CompareTarget } from '../context/selection-store.js';
import { describeError } from '../internal/describe-error.js';
import { imageState } from './image-state.js';
import type { ViewerData } from './viewer-data.js';
import { describeImage, type ViewerRun } from './viewer-runs.js';

/** What a dialog shows for one image: a URL once there is one, or why there is none. */
export interface ImageView {
  /** "caption, run, key #n, step N": the image's alt text. */
  label: string;
  /** The same without the caption: a heading. */
  title: string;
  color: string;
  colorIndex?: number | undefined;
  /** The URL to show; null while loading or on error. */
  src: string | null;
  image: ImageRef | null;
  /** The media id of the URL (for broken-image tracking). */
  urlId: string | null;
  /** Why the image cannot be shown, in words for the user. */
  error: string | null;
  /** Forget the failure so the next load asks again; null when asking again cannot help. */
  forget: (() => void) | null;
}

/** Resolve a compare/detail target against the loaded data (see `imageState`). */
export function viewImage(data: ViewerData, run: ViewerRun | undefined, target: CompareTarget): ImageView {
  const plain = describeImage(run, target, null, false);
  const view: ImageView = {
    label: plain,
    title: plain,
    color: run?.color ?? 'currentColor',
    colorIndex: run?.colorIndex,
    src: null,
    image: null,
    urlId: null,
    error: null,
    forget: null,
  };
  if (!run) return { ...view, error: `Run ${target.runId} is not selected.` };
  const state = imageState(data, run.ref, target.key, target.step, target.index);
  switch (state.status) {
    case 'loading':
      return view;
    case 'missing':
      return { ...view, error: `${run.name} logged no image under ${target.key} at step ${target.step}.` };
    case 'unsupported':
      return { ...view, error: state.message };
    case 'error': {
      const forget = () => data.sets.forget([data.setId(run.ref, target.key, target.step)]);
      return { ...view, error: describeError(state.error).message, forget };
    }
  }
  const urlId = data.urlId(run.ref, state.image.path);
  const listed = state.set.images.length > 1;
  const ready = {
    ...view,
    label: describeImage(run, target, state.image.caption, listed),
    title: describeImage(run, target, null, listed),
    image: state.image,
    urlId,
    // The image failed to load or was not uploaded: ask the source to check it again.
    forget: () => data.recheckUrls([urlId]),
  };
  if (state.status === 'not-uploaded') return { ...ready, error: state.message };
  if (state.urlError !== undefined) return { ...ready, error: describeError(state.urlError).message };
  return { ...ready, src: state.url };
}
