import { createHash } from 'node:crypto';
import type { Dataset, DatasetRun, HistoryRow } from '@run-comparer/wandb-client';

export interface SyntheticOptions {
  entity?: string;
  project?: string;
  /** Number of runs. Default 8. */
  runs?: number;
  /** Image keys; even positions log lists (`images/separated`), odd ones single images. */
  imageKeys?: string[];
  /** Steps 0..lastStep each log `train/loss`. Default 100. */
  lastStep?: number;
  /** Images are logged every this many steps (and at the last step). Default 10. */
  imageEvery?: number;
  /** Images per list value. Default 2. */
  imagesPerList?: number;
  /** Creation time of the first run; each next run is an hour later. */
  firstCreatedAt?: string;
  /**
   * Image values as large as the real SDK writes them for image generation: file names with wandb's
   * 20-hex content hash, `sha256` and `size` on single images, and prompts of about 200 characters as
   * captions. Default false (short names, short captions).
   */
  realistic?: boolean;
}

export const DEFAULT_IMAGE_KEYS = ['samples/grid', 'val/reference', 'samples/uncond', 'val/depth'];

/**
 * A project shaped like image-generation training: runs that log a loss every step and images
 * every few steps, lists and single images side by side, with a small file per image.
 */
export function syntheticDataset(options: SyntheticOptions = {}): Dataset {
  const keys = options.imageKeys ?? DEFAULT_IMAGE_KEYS;
  const lastStep = options.lastStep ?? 100;
  const every = options.imageEvery ?? 10;
  const perList = options.imagesPerList ?? 2;
  const start = Date.parse(options.firstCreatedAt ?? '2026-02-01T09:00:00Z');
  const runs = Array.from({ length: options.runs ?? 8 }, (_, r): DatasetRun => {
    const id = `run${String(r).padStart(4, '0')}`;
    const run: DatasetRun = {
      id,
      displayName: `synthetic-${r}`,
      state: 'finished',
      createdAt: new Date(start + r * 3_600_000).toISOString(),
      tags: r % 2 === 0 ? ['even'] : ['odd'],
      group: 'synthetic',
      jobType: 'train',
      config: { learning_rate: 1e-4 * (r + 1), seed: r },
      history: [],
      files: {},
    };
    for (let step = 0; step <= lastStep; step++) {
      const row: HistoryRow = { _step: step, _runtime: step * 1.5, 'train/loss': 1 / (step + 1 + r) };
      if (step % every === 0 || step === lastStep) {
        keys.forEach(
          (key, k) =>
            (row[key] = options.realistic
              ? realisticValue(run, key, step, k % 2 === 0 ? perList : 0)
              : k % 2 === 0
                ? listValue(run, key, step, perList)
                : singleValue(run, key, step)),
        );
      }
      run.history.push(row);
    }
    return run;
  });
  return { entity: options.entity ?? 'synthetic-team', project: options.project ?? 'image-gen', runs };
}

function fileBytes(run: DatasetRun, key: string, step: number, index: number): Uint8Array {
  return new TextEncoder().encode(`\x89PNG synthetic ${run.id} ${key} ${step} ${index}`);
}

function fileFor(run: DatasetRun, key: string, step: number, index: number): string {
  const path = `media/images/${key}_${step}_${run.id}${index}.png`;
  run.files![path] = fileBytes(run, key, step, index);
  return path;
}

function listValue(run: DatasetRun, key: string, step: number, count: number) {
  const filenames = Array.from({ length: count }, (_, i) => fileFor(run, key, step, i));
  const captions = filenames.map((_, i) => `prompt ${i} at step ${step}`);
  return { _type: 'images/separated', width: 64, height: 64, format: 'png', count, filenames, captions };
}

function singleValue(run: DatasetRun, key: string, step: number) {
  const path = fileFor(run, key, step, 0);
  return { _type: 'image-file', path, format: 'png', width: 64, height: 64, caption: `${key} at ${step}` };
}

const SUBJECTS = [
  'a koi pond under cherry blossoms',
  'a brass telescope on a cluttered desk',
  'a hot-air balloon over a desert canyon',
  'an old lighthouse on a basalt cliff at dusk',
  'a fox curled up in fresh snow beside a birch tree',
  'a tram crossing a rainy city street at night',
];
const STYLES = [
  'gouache, soft edges, muted palette, paper texture',
  'macro photo, 85mm, shallow depth of field, studio lighting',
  'matte painting, volumetric light, highly detailed, 4k',
  'watercolor, loose brush strokes, warm tones, trending on artstation',
];

/** A prompt of about 200 characters, as image-generation runs log for captions. */
function prompt(seed: number): string {
  const subject = SUBJECTS[seed % SUBJECTS.length]!;
  const style = STYLES[Math.floor(seed / SUBJECTS.length) % STYLES.length]!;
  return `${subject}, ${style}, seed ${1000 + seed}, cfg 7.5, 30 steps, negative: blurry, lowres, watermark, text, jpeg artifacts`;
}

/** A file as the SDK names it: `media/images/<key>_<step>_<20 hex of the content hash>.png`. */
function hashedFile(run: DatasetRun, key: string, step: number, index: number) {
  const bytes = fileBytes(run, key, step, index);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = `media/images/${key}_${step}_${sha256.slice(0, 20)}.png`;
  run.files![path] = bytes;
  return { path, sha256, size: bytes.byteLength };
}

/** `count` images as an `images/separated` list (0: one `image-file`), shaped as the real SDK writes them. */
function realisticValue(run: DatasetRun, key: string, step: number, count: number) {
  if (count === 0) {
    const file = hashedFile(run, key, step, 0);
    return {
      caption: prompt(step),
      _type: 'image-file',
      sha256: file.sha256,
      size: file.size,
      path: file.path,
      format: 'png',
      width: 1024,
      height: 1024,
    };
  }
  const files = Array.from({ length: count }, (_, i) => hashedFile(run, key, step, i));
  return {
    _type: 'images/separated',
    width: 1024,
    height: 1024,
    format: 'png',
    count,
    filenames: files.map((f) => f.path),
    captions: files.map((_, i) => prompt(step + i)),
  };
}
