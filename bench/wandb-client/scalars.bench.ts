/**
 * Benchmark of scalar history from a local `.wandb` file: the on-demand scan of chosen keys (time,
 * memory), the exact lookups that follow without reading the file again, and a new key (a scan of
 * the kept keys plus it).
 *
 *   npx tsx --expose-gc --conditions=source bench/wandb-client/scalars.bench.ts [sizeMB]
 *
 * The file is generated (packages/wandb-client/test/local/training-log.ts): rows of about 870
 * bytes with 23 scalar keys, images every 500 steps, histograms every 5000. The source is opened
 * without background indexing, so the figures are the scan's alone. Every answer is checked.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openLocalRuns } from '@run-comparer/wandb-client/local';
import { FileSink } from '../../packages/wandb-client/src/local/writer/file-sink.js';
import {
  TRAINING_ENTITY,
  TRAINING_PROJECT,
  TrainingLogWriter,
} from '../../packages/wandb-client/test/local/training-log.js';
import { measure } from '../measure.js';

export interface ScalarsBenchFigures {
  fileBytes: number;
  rows: number;
  keys: number;
  /** The first `history` call: a scan of the whole file for the keys. */
  scanSeconds: number;
  scanMBps: number;
  scanCpuSeconds: number;
  peakRssDeltaMB: number;
  peakHeapDeltaMB: number;
  /** Heap held after the scan, ArrayBuffer memory held (the kept columns: typed arrays live outside the heap), and what the values alone take: rows × keys × 16 bytes. */
  retainedHeapMB: number;
  retainedArrayBuffersMB: number;
  valueMB: number;
  /** `historyAt` at 200 steps across the run, after the scan. */
  lookupMsEach: number;
  /** `history` of one more key: the kept keys and the new one scanned again. */
  newKeySeconds: number;
}

const RUN_ID = 'scalars01';
const KEYS = ['train/loss', 'train/lr', 'train/grad_norm', 'train/epoch'];

export async function runScalarsBench(sizeMB = 200): Promise<ScalarsBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'scalars-bench-'));
  try {
    const runDir = join(dir, 'wandb', `offline-run-20260101_000000-${RUN_ID}`);
    mkdirSync(join(runDir, 'files'), { recursive: true });
    const file = join(runDir, `run-${RUN_ID}.wandb`);
    const sink = new FileSink(file);
    const writer = new TrainingLogWriter(sink.write, RUN_ID, { seed: 3, imageEvery: 500, watchEvery: 5000 });
    writer.begin(Date.now() - 3600_000);
    writer.writeUntil(sizeMB * 1e6);
    sink.sync();
    sink.close();
    const fileBytes = statSync(file).size;
    const lastStep = writer.step - 1;

    const source = openLocalRuns({ dir, backgroundIndexing: false });
    const ref = { entity: TRAINING_ENTITY, project: TRAINING_PROJECT, runId: RUN_ID };
    await source.get(ref); // lists the run from its ends, as a page would first
    const buffersBefore = arrayBuffersMB();
    const scan = await measure(() => source.history(ref, { keys: KEYS, samples: 500 }));
    const retainedArrayBuffersMB = arrayBuffersMB() - buffersBefore;
    for (const key of KEYS) {
      const { points, sampled } = scan.result.byKey[key]!;
      if (!sampled || points.length > 500 || points[0]![0] !== 0 || points.at(-1)![0] !== lastStep)
        throw new Error(`${key}: ${points.length} points from ${points[0]?.[0]} to ${points.at(-1)?.[0]}`);
    }

    const steps = Array.from({ length: 200 }, (_, i) => Math.floor((i * lastStep) / 199));
    const t0 = performance.now();
    for (const step of steps) {
      const at = await source.historyAt(ref, { keys: KEYS, step });
      if (at.byKey['train/loss']?.step !== step) throw new Error(`no exact train/loss at ${step}`);
    }
    const lookupMsEach = (performance.now() - t0) / steps.length;

    const t1 = performance.now();
    const more = await source.history(ref, { keys: [...KEYS, 'train/loss_ema'], samples: 500 });
    const newKeySeconds = (performance.now() - t1) / 1000;
    if (more.byKey['train/loss_ema']!.points.length === 0) throw new Error('train/loss_ema was not read');

    return {
      fileBytes,
      rows: writer.rows,
      keys: KEYS.length,
      scanSeconds: scan.seconds,
      scanMBps: fileBytes / 1e6 / scan.seconds,
      scanCpuSeconds: scan.cpuSeconds,
      retainedArrayBuffersMB,
      peakRssDeltaMB: scan.peakRssDeltaMB,
      peakHeapDeltaMB: scan.peakHeapDeltaMB,
      retainedHeapMB: scan.retainedHeapMB,
      valueMB: (writer.rows * KEYS.length * 16) / 2 ** 20,
      lookupMsEach,
      newKeySeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function arrayBuffersMB(): number {
  globalThis.gc?.();
  return process.memoryUsage().arrayBuffers / 2 ** 20;
}

export function describeScalars(f: ScalarsBenchFigures): string[] {
  const mb = (n: number) => n.toFixed(1);
  return [
    `Scalar history of ${f.keys} keys from a ${mb(f.fileBytes / 1e6)} MB generated file (${f.rows.toLocaleString('en')} rows):`,
    `- first \`history\` (scans the file): ${f.scanSeconds.toFixed(2)} s (${f.scanCpuSeconds.toFixed(2)} s CPU), ${f.scanMBps.toFixed(0)} MB/s; peak RSS +${mb(f.peakRssDeltaMB)} MB, peak heap +${mb(f.peakHeapDeltaMB)} MB`,
    `- kept after it: heap +${mb(f.retainedHeapMB)} MB, array buffers +${mb(f.retainedArrayBuffersMB)} MB (the columns; the values alone take ${mb(f.valueMB)} MB)`,
    `- \`historyAt\` after it, exact, no read: ${f.lookupMsEach.toFixed(2)} ms a call (200 steps)`,
    `- one more key (the kept keys scanned again with it): ${f.newKeySeconds.toFixed(2)} s`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeScalars(await runScalarsBench(Number(process.argv[2] ?? 200))).join('\n'));
}
