/**
 * Benchmark of the local `.wandb` reader: throughput and memory while indexing a large file,
 * the cost of following it after an append, and a check that it read every record it was given.
 *
 *   npx tsx --expose-gc --conditions=source bench/wandb-client/local.bench.ts [sizeMB] [imageEvery]
 *
 * The file is generated (packages/wandb-client/test/local/training-log.ts) in the shape of a real training log: rows of
 * about 870 bytes with 23 scalar keys, images every `imageEvery` steps (default 500; 0 logs none,
 * which shows the memory left when there is no image index to keep), `wandb.watch` histograms
 * every 5000 steps (records spanning several blocks), block boundaries wherever the rows put them.
 * Rows and image steps read must equal those written, or the benchmark fails.
 *
 * Targets: ≥150 MB/s, memory bounded by the image index (not the file size), and an
 * append re-read proportional to the new bytes.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openLocalRuns } from '@run-comparer/wandb-client/local';
import { RunFile } from '../../packages/wandb-client/src/local/index/run-file.js';
import { framingCensusOfFile, type FramingCensus } from '../../packages/wandb-client/src/local/log/census.js';
import { FileSink } from '../../packages/wandb-client/src/local/writer/file-sink.js';
import {
  IMAGE_KEYS,
  TRAINING_ENTITY,
  TRAINING_PROJECT,
  TrainingLogWriter,
} from '../../packages/wandb-client/test/local/training-log.js';
import { measure } from '../measure.js';

export interface LocalBenchFigures {
  fileBytes: number;
  /** History rows and image steps the generator wrote, and what the reader found. */
  rowsWritten: number;
  rowsRead: number;
  /** Average payload bytes of a history record without histograms (most of them). */
  rowBytes: number;
  imageStepsWritten: number;
  imageStepsRead: number;
  /** How the file's records are framed (chunk kinds, padded block tails, zero-length chunks). */
  census: FramingCensus;
  recordsWritten: number;
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

const RUN_ID = 'bench0001';
const WATCH_EVERY = 5000;

/** Log rows until the file has grown by `bytes`, then put them on disk before anything is timed. */
function writeRows(writer: TrainingLogWriter, sink: FileSink, bytes: number): void {
  writer.writeUntil(writer.offset + bytes);
  // On disk before timing: reading a file the kernel is still writing back measures the disk.
  sink.sync();
}

export async function runLocalBench(sizeMB = 200, imageEvery = 500): Promise<LocalBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'local-bench-'));
  try {
    const runDir = join(dir, 'wandb', `offline-run-20260101_000000-${RUN_ID}`);
    mkdirSync(join(runDir, 'files'), { recursive: true });
    const file = join(runDir, `run-${RUN_ID}.wandb`);
    const sink = new FileSink(file);
    const writer = new TrainingLogWriter(sink.write, RUN_ID, { seed: 1, imageEvery, watchEvery: WATCH_EVERY });
    writer.begin(Date.now() - 3600_000);
    writeRows(writer, sink, sizeMB * 1e6);
    const fileBytes = statSync(file).size;
    const rowsWritten = writer.rows;
    const rowBytes = writer.plainRowBytes / writer.plainRows;
    const imageStepsWritten = [...writer.imageSteps];
    const recordsWritten = writer.recordCount;

    const source = openLocalRuns({ dir });
    const ref = { entity: TRAINING_ENTITY, project: TRAINING_PROJECT, runId: RUN_ID };
    // Asking for a run's image keys reads its file whole (get() alone reads only its ends).
    const indexing = await measure(() => source.keys(ref));
    const run = await source.get(ref);
    const imageSteps = await source.steps(ref, { keys: [IMAGE_KEYS[0]] });

    // The same parser and index the source uses, read again (untimed) for the counts it keeps.
    const counted = new RunFile(file);
    await counted.refresh(Date.now());
    await counted.indexFully();
    const census = await framingCensusOfFile(file);
    const figures = {
      rowsWritten,
      rowBytes,
      rowsRead: counted.index.historyRows,
      imageStepsWritten: imageStepsWritten.length,
      imageStepsRead: imageSteps.steps.length,
      census,
      recordsWritten,
    };
    const problems = [
      ...run.warnings.map((warning) => warning.message),
      ...(figures.rowsRead !== rowsWritten
        ? [`read ${figures.rowsRead} history rows of the ${rowsWritten} written`]
        : []),
      ...(imageSteps.steps.join() !== imageStepsWritten.join()
        ? [`read ${figures.imageStepsRead} image steps of the ${imageStepsWritten.length} written`]
        : []),
      ...(run.lastStep !== writer.step - 1 ? [`indexed up to step ${run.lastStep}, expected ${writer.step - 1}`] : []),
      ...(census.records !== recordsWritten || census.brokenAt !== null || census.tailBytes !== 0
        ? [`the framing census found ${census.records} whole records of the ${recordsWritten} written`]
        : []),
    ];
    if (problems.length > 0) throw new Error(`the reader lost data: ${problems.join('; ')}`);

    const parsedBefore = source.stats().bytesParsed;
    const sizeBefore = statSync(file).size;
    writeRows(writer, sink, 1e6);
    sink.close();
    const appendedBytes = statSync(file).size - sizeBefore;
    const t1 = performance.now();
    const after = await source.get(ref);
    const appendSeconds = (performance.now() - t1) / 1000;
    if (after.lastStep !== writer.step - 1 || after.warnings.length > 0)
      throw new Error(
        `after the append, indexed up to ${after.lastStep}, expected ${writer.step - 1}; ${after.warnings.map((w) => w.message).join('; ')}`,
      );

    const { seconds: indexSeconds, cpuSeconds: indexCpuSeconds } = indexing;
    return {
      fileBytes,
      ...figures,
      indexSeconds,
      throughputMBps: fileBytes / 1e6 / indexSeconds,
      indexCpuSeconds,
      cpuThroughputMBps: fileBytes / 1e6 / indexCpuSeconds,
      peakRssDeltaMB: indexing.peakRssDeltaMB,
      peakHeapDeltaMB: indexing.peakHeapDeltaMB,
      retainedHeapMB: indexing.retainedHeapMB,
      appendedBytes,
      appendBytesParsed: source.stats().bytesParsed - parsedBefore,
      appendSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The framing census in one line, as the report prints it. */
export function describeCensus(c: FramingCensus): string {
  const n = (value: number) => value.toLocaleString('en');
  return `${n(c.records)} records: ${n(c.fullChunks)} FULL, ${n(c.lastChunks)} FIRST/LAST pairs, ${n(c.middleChunks)} MIDDLE, ${n(c.paddedTails)} zero-padded block tails, ${n(c.zeroLengthChunks)} zero-length chunks, ${n(c.exactFits)} exact block fits`;
}

function print(f: LocalBenchFigures): void {
  const mb = (n: number) => n.toFixed(1);
  console.log(`local .wandb reader, ${mb(f.fileBytes / 1e6)} MB generated file`);
  console.log(
    `  read:    ${f.rowsRead} of ${f.rowsWritten} history rows (${f.rowBytes.toFixed(0)} bytes on average without histograms), ${f.imageStepsRead} of ${f.imageStepsWritten} image steps`,
  );
  console.log(`  framing: ${describeCensus(f.census)}`);
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
  print(await runLocalBench(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 500)));
}
