import type { ImageSet } from '../types.js';

/** Every run file a media set names: its images or videos, and the files of their boxes and masks. */
export function mediaPathsOf(set: ImageSet): string[] {
  const paths = new Set<string>();
  for (const image of set.images) {
    paths.add(image.path);
    for (const layer of image.overlays?.boxes ?? []) if (layer.path) paths.add(layer.path);
    for (const layer of image.overlays?.masks ?? []) paths.add(layer.path);
  }
  return [...paths];
}
