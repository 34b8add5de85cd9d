import type { ImageRef, ImageSet, RunRef } from '@run-comparer/wandb-client';
import type { ViewerData } from './viewer-data.js';

/**
 * One image of the shared viewer data, as the dialogs (`<image-detail>`, `<image-pair>`) load and
 * show it: the set at exactly a step, then the image's URL. The grid reads the data per cell instead.
 */

/** Where one image stands: loading, failed, not logged, or ready with a URL to show. */
export type ImageState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'missing' }
  | { status: 'unsupported'; message: string }
  | { status: 'not-uploaded'; set: ImageSet; image: ImageRef; message: string }
  | { status: 'ready'; set: ImageSet; image: ImageRef; url: string | null; urlError: unknown };

/** Load one image: its set at exactly `step`, then its URL. */
export async function loadImage(
  data: ViewerData,
  ref: RunRef,
  key: string,
  step: number,
  signal?: AbortSignal,
): Promise<void> {
  await data.loadSets(ref, [key], step, signal);
  const set = data.sets.peek(data.setId(ref, key, step));
  if (set?.images.length && !signal?.aborted)
    await data.loadUrls(
      ref,
      set.images.map((i) => i.path),
      signal,
    );
}

/** The state of image `index` of `key` at exactly `step` (see {@link ImageState}). */
export function imageState(data: ViewerData, ref: RunRef, key: string, step: number, index: number): ImageState {
  const id = data.setId(ref, key, step);
  const error = data.sets.error(id);
  if (error !== undefined) return { status: 'error', error };
  const set = data.sets.peek(id);
  if (set === undefined) return { status: 'loading' };
  if (set === null) return { status: 'missing' };
  if (set.unsupported) return { status: 'unsupported', message: set.unsupported };
  const image = set.images.find((i) => i.index === index);
  if (!image) return { status: 'missing' };
  const missing = data.missingOf(ref, image.path);
  if (missing) return { status: 'not-uploaded', set, image, message: missing };
  const urlError = data.urls.error(data.urlId(ref, image.path));
  return { status: 'ready', set, image, url: data.urlOf(ref, image.path) ?? null, urlError };
}
