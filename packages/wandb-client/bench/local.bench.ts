/**
 * Benchmark of the local `.wandb` reader: throughput and memory while indexing a large file,
 * and the cost of following it after an append.
 *
 *   npx tsx --expose-gc packages/wandb-client/bench/local.bench.ts [sizeMB] [imageEvery]
 *
 * `imageEvery` (default 100) is how many steps apart images are logged; 0 logs none, which shows
 * the memory left when there is no image index to keep.
 *
 * Targets: ≥150 MB/s, memory bounded by the image index (not the file size), and an
 * append re-read proportional to the new bytes.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openLocalRuns, RunLogWriter } from '../src/local/index.js';
import { FileSink } from '../src/local/writer/file-sink.js';

export interface LocalBenchFigures {
  fileBytes: number;
  historyRows: number;
  imageSteps: number;
  indexSeconds: number;
  throughputMBps: number;
  /** CPU time spent indexing, and throughput per CPU second: steadier than wall time on a busy machine. */
  indexCpuSeconds: number;
  cpuThroughputMBps: number;
  /** Peak RSS and heap above the baseline before indexing, sampled every 10 ms. */
  peakRssDeltaMB: number;
  peakHeapDeltaMB: number;
  /** Heap held after indexing (after GC where `--expose-gc` is on): the index. */
  retainedHeapMB: number;
  appendedBytes: number;
  appendBytesParsed: number;
  appendSeconds: number;
}

const ENTITY = 'bench';
const PROJECT = 'local-reader';
const RUN_ID = 'bench0001';
const PROMPTS = ['a red fox in snow', 'a lighthouse at dusk', 'a bowl of ramen, studio photo', 'an origami crane'];

/** One history row as a training script would log it: scalars, and images every `imageEvery` steps. */
function row(step: number, start: number, imageEvery: number): Record<string, unknown> {
  const values: Record<string, unknown> = {
    'train/loss': 1 / (1 + step * 1e-3) + Math.sin(step) * 0.01,
    'train/lr': 1e-4 * Math.min(1, step / 1000),
    'train/grad_norm': 0.5 + Math.cos(step * 0.1) * 0.2,
    'train/epoch': Math.floor(step / 5000),
    'perf/samples_per_sec': 120 + (step % 17),
    'perf/gpu_mem_gb': 21.5 + (step % 7) * 0.01,
    'val/loss': step % 10 === 0 ? 0.8 / (1 + step * 1e-3) : undefined,
  };
  if (imageEvery > 0 && step % imageEvery === 0) {
    values['samples/prompts'] = {
      _type: 'images/separated',
      width: 512,
      height: 512,
      format: 'png',
      count: PROMPTS.length,
      filenames: PROMPTS.map(
        (_, i) => `media/images/samples/prompts_${step}_${(step * 31 + i).toString(16).padStart(20, '0')}.png`,
      ),
      captions: PROMPTS,
    };
    values['val/fixed_seed'] = {
      _type: 'image-file',
      path: `media/images/val/fixed_seed_${step}_${step.toString(16).padStart(20, '0')}.png`,
      sha256: step.toString(16).padStart(64, '0'),
      size: 312_345,
      format: 'png',
      width: 512,
      height: 512,
      caption: 'validation: a red fox in snow',
    };
  }
  return { ...values, _timestamp: start / 1000 + step * 0.25, _runtime: step * 0.25, _step: step };
}

/** Write history rows until the file reaches `bytes`; returns the writer state to append more. */
function writeRows(
  writer: RunLogWriter,
  sink: FileSink,
  fromStep: number,
  bytes: number,
  start: number,
  imageEvery: number,
): number {
  let step = fromStep;
  const target = writer.offset + bytes;
  while (writer.offset < target) writer.history(step, row(step++, start, imageEvery));
  // On disk before timing: reading a file the kernel is still writing back measures the disk.
  sink.sync();
  return step;
}

function memory() {
  const usage = process.memoryUsage();
  return { rss: usage.rss / 2 ** 20, heap: usage.heapUsed / 2 ** 20 };
}

export async function runLocalBench(sizeMB = 200, imageEvery = 100): Promise<LocalBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'local-bench-'));
  try {
    const runDir = join(dir, 'wandb', `offline-run-20260101_000000-${RUN_ID}`);
    mkdirSync(join(runDir, 'files'), { recursive: true });
    const file = join(runDir, `run-${RUN_ID}.wandb`);
    const start = Date.now() - 3600_000;
    const sink = new FileSink(file);
    const writer = new RunLogWriter(sink.write, RUN_ID);
    writer.header();
    writer.run({
      runId: RUN_ID,
      entity: ENTITY,
      project: PROJECT,
      displayName: 'bench',
      startTime: start,
      config: { lr: 1e-4 },
    });
    let step = writeRows(writer, sink, 0, sizeMB * 1e6, start, imageEvery);
    const fileBytes = statSync(file).size;

    const source = openLocalRuns({ dir });
    const ref = { entity: ENTITY, project: PROJECT, runId: RUN_ID };
    globalThis.gc?.();
    const base = memory();
    const peak = { ...base };
    const sampler = setInterval(() => {
      const now = memory();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heap = Math.max(peak.heap, now.heap);
    }, 10);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const run = await source.get(ref);
    const indexSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const indexCpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    globalThis.gc?.();
    const retained = memory().heap - base.heap;
    const steps = await source.steps(ref, { keys: ['samples/prompts'] });
    if (run.lastStep !== step - 1) throw new Error(`indexed up to step ${run.lastStep}, expected ${step - 1}`);

    const parsedBefore = source.stats().bytesParsed;
    const sizeBefore = statSync(file).size;
    step = writeRows(writer, sink, step, 1e6, start, imageEvery);
    sink.close();
    const appendedBytes = statSync(file).size - sizeBefore;
    const t1 = performance.now();
    const after = await source.get(ref);
    const appendSeconds = (performance.now() - t1) / 1000;
    if (after.lastStep !== step - 1)
      throw new Error(`after the append, indexed up to ${after.lastStep}, expected ${step - 1}`);

    return {
      fileBytes,
      historyRows: run.lastStep! + 1,
      imageSteps: steps.steps.length,
      indexSeconds,
      throughputMBps: fileBytes / 1e6 / indexSeconds,
      indexCpuSeconds,
      cpuThroughputMBps: fileBytes / 1e6 / indexCpuSeconds,
      peakRssDeltaMB: peak.rss - base.rss,
      peakHeapDeltaMB: peak.heap - base.heap,
      retainedHeapMB: retained,
      appendedBytes,
      appendBytesParsed: source.stats().bytesParsed - parsedBefore,
      appendSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(f: LocalBenchFigures): void {
  const mb = (n: number) => n.toFixed(1);
  console.log(
    `local .wandb reader, ${mb(f.fileBytes / 1e6)} MB file, ${f.historyRows} history rows, ${f.imageSteps} image steps`,
  );
  console.log(
    `  index:   ${f.indexSeconds.toFixed(2)} s  →  ${f.throughputMBps.toFixed(0)} MB/s (target ≥150); ${f.indexCpuSeconds.toFixed(2)} s CPU → ${f.cpuThroughputMBps.toFixed(0)} MB/s per CPU second`,
  );
  console.log(
    `  memory:  peak RSS +${mb(f.peakRssDeltaMB)} MB, peak heap +${mb(f.peakHeapDeltaMB)} MB, retained heap +${mb(f.retainedHeapMB)} MB${globalThis.gc ? '' : ' (run with --expose-gc for a retained figure after GC)'}`,
  );
  console.log(
    `  append:  ${mb(f.appendedBytes / 1e6)} MB appended → ${f.appendBytesParsed} bytes parsed in ${(f.appendSeconds * 1000).toFixed(1)} ms (vs ${f.indexSeconds.toFixed(2)} s for the whole file)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  print(await runLocalBench(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 100)));
}
