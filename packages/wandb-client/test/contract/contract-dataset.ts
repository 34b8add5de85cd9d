import type { Dataset, DatasetRun, HistoryRow } from '../../src/memory/dataset.js';
import {
  bestSampleValue,
  DETECTION_CLASS_CONFIG,
  detectionValue,
  rolloutValue,
  spriteValue,
  tableValue,
} from './media-values.js';

/** Bytes that stand for an image file; the contract compares bytes, it does not decode them. */
export function fakeImageBytes(label: string): Uint8Array {
  return new TextEncoder().encode(`\x89PNG fake image ${label}`);
}

const GRID_PROMPTS = [
  'a koi pond under cherry blossoms, gouache',
  'a brass telescope on a cluttered desk, macro photo',
  'a hot-air balloon over a desert canyon, matte painting',
];

function gridValue(run: DatasetRun, step: number, count: number, withCaptions: boolean) {
  const filenames = Array.from({ length: count }, (_, i) => `media/images/samples/grid_${step}_${run.id}${i}.png`);
  for (const name of filenames) run.files![name] = fakeImageBytes(`${run.id} ${name}`);
  return {
    _type: 'images/separated',
    width: 64,
    height: 64,
    format: 'png',
    count,
    filenames,
    ...(withCaptions ? { captions: GRID_PROMPTS.slice(0, count) } : {}),
  };
}

function referenceValue(run: DatasetRun, step: number) {
  const path = `media/images/val/reference_${step}_${run.id}.png`;
  run.files![path] = fakeImageBytes(`${run.id} ${path}`);
  return {
    _type: 'image-file',
    path,
    caption: `val reference at step ${step}`,
    format: 'png',
    width: 64,
    height: 64,
    sha256: `${step}`.padStart(64, '0'),
    size: 64,
  };
}

function rows(run: DatasetRun, lastStep: number, images: (step: number) => Record<string, unknown>): HistoryRow[] {
  return Array.from({ length: lastStep + 1 }, (_, step) => ({
    _step: step,
    _runtime: step * 2.5,
    _timestamp: Date.parse(run.createdAt) / 1000 + step * 2.5,
    'train/loss': Math.round((1 / (step + 1)) * 1e6) / 1e6,
    ...images(step),
  }));
}

/**
 * The project every source must serve identically. Three runs: a finished run with image lists,
 * single images, a legacy sprite, videos, an image with boxes and a mask, a table, an image logged
 * only in its summary, and NaN/±Infinity in its config and summary; a crashed run with captionless lists, a list logged
 * without `filenames` and a last image it never uploaded; and a run that logged no images at all.
 * Scalars: `train/loss`, `_runtime` and `_timestamp` in every row; `epoch` at 8 steps an epoch in
 * every row of the first run and at 4 steps an epoch on the even steps of the second; `eval/fid`
 * every 7 steps of the first run, NaN at step 21; a text key `phase`.
 */
export function contractDataset(): Dataset {
  const alpha: DatasetRun = {
    id: 'r1alpha',
    displayName: 'lr-1e-4',
    state: 'finished',
    createdAt: '2026-01-03T10:00:00.000Z',
    tags: ['baseline', 'sdxl'],
    group: 'sweep-a',
    jobType: 'train',
    notes: 'baseline learning rate',
    config: {
      learning_rate: 0.0001,
      batch_size: 8,
      model: { name: 'unet', channels: 320 },
      // Python logs these as the bare JSON tokens NaN, Infinity and -Infinity.
      max_grad_norm: Infinity,
      loss_scale: { init: NaN, floor: -Infinity },
      // wandb's own entry: the class labels of the boxes and mask of `val/detections`.
      _wandb: DETECTION_CLASS_CONFIG,
    },
    summary: { best_fid: 12.5, 'eval/clip_score': NaN, 'eval/grad_norm': { max: Infinity, min: -Infinity, mean: NaN } },
    history: [],
    files: {},
  };
  alpha.history = rows(alpha, 30, (step) => ({
    // Eight steps an epoch, logged in every row; a sparse metric that diverges once; a text key.
    epoch: Math.floor(step / 8),
    ...(step % 7 === 0 ? { 'eval/fid': step === 21 ? NaN : Math.round((40 - step) * 10) / 10 } : {}),
    phase: step < 5 ? 'warmup' : 'train',
    ...(step % 10 === 0 ? { 'samples/grid': gridValue(alpha, step, 3, true) } : {}),
    ...(step % 15 === 0 ? { 'val/reference': referenceValue(alpha, step) } : {}),
    ...(step === 10 ? { 'old/sprite': spriteValue(alpha, step) } : {}),
    ...(step === 0 || step === 20 || step === 30 ? { 'samples/rollout': rolloutValue(alpha, step) } : {}),
    ...(step === 10 || step === 20 ? { 'val/detections': detectionValue(alpha, step) } : {}),
    ...(step === 30 ? { 'eval/predictions': tableValue(alpha, step) } : {}),
  }));
  alpha.summary!.best_sample = bestSampleValue(alpha);

  const beta: DatasetRun = {
    id: 'r2beta',
    displayName: 'lr-5e-4',
    state: 'crashed',
    createdAt: '2026-01-04T08:30:00.000Z',
    tags: ['sdxl'],
    group: 'sweep-a',
    jobType: 'train',
    config: { learning_rate: 0.0005, batch_size: 8, model: { name: 'unet', channels: 320 } },
    history: [],
    files: {},
  };
  beta.history = rows(beta, 12, (step) => {
    // Four steps an epoch (a larger batch), logged on even steps only: the image row of step 5 has none.
    const values: Record<string, unknown> = step % 2 === 0 ? { epoch: step / 4 } : {};
    if (step % 5 === 0) values['samples/grid'] = gridValue(beta, step, 2, false);
    if (step === 0 || step === 12) values['val/reference'] = referenceValue(beta, step);
    if (step === 5) {
      for (let i = 0; i < 2; i++) beta.files![`media/images/samples/legacy_5_${i}.png`] = fakeImageBytes(`legacy ${i}`);
      values['samples/legacy'] = { _type: 'images/separated', width: 64, height: 64, format: 'png', count: 2 };
    }
    return values;
  });
  // It crashed before uploading the last reference image its history names.
  delete beta.files!['media/images/val/reference_12_r2beta.png'];

  const gamma: DatasetRun = {
    id: 'r3gamma',
    displayName: 'scalar-only',
    state: 'finished',
    createdAt: '2026-01-02T12:00:00.000Z',
    tags: [],
    group: null,
    jobType: 'eval',
    config: { learning_rate: 0.001 },
    history: [],
    files: {},
  };
  gamma.history = rows(gamma, 4, () => ({}));

  return { entity: 'contract-team', project: 'img-gen', runs: [alpha, beta, gamma] };
}
