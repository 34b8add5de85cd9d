import { createHash } from 'node:crypto';
import type { DatasetRun } from '../../src/memory/dataset.js';

/**
 * The media of the contract dataset beyond plain images, as wandb writes them (`wandb/sdk/data_types`):
 * videos, an image with boxes and a mask, a legacy sprite, a table and a summary-only image. Each
 * function stores the files the value names in `run.files` and returns the value.
 */

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A file named as wandb names media: `<dir>/<key>_<step>_<sha256[:20]>.<ext>`. */
function store(run: DatasetRun, dir: string, key: string, step: number | 'summary', ext: string, bytes: Uint8Array) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = `${dir}/${key}_${step}_${sha256.slice(0, 20)}.${ext}`;
  run.files![path] = bytes;
  return { path, sha256, size: bytes.length };
}

/** `samples/rollout`: one gif (width and height, as wandb encodes arrays) or a list of an mp4 and a webm without captions. */
export function rolloutValue(run: DatasetRun, step: number): Record<string, unknown> {
  if (step < 30) {
    const file = store(run, 'media/videos', 'samples/rollout', step, 'gif', bytesOf(`GIF89a ${run.id} ${step}`));
    return { _type: 'video-file', ...file, width: 64, height: 48, caption: `rollout at step ${step}` };
  }
  const videos = ['mp4', 'webm'].map((ext) => ({
    _type: 'video-file',
    ...store(run, 'media/videos', 'samples/rollout', step, ext, bytesOf(`${ext} video ${run.id} ${step}`)),
  }));
  return { _type: 'videos', count: videos.length, videos, captions: false };
}

/** The box files of `val/detections`: predictions carry their own labels, ground truth relies on the run's. */
export function predictionBoxes(step: number) {
  return {
    box_data: [
      {
        position: { minX: 0.1, maxX: 0.4, minY: 0.2, maxY: 0.6 },
        class_id: 1,
        box_caption: `dog ${step}`,
        scores: { conf: 0.91 },
      },
      { position: { middle: [40, 20], width: 16, height: 10 }, domain: 'pixel', class_id: 0 },
    ],
    class_labels: { 0: 'cat', 1: 'dog' },
  };
}

export function groundTruthBoxes() {
  return {
    box_data: [
      { position: { minX: 0.15, maxX: 0.45, minY: 0.1, maxY: 0.5 }, class_id: 1 },
      { position: { minX: 0.5, maxX: 0.9, minY: 0.5, maxY: 0.9 }, class_id: 2 },
    ],
  };
}

/** What wandb keeps in the run's config `_wandb` for the labels of `val/detections` (`Run._add_singleton`). */
export const DETECTION_CLASS_CONFIG = {
  'bounding_box/class_labels': {
    'val/detections_wandb_delimeter_ground_truth': {
      type: 'bounding_box/class_labels',
      key: 'val/detections_wandb_delimeter_ground_truth',
      value: { 0: 'cat', 1: 'dog' },
    },
  },
  'mask/class_labels': {
    'val/detections_wandb_delimeter_segmentation': {
      type: 'mask/class_labels',
      key: 'val/detections_wandb_delimeter_segmentation',
      value: { 0: 'background', 1: 'cat', 2: 'dog' },
    },
  },
};

/** `val/detections`: an image with two box sets (JSON files) and a mask (a PNG of class ids). */
export function detectionValue(run: DatasetRun, step: number): Record<string, unknown> {
  const key = 'val/detections';
  const image = store(run, 'media/images', key, step, 'png', bytesOf(`\x89PNG detections ${run.id} ${step}`));
  const box = (content: unknown) => ({
    _type: 'boxes2D',
    ...store(run, 'media/metadata/boxes2D', key, step, 'boxes2D.json', bytesOf(JSON.stringify(content))),
  });
  const mask = store(run, 'media/images/mask', key, step, 'mask.png', bytesOf(`\x89PNG mask ${run.id} ${step}`));
  return {
    _type: 'image-file',
    ...image,
    format: 'png',
    width: 64,
    height: 64,
    caption: `detections at step ${step}`,
    boxes: { predictions: box(predictionBoxes(step)), ground_truth: box(groundTruthBoxes()) },
    masks: { segmentation: { _type: 'mask', ...mask } },
  };
}

/** `old/sprite`: a legacy sprite of four 32 px tiles in one PNG named by key and step (wandb ≤ 0.9). */
export function spriteValue(run: DatasetRun, step: number): Record<string, unknown> {
  run.files![`media/images/old/sprite_${step}.png`] = bytesOf(`\x89PNG sprite ${run.id} ${step}`);
  return { _type: 'images', width: 32, height: 32, format: 'png', count: 4, captions: ['a', 'b', null, 'd'] };
}

/** `eval/predictions`: a table, which Run Comparer lists but cannot show. */
export function tableValue(run: DatasetRun, step: number): Record<string, unknown> {
  const content = bytesOf(JSON.stringify({ columns: ['id', 'image', 'label'], data: [[0, 'Image', 'cat']] }));
  return {
    _type: 'table-file',
    ...store(run, 'media/table', 'eval/predictions', step, 'table.json', content),
    ncols: 3,
    nrows: 1,
  };
}

/** `best_sample`: an image set on the summary alone, named with the literal step `summary`. */
export function bestSampleValue(run: DatasetRun): Record<string, unknown> {
  const file = store(run, 'media/images', 'best_sample', 'summary', 'png', bytesOf(`\x89PNG best ${run.id}`));
  return { _type: 'image-file', ...file, format: 'png', width: 64, height: 64, caption: 'best sample (step 20)' };
}
