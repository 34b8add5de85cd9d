import { createHash } from 'node:crypto';
import type { Dataset, DatasetRun, HistoryRow } from '@run-comparer/wandb-client';
import { lighthouse, origamiCrane, redApple, snowyVillage, sunflowers, type Scene } from './scenes.js';
import { mediaConfig, mediaOfStep } from './media-keys.js';
import { divergence, quality, renderSample, SIZE, type TrainingProfile } from './training.js';

/**
 * The bundled sample project: an imaginary LoRA fine-tune of a small text-to-image model on a
 * toy-scenes dataset, swept over learning rates. Four runs sample four prompts (a captioned
 * list of 128 px previews) and a fixed-seed validation image (a single image at the model's full
 * 512 px resolution) on different step schedules; a larger learning rate learns faster, the
 * largest diverges and the job is killed partway. The runs differ in three hyperparameters
 * (`learning_rate`, `lora_rank`, `seed`), and one trains at batch 16 (125 steps an epoch, the
 * others 250), so its `epoch` runs twice as fast per step: every row logs `train/loss`, `train/lr`,
 * `train/grad_norm` and `epoch`, and validation rows `val/loss` and `eval/fid`. Everything is
 * seeded: building it twice gives identical runs and identical image bytes.
 */

export const SAMPLE_ENTITY = 'run-comparer';
export const SAMPLE_PROJECT = 'pixelforge-lora-sweep';

interface Prompt {
  caption: string;
  scene: Scene;
  /** How much longer than average this prompt takes to learn. */
  difficulty: number;
}

export const PROMPTS: readonly Prompt[] = [
  { caption: 'a red apple on a wooden table, studio light', scene: redApple, difficulty: 1 },
  { caption: 'a red and white lighthouse on a cliff at sunset', scene: lighthouse, difficulty: 1.2 },
  { caption: 'a blue origami crane on white paper', scene: origamiCrane, difficulty: 0.9 },
  { caption: 'a field of sunflowers under a starry night sky', scene: sunflowers, difficulty: 1.5 },
];

export const VALIDATION: Prompt = {
  caption: 'validation, seed 42: a snowy mountain village',
  scene: snowyVillage,
  difficulty: 1.1,
};

interface RunPlan extends TrainingProfile {
  id: string;
  displayName: string;
  createdAt: string;
  /** The LoRA rank and the seed: with the learning rate, the three hyperparameters the runs differ in. */
  loraRank: number;
  seed: number;
  /** Images per optimizer step: a larger batch takes fewer steps an epoch. */
  batchSize: number;
  /** Steps between `samples/prompts` logs. */
  sampleEvery: number;
  /** The last step logged: the end of training, or where the job was killed. */
  lastStep: number;
  tags: string[];
  notes: string;
}

/** The model's resolution: validation images are logged at it, previews at {@link SIZE}. */
export const VALIDATION_SIZE = 512;
const MAX_STEPS = 3000;
const LOG_EVERY = 10;
const VALIDATE_EVERY = 1000;
const SECONDS_PER_STEP = 1.1;
/** Images in the toy-scenes dataset: an epoch is this many images, so 250 steps at batch 8. */
const DATASET_SIZE = 2000;

export const RUN_PLANS: readonly RunPlan[] = [
  {
    id: 'lr1e4base',
    displayName: 'lr-1e-4-baseline',
    createdAt: '2026-10-05T09:00:00.000Z',
    learningRate: 1e-4,
    loraRank: 16,
    seed: 42,
    batchSize: 8,
    sampleEvery: 500,
    lastStep: MAX_STEPS,
    tags: ['lora', 'lr-sweep', 'baseline'],
    notes: 'Baseline learning rate from the model card. Samples every 500 steps.',
  },
  {
    id: 'lr3e4fast',
    displayName: 'lr-3e-4',
    createdAt: '2026-10-05T09:04:00.000Z',
    learningRate: 3e-4,
    loraRank: 32,
    seed: 7,
    batchSize: 16,
    sampleEvery: 250,
    lastStep: MAX_STEPS,
    tags: ['lora', 'lr-sweep', 'best'],
    notes:
      'Three times the baseline rate, rank 32 and batch 16 (125 steps an epoch): learns the prompts by step ~1000. Samples every 250 steps.',
  },
  {
    id: 'lr3e5slow',
    displayName: 'lr-3e-5',
    createdAt: '2026-10-05T09:08:00.000Z',
    learningRate: 3e-5,
    loraRank: 8,
    seed: 1234,
    batchSize: 8,
    sampleEvery: 750,
    lastStep: MAX_STEPS,
    tags: ['lora', 'lr-sweep'],
    notes: 'A third of the baseline rate: still blurry after 3000 steps. Samples every 750 steps.',
  },
  {
    id: 'lr1e3oom',
    displayName: 'lr-1e-3-diverged',
    createdAt: '2026-10-05T09:12:00.000Z',
    learningRate: 1e-3,
    loraRank: 16,
    seed: 7,
    batchSize: 8,
    divergesAt: 700,
    sampleEvery: 300,
    lastStep: 1150,
    tags: ['lora', 'lr-sweep'],
    notes:
      'Too high a rate: learns fastest, then diverges after step ~700 (loss goes to NaN) and the job was killed at step 1150.',
  },
];

/** As wandb names a logged image; an image set on the summary has the literal step `summary`. */
function fileName(key: string, step: number | 'summary', bytes: Uint8Array): string {
  return `media/images/${key}_${step}_${createHash('sha256').update(bytes).digest('hex').slice(0, 20)}.png`;
}

/** A training-loss curve: falls with learning, noisy, and climbs to NaN once training diverges. */
function trainLoss(plan: RunPlan, step: number): number {
  const q = quality(plan, step, 1);
  const wobble = Math.sin(step * 0.37) * 0.012 + Math.sin(step * 0.051 + plan.learningRate * 1e5) * 0.008;
  const chaos = divergence(plan, step);
  if (chaos > 0.92) return NaN;
  return round(0.09 + 0.42 * (1 - q) + wobble + chaos * chaos * 3.5, 5);
}

function learningRateAt(plan: RunPlan, step: number): number {
  const warmup = Math.min(1, step / 100);
  const cosine = 0.5 * (1 + Math.cos((Math.PI * step) / MAX_STEPS));
  return round(plan.learningRate * warmup * cosine, 10);
}

/** A made-up FID of the validation samples: falls as the model learns, soars once it diverges. */
function evalFid(plan: RunPlan, step: number): number {
  const q = quality(plan, step, VALIDATION.difficulty);
  return round(18 + 160 * (1 - q) + divergence(plan, step) * 240, 2);
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function buildRun(plan: RunPlan): DatasetRun {
  const files: Record<string, Uint8Array> = {};
  const history: HistoryRow[] = [];
  const start = Date.parse(plan.createdAt) / 1000;
  let bestValLoss = Infinity;
  let bestSample: Record<string, unknown> | null = null;
  let bestBytes: Uint8Array | null = null;
  for (let step = 0; step <= plan.lastStep; step += LOG_EVERY) {
    const row: HistoryRow = {
      _step: step,
      'train/loss': trainLoss(plan, step),
      'train/lr': learningRateAt(plan, step),
      'train/grad_norm': round(0.4 + 0.6 * (1 - quality(plan, step, 1)) + divergence(plan, step) * 20, 4),
    };
    if (step % plan.sampleEvery === 0) {
      const images = PROMPTS.map((prompt, i) =>
        renderSample({ scene: prompt.scene, profile: plan, step, prompt: i, difficulty: prompt.difficulty }),
      );
      const filenames = images.map((bytes) => fileName('samples/prompts', step, bytes));
      images.forEach((bytes, i) => (files[filenames[i]!] = bytes));
      row['samples/prompts'] = {
        _type: 'images/separated',
        width: SIZE,
        height: SIZE,
        format: 'png',
        count: images.length,
        filenames,
        captions: PROMPTS.map((p) => p.caption),
      };
    }
    if (step % VALIDATE_EVERY === 0) {
      const bytes = renderSample(
        {
          scene: VALIDATION.scene,
          profile: plan,
          step,
          prompt: PROMPTS.length,
          difficulty: VALIDATION.difficulty,
        },
        VALIDATION_SIZE,
      );
      const path = fileName('val/fixed_seed', step, bytes);
      files[path] = bytes;
      const value = {
        _type: 'image-file',
        path,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        format: 'png',
        width: VALIDATION_SIZE,
        height: VALIDATION_SIZE,
        caption: VALIDATION.caption,
      };
      row['val/fixed_seed'] = value;
      const valLoss = trainLoss(plan, step) + 0.03;
      row['val/loss'] = round(valLoss, 5);
      row['eval/fid'] = evalFid(plan, step);
      Object.assign(row, mediaOfStep(plan, step, PROMPTS[0]!, files));
      if (valLoss < bestValLoss) {
        bestValLoss = valLoss;
        // wandb writes a summary image to a file of its own, `<key>_summary_<hash>`, not the history row's:
        // `_summary_encode` (wandb/sdk/interface/interface.py) encodes it with namespace "summary"; the real
        // fixture ../shared/fixtures/wandb-offline run 7hmg74qd holds best_sample_summary_89377aba4c3ae347f18c.png.
        const summaryPath = fileName('best_sample', 'summary', bytes);
        bestSample = { ...value, path: summaryPath, caption: `best validation sample (step ${step})` };
        bestBytes = bytes;
      }
    }
    row.epoch = round((step * plan.batchSize) / DATASET_SIZE, 3);
    row._runtime = round(step * SECONDS_PER_STEP, 3);
    row._timestamp = round(start + 20 + step * SECONDS_PER_STEP, 3);
    history.push(row);
  }
  const finished = plan.lastStep === MAX_STEPS;
  if (finished && bestSample && bestBytes) files[bestSample.path as string] = bestBytes;
  return {
    id: plan.id,
    displayName: plan.displayName,
    state: finished ? 'finished' : 'crashed',
    createdAt: plan.createdAt,
    heartbeatAt: new Date((start + 20 + plan.lastStep * SECONDS_PER_STEP) * 1000).toISOString(),
    user: null,
    tags: plan.tags,
    group: 'lr-sweep-2026-10',
    jobType: 'train',
    notes: plan.notes,
    config: {
      base_model: 'pixelforge-base-1.2',
      method: 'lora',
      lora_rank: plan.loraRank,
      learning_rate: plan.learningRate,
      lr_scheduler: 'cosine',
      warmup_steps: 100,
      max_train_steps: MAX_STEPS,
      batch_size: plan.batchSize,
      resolution: VALIDATION_SIZE,
      preview_size: SIZE,
      mixed_precision: 'bf16',
      dataset: 'toy-scenes-v3',
      sample_every: plan.sampleEvery,
      seed: plan.seed,
      ...mediaConfig(plan),
    },
    summary: finished ? { best_val_loss: round(bestValLoss, 5), best_sample: bestSample } : {},
    history,
    files,
  };
}

/** The sample project as a Dataset: the same bytes every time. */
export function buildSampleDataset(): Dataset {
  return { entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT, runs: RUN_PLANS.map(buildRun) };
}
