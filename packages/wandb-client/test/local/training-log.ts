/**
 * A generated `.wandb` file shaped like a real training log, for the reader's tests and its
 * benchmark: history rows of about 870 bytes with 23 scalar keys, images every few hundred
 * steps (each file first named by a FilesRecord, as wandb writes it), and optionally rows of
 * `wandb.watch` gradient histograms large enough to span several blocks. Values are drawn
 * from a seeded PRNG, so row sizes vary as real ones do and block boundaries land anywhere.
 */
import { BLOCK_SIZE, CHUNK_HEADER_SIZE } from '../../src/local/log/format.js';
import { LogWriter, type ByteSink } from '../../src/local/log/writer.js';
import { FILE_TYPE, encodeRecord, writeHistoryBody, writeItems, writeRunBody } from '../../src/local/proto/encode.js';
import type { RECORD_FIELDS } from '../../src/local/proto/records.js';
import type { ProtoWriter } from '../../src/local/proto/writer.js';
import { random } from '@run-comparer/sample-project';

export interface TrainingLogShape {
  seed: number;
  /** Steps between rows that log images (four prompts and one validation image); 0 logs none. */
  imageEvery: number;
  /** Steps between rows that also carry `wandb.watch` histograms of 20-200 layers (30-300 KB); 0 for none. */
  watchEvery?: number;
  /**
   * Share (0-1) of the rows that end a block which are lengthened (by a longer caption value)
   * to leave exactly 0 to 7 bytes in the block: the exact fit, zero-padded tail and zero-length
   * FIRST cases of wandb's writer, which a real multi-hundred-MB file holds a few dozen of.
   */
  tailShare?: number;
}

/** One record as written: where its first chunk starts, where its last ends, its bytes. */
export interface WrittenRecord {
  type: keyof typeof RECORD_FIELDS;
  start: number;
  end: number;
  payload: Uint8Array;
}

export const TRAINING_ENTITY = 'bench';
export const TRAINING_PROJECT = 'local-reader';
export const IMAGE_KEYS = ['samples/prompts', 'val/fixed_seed'] as const;

const PROMPTS = ['a red fox in snow', 'a lighthouse at dusk', 'a bowl of ramen, studio photo', 'an origami crane'];
/** The size of a typical row: below this much room a block has no room for another one. */
const TYPICAL_ROW = 900;

export class TrainingLogWriter {
  readonly log: LogWriter;
  /** The next step to log. */
  step = 0;
  rows = 0;
  /** Payload bytes and count of the history records written without histograms. */
  plainRowBytes = 0;
  plainRows = 0;
  readonly imageSteps: number[] = [];
  /** Every history key logged: the keys a reader's summary must hold. */
  readonly keys = new Set<string>();
  /** The last value logged for each key: the summary wandb writes when the run ends. */
  readonly last: Record<string, unknown> = {};
  /** Every record written, kept only when asked for (tests compare them with what is read). */
  readonly records: WrittenRecord[] | null;
  private num = 0;
  private readonly random: () => number;

  constructor(
    sink: ByteSink,
    readonly runId: string,
    private readonly shape: TrainingLogShape,
    options: { keepRecords?: boolean } = {},
  ) {
    this.log = new LogWriter(sink);
    this.random = random(shape.seed);
    this.records = options.keepRecords ? [] : null;
  }

  get offset(): number {
    return this.log.offset;
  }

  /** Records written so far, of every type. */
  get recordCount(): number {
    return this.num;
  }

  /** The records before the first row: header, run (with its config), files, config. */
  begin(startTime: number): void {
    this.write('header');
    this.write('run', (w) =>
      writeRunBody(w, {
        runId: this.runId,
        entity: TRAINING_ENTITY,
        project: TRAINING_PROJECT,
        displayName: `generated-${this.shape.seed}`,
        config: { _wandb: {}, lr: 1e-4, batch_size: 64, resolution: 512, seed: this.shape.seed },
        startTime,
      }),
    );
    this.files(['wandb-metadata.json']);
    this.write('config', (w) => writeItems(w, 1, { _wandb: { cli_version: '0.20.1', m: [], t: {} } }));
    this.startTime = startTime;
  }

  private startTime = 0;

  /** Log rows until the file is at least `offset` bytes long. */
  writeUntil(offset: number): void {
    while (this.log.offset < offset) this.row();
  }

  private row(): void {
    const step = this.step++;
    const values = this.scalars(step);
    const { imageEvery, watchEvery = 0 } = this.shape;
    if (imageEvery > 0 && step % imageEvery === 0) {
      Object.assign(values, images(step));
      this.files(IMAGE_KEYS.flatMap((key) => imagePaths(values[key])));
      this.imageSteps.push(step);
    }
    const watched = watchEvery > 0 && step > 0 && step % watchEvery === 0;
    if (watched) Object.assign(values, this.histograms());
    Object.assign(values, { _timestamp: this.startTime / 1000 + step * 0.25, _runtime: step * 0.25, _step: step });
    for (const key in values) this.keys.add(key);
    Object.assign(this.last, values);
    const payload = this.encodeRow(step, values);
    const row = this.fitToBlockEnd(step, values, payload) ?? payload;
    this.append('history', row);
    this.rows++;
    if (!watched) {
      this.plainRows++;
      this.plainRowBytes += row.length;
    }
  }

  /** 23 scalar keys (24 every tenth step), noisy so that their JSON lengths vary. */
  private scalars(step: number): Record<string, unknown> {
    const values: Record<string, unknown> = {
      ...trainingScalars(step, this.random),
      'data/shard': `shard-${String(Math.floor(step / 1000)).padStart(5, '0')}`,
      'data/caption': PROMPTS[step % PROMPTS.length],
    };
    if (step % 10 === 0) values['val/loss'] = 0.8 / (1 + step * 1e-3) + (this.random() - 0.5) * 0.01;
    return values;
  }

  /** `wandb.watch(model, log="all")`: a 64-bin histogram of gradients per layer. */
  private histograms(): Record<string, unknown> {
    const layers = 20 + Math.floor(this.random() * 180);
    const values: Record<string, unknown> = {};
    for (let layer = 0; layer < layers; layer++) {
      const width = 1e-3 * (1 + this.random());
      values[`gradients/unet.blocks.${layer}.attn.weight`] = {
        _type: 'histogram',
        values: Array.from({ length: 64 }, (_, i) => Math.round(4096 * Math.exp(-(((i - 32) / 12) ** 2)))),
        bins: Array.from({ length: 65 }, (_, i) => -width + (2 * width * i) / 64),
      };
    }
    return values;
  }

  /**
   * When this row is the last that fits in the current block, sometimes give it exactly the
   * size that leaves 0-7 bytes in the block (by lengthening its caption); null otherwise.
   */
  private fitToBlockEnd(step: number, values: Record<string, unknown>, plain: Uint8Array): Uint8Array | null {
    const share = this.shape.tailShare ?? 0;
    if (share === 0) return null;
    const room = BLOCK_SIZE - (this.log.offset % BLOCK_SIZE) - CHUNK_HEADER_SIZE;
    if (plain.length > room || room - plain.length > TYPICAL_ROW || this.random() >= share) return null;
    const target = room - Math.floor(this.random() * 8);
    const caption = String(values['data/caption']);
    let extra = target - plain.length;
    for (let attempt = 0; attempt < 4 && extra >= 0; attempt++) {
      const payload = this.encodeRow(step, { ...values, 'data/caption': caption + ' '.repeat(extra) });
      if (payload.length === target) return payload;
      extra += target - payload.length;
    }
    return null;
  }

  /**
   * A console line (OutputRawRecord) of the length that makes the file end exactly at `target`,
   * which must lie in the current block with room for a short line.
   */
  pad(target: number): void {
    const blockEnd = (Math.floor(this.log.offset / BLOCK_SIZE) + 1) * BLOCK_SIZE;
    if (target > blockEnd || target - this.log.offset < CHUNK_HEADER_SIZE + 64)
      throw new RangeError(`cannot pad from ${this.log.offset} to ${target} within one block`);
    const line = (length: number) =>
      encodeRecord(this.num + 1, 'output_raw', this.runId, (w) => w.varint(1, 1).string(3, 'x'.repeat(length)));
    let length = target - this.log.offset - CHUNK_HEADER_SIZE - 40;
    for (let attempt = 0; attempt < 8; attempt++) {
      const payload = line(length);
      const short = target - (this.log.offset + CHUNK_HEADER_SIZE + payload.length);
      if (short === 0) return this.append('output_raw', payload);
      length += short;
    }
    throw new RangeError(`no console line ends exactly at ${target}`);
  }

  /** A config change logged mid-run (`run.config.update(...)`). */
  configUpdate(values: Record<string, unknown>): void {
    this.write('config', (w) => writeItems(w, 1, values));
  }

  /**
   * End the run as wandb does: exit, a few system stats, the summary (the last value of every
   * key, plus `extra`), final and footer.
   */
  finish(exitCode = 0, extra: Record<string, unknown> = {}): void {
    const runtime = Math.round(this.step * 0.25);
    this.write('exit', (w) => {
      if (exitCode) w.varint(1, exitCode);
      w.varint(2, runtime);
    });
    for (let i = 0; i < 3; i++) {
      this.write('stats', (w) => {
        w.message(2, (time) => time.varint(1, Math.floor(this.startTime / 1000) + runtime + i));
        w.message(3, (item) => item.string(1, 'gpu.0.gpu').string(16, String(90 + i)));
      });
    }
    this.write('summary', (w) => writeItems(w, 1, { ...this.last, ...extra }));
    this.write('final');
    this.write('footer');
  }

  private encodeRow(step: number, values: Record<string, unknown>): Uint8Array {
    return encodeRecord(this.num + 1, 'history', this.runId, (w) => writeHistoryBody(w, step, values));
  }

  private files(paths: readonly string[]): void {
    this.write('files', (w) => {
      for (const path of paths) {
        w.message(1, (item) => {
          item.string(1, path);
          item.varint(3, path.startsWith('media/') ? FILE_TYPE.media : FILE_TYPE.wandb);
        });
      }
    });
  }

  private write(type: keyof typeof RECORD_FIELDS, body?: (writer: ProtoWriter) => void): void {
    this.append(type, encodeRecord(this.num + 1, type, this.runId, body));
  }

  private append(type: keyof typeof RECORD_FIELDS, payload: Uint8Array): void {
    this.num++;
    const start = this.log.append(payload);
    this.records?.push({ type, start, end: this.log.offset, payload });
  }
}

/**
 * The 21 numeric scalars a diffusion training loop logs at `step` (loss, learning rate, schedule,
 * throughput), noisy so that their JSON lengths vary; `next` draws the noise.
 */
export function trainingScalars(step: number, next: () => number, learningRate = 1e-4): Record<string, number> {
  const noise = (scale: number) => (next() - 0.5) * scale;
  const decay = 1 / (1 + step * learningRate * 10);
  return {
    'train/loss': decay + noise(0.02),
    'train/loss_ema': decay + noise(0.002),
    'train/lr': learningRate * Math.min(1, step / 1000),
    'train/grad_norm': 0.5 + noise(0.4),
    'train/weight_norm': 812.5 + step * 1e-3 + noise(0.01),
    'train/epoch': Math.floor(step / 5000),
    'train/tokens_seen': step * 64 * 77,
    'loss/diffusion': decay * 0.9 + noise(0.02),
    'loss/vlb': decay * 0.05 + noise(0.001),
    'loss/kl': Math.round(next() * 1e6) / 1e6,
    'loss/perceptual': 0.3 * decay + noise(0.01),
    'sched/timestep_mean': Math.round(500 + noise(100)),
    'sched/snr_mean': 4 + noise(2),
    'sched/sigma_max': 14.6146,
    'perf/samples_per_sec': 120 + noise(10),
    'perf/step_time_ms': Math.round((530 + noise(40)) * 10) / 10,
    'perf/data_time_ms': Math.round((12 + noise(4)) * 100) / 100,
    'perf/gpu_mem_gb': 21.5 + (step % 7) * 0.01,
    'perf/gpu_util': Math.round(97 + noise(4)),
    'perf/mfu': 0.41 + noise(0.02),
    'perf/tflops': 161 + noise(8),
  };
}

function images(step: number): Record<string, unknown> {
  const hash = (n: number) => n.toString(16).padStart(20, '0');
  return {
    'samples/prompts': {
      _type: 'images/separated',
      width: 512,
      height: 512,
      format: 'png',
      count: PROMPTS.length,
      filenames: PROMPTS.map((_, i) => `media/images/samples/prompts_${step}_${hash(step * 31 + i)}.png`),
      captions: PROMPTS,
    },
    'val/fixed_seed': {
      _type: 'image-file',
      path: `media/images/val/fixed_seed_${step}_${hash(step)}.png`,
      sha256: step.toString(16).padStart(64, '0'),
      size: 312_345,
      format: 'png',
      width: 512,
      height: 512,
      caption: 'validation: a red fox in snow',
    },
  };
}

function imagePaths(value: unknown): string[] {
  const v = value as { filenames?: string[]; path?: string };
  return v.filenames ?? (v.path ? [v.path] : []);
}

/** A whole generated run file in memory, with what was written into it. */
export function generateTrainingLog(
  shape: TrainingLogShape,
  bytes: number,
  runId = `gen${shape.seed}`,
): { bytes: Uint8Array; writer: TrainingLogWriter } {
  const parts: Uint8Array[] = [];
  const writer = new TrainingLogWriter((chunk) => parts.push(chunk.slice()), runId, shape, { keepRecords: true });
  writer.begin(Date.UTC(2026, 0, 1));
  writer.writeUntil(bytes);
  return { bytes: new Uint8Array(Buffer.concat(parts)), writer };
}
