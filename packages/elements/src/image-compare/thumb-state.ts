import type { RunRef } from '@run-comparer/wandb-client';
import type { BrokenImages } from '../data/broken-images.js';
import type { ViewerData } from '../data/viewer-data.js';

/** Where the thumbnail of one image stands, from what the data holds and which images broke. */
export interface ThumbState {
  urlId: string;
  /** The media URL while it is valid; undefined while it loads. */
  url: string | undefined;
  /** Why the URL could not be had, if it could not. */
  urlError: unknown;
  /** Why the run has no file for the image (never uploaded), or null. */
  missing: string | null;
  /** The image did not load, even from a fresh URL. */
  broken: boolean;
}

export function thumbState(data: ViewerData, broken: BrokenImages, ref: RunRef, path: string): ThumbState {
  const urlId = data.urlId(ref, path);
  const url = data.urlOf(ref, path);
  return {
    urlId,
    url,
    urlError: data.urls.error(urlId),
    missing: data.missingOf(ref, path),
    broken: broken.isBroken(data, urlId, url),
  };
}

/** Whether the thumbnail shows (or is loading) its image, not a failure or a note: then it takes focus. */
export function showsImage(state: ThumbState): boolean {
  return state.urlError === undefined && state.missing === null && !state.broken;
}
