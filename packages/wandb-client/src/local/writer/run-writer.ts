import { mkdirSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { imageSetFromValue } from '../../images.js';
import { summaryOf, type Dataset, type DatasetRun } from '../../memory/dataset.js';
import { CHUNK_FULL } from '../log/format.js';
import { FileSink } from './file-sink.js';
import { RunLogWriter } from './run-log-writer.js';
import { checkMediaPath } from '../source/media.js';

export interface WriteRunOptions {
  entity: string;
  project: string;
  /**
   * Leave the file as a killed process does: no exit, summary, final or footer records.
   * Default: true unless the run's state is `finished` or `failed`.
   */
  crashed?: boolean;
  /**
   * End the file with the header of one more chunk and none of its payload, as a process killed
   * between the two writes of a chunk leaves it (wandb's legacy writer does exactly that).
   */
  tornTail?: boolean;
  /** Cut this many bytes off the end of the file, damaging the last record(s). */
  cutBytes?: number;
  /** Directory name prefix: `offline-run` (default) or `run` (online runs). */
  prefix?: 'offline-run' | 'run';
  host?: string;
}

const ENDED_STATES = new Set(['finished', 'failed']);

/** The media paths a history value names (image files and list entries). */
function mediaPathsOf(key: string, step: number, value: unknown): string[] {
  return imageSetFromValue(key, step, value)?.images.map((image) => image.path) ?? [];
}

/**
 * Write one run's `.wandb` file in the order wandb writes it: header, run, files
 * (`wandb-metadata.json`), config, then history rows each preceded by a FilesRecord per media
 * file it logs, then the remaining files, and for an ended run exit, summary, final and footer.
 * Returns the file size.
 */
export function writeRunFile(run: DatasetRun, file: string, options: WriteRunOptions): number {
  const startTime = Date.parse(run.createdAt);
  if (Number.isNaN(startTime)) throw new TypeError(`Run ${run.id} has an invalid createdAt "${run.createdAt}".`);
  const crashed = options.crashed ?? !ENDED_STATES.has(run.state);
  const sink = new FileSink(file);
  try {
    const writer = new RunLogWriter(sink.write, run.id);
    writer.header();
    writer.run({
      runId: run.id,
      entity: options.entity,
      project: options.project,
      displayName: run.displayName,
      group: run.group ?? null,
      jobType: run.jobType ?? null,
      notes: run.notes ?? null,
      tags: run.tags ?? [],
      host: options.host ?? null,
      config: { _wandb: {}, ...run.config },
      startTime,
    });
    writer.files(['wandb-metadata.json']);
    writer.config({ _wandb: { cli_version: '0.20.1', m: [], t: {} } });

    const written = new Set<string>();
    for (const row of run.history) {
      for (const [key, value] of Object.entries(row)) {
        for (const path of mediaPathsOf(key, row._step, value)) {
          if (written.has(path) || !run.files?.[path]) continue;
          written.add(path);
          writer.files([path]);
        }
      }
      writer.history(row._step, row);
    }
    for (const path of Object.keys(run.files ?? {})) if (!written.has(path)) writer.files([path]);

    if (!crashed) {
      writer.exit(run.state === 'failed' ? 1 : 0, runtimeOf(run));
      writer.summary(summaryOf(run));
      writer.final();
      writer.footer();
    }
    if (options.tornTail) {
      const header = new Uint8Array(7);
      new DataView(header.buffer).setUint16(4, 512, true);
      header[6] = CHUNK_FULL;
      sink.write(header);
    }
  } finally {
    sink.close();
  }
  let size = statSync(file).size;
  if (options.cutBytes) {
    size = Math.max(0, size - options.cutBytes);
    truncateSync(file, size);
  }
  // A run at rest was last written when it last logged; a running one is being written now.
  if (run.state !== 'running') {
    const last = lastActivity(run) / 1000;
    utimesSync(file, last, last);
  }
  return size;
}

/**
 * Write one run as wandb lays it out under `wandbDir`: `offline-run-<time>-<id>/` holding
 * `run-<id>.wandb` and `files/` (the media, `wandb-metadata.json`, and for an ended run
 * `wandb-summary.json`). Returns the run directory.
 */
export function writeRunDirectory(run: DatasetRun, wandbDir: string, options: WriteRunOptions): string {
  const runDir = join(wandbDir, `${options.prefix ?? 'offline-run'}-${timeSlug(run.createdAt)}-${run.id}`);
  const filesDir = join(runDir, 'files');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(filesDir, { recursive: true });
  for (const [path, bytes] of Object.entries(run.files ?? {})) {
    const target = join(filesDir, checkMediaPath(path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  const metadata = {
    startedAt: run.createdAt,
    program: 'train.py',
    host: options.host ?? 'localhost',
    state: 'running',
  };
  writeFileSync(join(filesDir, 'wandb-metadata.json'), `${JSON.stringify(metadata, null, 4)}\n`);
  const crashed = options.crashed ?? !ENDED_STATES.has(run.state);
  if (!crashed)
    writeFileSync(
      join(filesDir, 'wandb-summary.json'),
      JSON.stringify({ _wandb: { runtime: Math.round(runtimeOf(run)) } }),
    );
  writeRunFile(run, join(runDir, `run-${run.id}.wandb`), options);
  return runDir;
}

export interface WriteDatasetOptions {
  /** Options for single runs by id (crash, torn tail, cut bytes, prefix). */
  runs?: Record<string, Partial<WriteRunOptions>>;
}

/**
 * Write a whole project as a `wandb/` folder at `wandbDir`: one directory per run, plus the
 * `latest-run` symlink wandb keeps to the newest. Returns the run directories.
 */
export function writeDataset(dataset: Dataset, wandbDir: string, options: WriteDatasetOptions = {}): string[] {
  mkdirSync(wandbDir, { recursive: true });
  const dirs = dataset.runs.map((run) =>
    writeRunDirectory(run, wandbDir, { entity: dataset.entity, project: dataset.project, ...options.runs?.[run.id] }),
  );
  const newest = [...dataset.runs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  const latest = join(wandbDir, 'latest-run');
  rmSync(latest, { force: true });
  if (newest) symlinkSync(basename(dirs[dataset.runs.indexOf(newest)]!), latest);
  return dirs;
}

function timeSlug(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function lastActivity(run: DatasetRun): number {
  if (run.heartbeatAt) return Date.parse(run.heartbeatAt);
  const timestamps = run.history.map((row) => row._timestamp).filter((t): t is number => typeof t === 'number');
  return timestamps.length > 0 ? Math.max(...timestamps) * 1000 : Date.parse(run.createdAt);
}

function runtimeOf(run: DatasetRun): number {
  const last = run.history[run.history.length - 1]?._runtime;
  if (typeof last === 'number' && Number.isFinite(last)) return last;
  return Math.max(0, (lastActivity(run) - Date.parse(run.createdAt)) / 1000);
}
