/**
 * The team-scale workload of issue 13, for every bench that needs it: a project of 100 image-
 * generation runs, each logging 20 scalar keys per history row over 200,000 steps and, every
 * 500 steps (400 image steps), eight image keys (`main/reals`, `main/samples`, `main/qualities`,
 * `main/benchmark_0` .. `main/benchmark_4`), each a list of four captioned PNGs of 512 px
 * (`main/reals` 1,024 px). Optionally one more, much longer run (the 2 GB file of the local bench).
 *
 * Everything is seeded: the same options give the same runs, rows and bytes. The same data is
 * available three ways: rows streamed from a generator ({@link TeamScaleProject.rows}), local run
 * directories written as wandb lays them out ({@link TeamScaleProject.writeTo}), and a `Dataset`
 * for the fake wandb server and the memory source ({@link TeamScaleProject.dataset}).
 *
 * Media: each history value names its own files, as wandb does
 * (`media/images/main/samples_<step>_<first 20 hex of the sha256>.png`), but their bytes come
 * from a pool of 20 pictures (the sample project's four prompts at four stages of training, and
 * the four "reals" at 1,024 px), so the local directories store each picture once and hard-link
 * the rest.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PROMPTS, encodePng, random, samplePixels } from '@run-comparer/sample-project';
import type { Dataset, DatasetRun, HistoryRow, RunState } from '../../packages/wandb-client/src/index.js';
import { writeRunDirectory, type RunToWrite } from '../../packages/wandb-client/src/local/index.js';
import { trainingScalars } from '../../packages/wandb-client/test/local/training-log.js';

export const TEAM_IMAGE_KEYS = [
  'main/reals',
  'main/samples',
  'main/qualities',
  'main/benchmark_0',
  'main/benchmark_1',
  'main/benchmark_2',
  'main/benchmark_3',
  'main/benchmark_4',
] as const;

/** The key logged at 1,024 px; the others are 512 px. */
export const LARGE_IMAGE_KEY = 'main/reals';

/** The 20 scalars of every row: those of the reader bench's training log, less the constant `sched/sigma_max`. */
export const SCALAR_KEYS = Object.keys(trainingScalars(0, () => 0)).filter((key) => key !== 'sched/sigma_max');

export interface TeamScaleOptions {
  entity?: string;
  project?: string;
  /** Runs in the project. Default 100. */
  runs?: number;
  /** History steps per run, 0..steps-1. Default 200,000. */
  steps?: number;
  /**
   * A history row every this many steps. Default 1 (200,000 rows). The local bench logs every
   * 10 steps (20,000 rows), which makes run files of about 20 MB; the image steps are the same.
   */
  rowEvery?: number;
  /** Steps between image rows. Default 500. */
  imageEvery?: number;
  /** One more run, created first, logging every step for this many steps (about 790 bytes a step). */
  longRunSteps?: number | null;
}

/** One run of the project, before its rows are generated. */
export interface TeamScaleRun {
  id: string;
  index: number;
  displayName: string;
  state: RunState;
  createdAt: string;
  tags: string[];
  group: string;
  config: Record<string, unknown>;
  /** Steps 0..steps-1 are logged (a crashed run stops early). */
  steps: number;
  rowEvery: number;
}

/** A picture of the pool and what wandb records of it. */
interface PoolImage {
  bytes: Uint8Array;
  /** First 20 hex digits of its sha256: the id in its file name. */
  id: string;
}

const STAGES = 4;
const SECONDS_PER_STEP = 0.5;
const FIRST_CREATED = Date.parse('2026-06-01T08:00:00Z');

export class TeamScaleProject {
  readonly entity: string;
  readonly project: string;
  readonly runs: TeamScaleRun[];
  readonly imageEvery: number;
  private pool: Map<string, PoolImage> | null = null;

  constructor(readonly options: TeamScaleOptions = {}) {
    this.entity = options.entity ?? 'team-scale';
    this.project = options.project ?? 'sdxl-distill-sweep';
    this.imageEvery = options.imageEvery ?? 500;
    const steps = options.steps ?? 200_000;
    const rowEvery = options.rowEvery ?? 1;
    const count = options.runs ?? 100;
    this.runs = Array.from({ length: count }, (_, i) => teamRun(i + 1, steps, rowEvery));
    if (options.longRunSteps) {
      this.runs.unshift({
        ...teamRun(0, options.longRunSteps, 1),
        id: 'long0000',
        displayName: 'long-run-full-schedule',
      });
    }
  }

  /** The steps at which `run` logs images. */
  imageSteps(run: TeamScaleRun): number[] {
    const steps: number[] = [];
    for (let step = 0; step < run.steps; step += this.imageEvery) steps.push(step);
    return steps;
  }

  /** History rows logged by `run`, in step order: 20 scalar keys each, and the eight image keys on image steps. */
  *rows(run: TeamScaleRun): Generator<HistoryRow> {
    const next = random(run.index * 7919 + 17);
    const start = Date.parse(run.createdAt) / 1000;
    const lr = run.config.learning_rate as number;
    for (let step = 0; step < run.steps; step++) {
      const images = step % this.imageEvery === 0;
      if (!images && step % run.rowEvery !== 0) continue;
      const row: HistoryRow = { _step: step, ...scalars(step, lr, next) };
      if (images) for (const key of TEAM_IMAGE_KEYS) row[key] = this.imageValue(run, key, step);
      row._runtime = step * SECONDS_PER_STEP;
      row._timestamp = start + step * SECONDS_PER_STEP + next() * 0.01;
      yield row;
    }
  }

  /** Every media file the run's rows name, by path: pool pictures, shared across paths. */
  files(run: TeamScaleRun): Record<string, Uint8Array> {
    const files: Record<string, Uint8Array> = {};
    for (const step of this.imageSteps(run)) {
      for (const key of TEAM_IMAGE_KEYS) {
        PROMPTS.forEach((_, i) => {
          const picture = this.picture(key, i, step, run);
          files[mediaPath(key, step, picture.id)] = picture.bytes;
        });
      }
    }
    return files;
  }

  /** `run` as the local writer takes it, its history streamed. */
  toWrite(run: TeamScaleRun): RunToWrite {
    return { ...datasetRunBase(run), history: this.rows(run), files: this.files(run) };
  }

  /**
   * The project as a `Dataset`. Each run's history and files are generated when first read and
   * then kept: about 0.5 KB per row, so a run of 200,000 rows holds about 100 MB once read.
   */
  dataset(): Dataset {
    const rows = (run: TeamScaleRun) => [...this.rows(run)];
    const files = (run: TeamScaleRun) => this.files(run);
    const runs = this.runs.map((run): DatasetRun => {
      let history: HistoryRow[] | null = null;
      let media: Record<string, Uint8Array> | null = null;
      return {
        ...datasetRunBase(run),
        get history() {
          return (history ??= rows(run));
        },
        get files() {
          return (media ??= files(run));
        },
      };
    });
    return { entity: this.entity, project: this.project, runs };
  }

  /**
   * Write every run as wandb lays it out under `wandbDir` (plus the `latest-run` link), media
   * files hard-linked to one copy of each pool picture. Returns the run directories.
   */
  writeTo(wandbDir: string, onRun?: (run: TeamScaleRun, dir: string) => void): string[] {
    mkdirSync(wandbDir, { recursive: true });
    const sharedFiles = new Map<Uint8Array, string>();
    const dirs = this.runs.map((run) => {
      const dir = writeRunDirectory(this.toWrite(run), wandbDir, {
        entity: this.entity,
        project: this.project,
        sharedFiles,
      });
      onRun?.(run, dir);
      return dir;
    });
    const newest = dirs.at(-1);
    const latest = join(wandbDir, 'latest-run');
    rmSync(latest, { force: true });
    if (newest) symlinkSync(basename(newest), latest);
    return dirs;
  }

  private imageValue(run: TeamScaleRun, key: string, step: number): Record<string, unknown> {
    const pictures = PROMPTS.map((_, i) => this.picture(key, i, step, run));
    const size = key === LARGE_IMAGE_KEY ? 1024 : 512;
    return {
      _type: 'images/separated',
      width: size,
      height: size,
      format: 'png',
      count: pictures.length,
      filenames: pictures.map((picture) => mediaPath(key, step, picture.id)),
      captions: PROMPTS.map((prompt) => prompt.caption),
    };
  }

  /** The pool picture for prompt `i` of `key` at `step`: reals never change, samples sharpen over training. */
  private picture(key: string, i: number, step: number, run: TeamScaleRun): PoolImage {
    const stage = key === LARGE_IMAGE_KEY ? STAGES - 1 : Math.min(STAGES - 1, Math.floor((STAGES * step) / run.steps));
    const name = `${key === LARGE_IMAGE_KEY ? 'real' : 'sample'}-${i}-${stage}`;
    const pool = (this.pool ??= makePool());
    return pool.get(name)!;
  }
}

function mediaPath(key: string, step: number, id: string): string {
  return `media/images/${key}_${step}_${id}.png`;
}

const LEARNING_RATES = [5e-5, 1e-4, 2e-4, 3e-4, 5e-4];

function teamRun(index: number, steps: number, rowEvery: number): TeamScaleRun {
  const lr = LEARNING_RATES[index % LEARNING_RATES.length]!;
  // A few runs were killed three quarters in (no exit record), a few failed.
  const state: RunState = index % 17 === 5 ? 'crashed' : index % 29 === 7 ? 'failed' : 'finished';
  return {
    id: `team${String(index).padStart(4, '0')}`,
    index,
    displayName: `distill-lr${lr.toExponential(0).replace('+', '')}-seed${index}`,
    state,
    createdAt: new Date(FIRST_CREATED + index * 2 * 3600_000).toISOString(),
    tags: ['team-scale', `lr-${lr}`, ...(index % 10 === 0 ? ['baseline'] : [])],
    group: `sweep-${Math.floor(index / 25)}`,
    config: {
      model: 'sdxl-student-v2',
      teacher: 'sdxl-base-1.0',
      learning_rate: lr,
      batch_size: 64,
      resolution: 512,
      seed: index,
      guidance_scale: 5 + (index % 4),
      num_inference_steps: 4,
      ema_decay: 0.9999,
      scheduler: 'lcm',
      optimizer: { name: 'adamw', betas: [0.9, 0.999], weight_decay: 0.01 },
    },
    steps: state === 'crashed' ? Math.floor(steps * 0.75) : steps,
    rowEvery,
  };
}

function datasetRunBase(run: TeamScaleRun): Omit<DatasetRun, 'history'> {
  return {
    id: run.id,
    displayName: run.displayName,
    state: run.state,
    createdAt: run.createdAt,
    tags: run.tags,
    group: run.group,
    jobType: 'train',
    notes: null,
    config: run.config,
  };
}

/** The 20 scalars of one row, noisy so that their JSON lengths vary as real ones do. */
function scalars(step: number, lr: number, next: () => number): Record<string, number> {
  const values = trainingScalars(step, next, lr);
  delete values['sched/sigma_max'];
  return values;
}

/**
 * The pool: each prompt at four stages of training at 512 px, and each prompt's "real" at
 * 1,024 px, with film grain so that they compress like photographs (about 0.4 MB and 1.6 MB).
 */
function makePool(): Map<string, PoolImage> {
  const pool = new Map<string, PoolImage>();
  const add = (name: string, size: number, i: number, step: number) => {
    const pixels = samplePixels(
      {
        scene: PROMPTS[i]!.scene,
        profile: { learningRate: 3e-4 },
        step,
        prompt: i,
        difficulty: PROMPTS[i]!.difficulty,
      },
      size,
    );
    const grain = random(size * 31 + i * 7 + step);
    for (let p = 0; p < pixels.length; p++) pixels[p] = Math.max(0, Math.min(255, pixels[p]! + (grain() - 0.5) * 14));
    const bytes = encodePng(size, size, pixels);
    pool.set(name, { bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 20) });
  };
  PROMPTS.forEach((_, i) => {
    for (let stage = 0; stage < STAGES; stage++) add(`sample-${i}-${stage}`, 512, i, [0, 400, 1200, 3000][stage]!);
    add(`real-${i}-${STAGES - 1}`, 1024, i, 6000);
  });
  return pool;
}
