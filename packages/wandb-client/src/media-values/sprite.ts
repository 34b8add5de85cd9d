import type { ImageRef } from '../types.js';
import { overlaysOf } from './overlay-refs.js';
import { num, str } from './value-fields.js';

/**
 * The tiles of a legacy sprite (`"_type": "images"`, every wandb client before 0.10): one image
 * file with `count` tiles of `width` × `height` pasted left to right, captions in tile order. The
 * value names no file: it is `media/images/<key>_<step>.<format>` (`<key>_summary.<format>` for a
 * summary value), and before `format` existed (wandb 0.6) a JPEG. Each tile becomes its own ref
 * with the same path and its `crop`. Null when the value gives no tile size.
 */
export function spriteTiles(
  key: string,
  fileStep: number | 'summary',
  value: Record<string, unknown>,
): ImageRef[] | null {
  const width = num(value.width);
  const height = num(value.height);
  const count = num(value.count);
  if (width === null || height === null || width <= 0 || height <= 0 || count === null || count < 0) return null;
  const format = str(value.format) ?? 'jpg';
  const path = `media/images/${key}_${fileStep}.${format}`;
  const captions = Array.isArray(value.captions) ? value.captions : [];
  const allBoxes = Array.isArray(value.all_boxes) ? value.all_boxes : [];
  const allMasks = Array.isArray(value.all_masks) ? value.all_masks : [];
  return Array.from({ length: Math.floor(count) }, (_, index) => {
    const overlays = overlaysOf(allBoxes[index], allMasks[index]);
    return {
      path,
      caption: str(captions[index]),
      width,
      height,
      format,
      index,
      sha256: null,
      kind: 'image' as const,
      crop: { x: index * width, y: 0, width, height },
      ...(overlays ? { overlays } : {}),
    };
  });
}
