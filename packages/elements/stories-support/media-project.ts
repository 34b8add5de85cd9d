import { createMemorySource, type RunSource } from '@run-comparer/wandb-client';
import { mediaProject, webmBytes } from '../test-support/media-fixtures.js';
import { ENTITY, PROJECT } from '../test-support/viewer-fixtures.js';
import type { SelectionSpec } from './selection.js';
import { selection } from './selection.js';

let source: Promise<RunSource> | undefined;

/** A memory source over the media test project: a webm video in two runs, boxes and a mask, a GIF, a legacy sprite. */
export function mediaSource(): Promise<RunSource> {
  source ??= webmBytes().then((webm) => createMemorySource(mediaProject(webm)));
  return source;
}

/** A story loader: the media project's two runs selected, with `spec` (an open image, a pair). */
export function mediaSelection(spec: SelectionSpec) {
  return async () => {
    const media = await mediaSource();
    const { store } = await selection(
      { runs: ['amber', 'brook'], project: { entity: ENTITY, project: PROJECT }, ...spec },
      media,
    )();
    return { store, source: media };
  };
}
