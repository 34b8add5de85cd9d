import type { BoxLayerRef, ImageOverlays, MaskLayerRef } from '../media-types.js';
import { parseBoxList } from './boxes.js';
import { isRecord, normalizePath, str } from './value-fields.js';

/** The name of the one unnamed box set (and mask list entries) that wandb 0.8.28–0.8.32 logged. */
const UNNAMED_BOXES = 'boxes';

/**
 * The overlays of one image from its `boxes` and `masks` fields (for a list: its entries of
 * `all_boxes` and `all_masks`); undefined when it has none.
 *
 * Shapes, from wandb's `image.py`, `bounding_boxes_2d.py` and `image_mask.py`:
 * - `boxes`: `{ <set name>: {"_type": "boxes2D", "path": "media/metadata/boxes2D/….boxes2D.json"} }`
 *   (0.8.33 on), the box list written inline instead of a file (the artifact form), or one
 *   `boxes2D` reference without a name (0.8.28–0.8.32).
 * - `masks`: `{ <mask name>: {"_type": "mask", "path": "media/images/mask/….mask.png"} }`, or a
 *   list of mask references (0.8.28–0.8.32).
 */
export function overlaysOf(boxes: unknown, masks: unknown): ImageOverlays | undefined {
  const boxLayers = boxLayersOf(boxes);
  const maskLayers = maskLayersOf(masks);
  return boxLayers.length > 0 || maskLayers.length > 0 ? { boxes: boxLayers, masks: maskLayers } : undefined;
}

function boxLayersOf(value: unknown): BoxLayerRef[] {
  if (Array.isArray(value)) return inlineLayer(UNNAMED_BOXES, value);
  if (!isRecord(value)) return [];
  if (value._type === 'boxes2D') return fileLayer(UNNAMED_BOXES, value);
  return Object.entries(value).flatMap(([name, layer]) =>
    Array.isArray(layer) ? inlineLayer(name, layer) : isRecord(layer) ? fileLayer(name, layer) : [],
  );
}

function fileLayer(name: string, value: Record<string, unknown>): BoxLayerRef[] {
  const path = str(value.path);
  return path ? [{ name, path: normalizePath(path), boxes: null }] : [];
}

function inlineLayer(name: string, list: unknown[]): BoxLayerRef[] {
  return [{ name, path: null, boxes: parseBoxList(list).boxes }];
}

function maskLayersOf(value: unknown): MaskLayerRef[] {
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((mask, i) => [String(i), mask])
    : isRecord(value)
      ? Object.entries(value)
      : [];
  return entries.flatMap(([name, mask]) => {
    const path = isRecord(mask) ? str(mask.path) : null;
    return path ? [{ name, path: normalizePath(path) }] : [];
  });
}
