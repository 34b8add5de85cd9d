import { linkSync, mkdirSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { imageSetFromValue } from '../../images.js';
import { mediaPathsOf as pathsOfSet } from '../../media-values/media-paths.js';
import type { Dataset, DatasetRun, HistoryRow } from '../../memory/dataset.js';
import { EXITED_RUN_STATES } from '../../run-states.js';
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
  /**
   * Write a media file whose bytes are the very `Uint8Array` of a file written before through
   * the same map as a hard link to that file, so a generated project can name millions of files
   * while storing a few. Where a link is refused (the file system's link limit, another file
   * system), one new copy is written and the next files link to it. Off by default.
   */
  sharedFiles?: Map<Uint8Array, string>;
}

/**
 * A run to write. Its history may be any iterable (a generator for runs too long to hold in
 * memory): it is read once, in order.
 */
export type RunToWrite = Omit<DatasetRun, 'history'> & { history: Iterable<HistoryRow> };

/** The media paths a history value names (images, videos, list entries, box and mask files). */
function mediaPathsOf(key: string, step: number, value: unknown): string[] {
  const set = imageSetFromValue(key, step, value);
  return set ? pathsOfSet(set) : [];
}

/**
 * Write one run's `.wandb` file in the order wandb writes it: header, run, files
 * (`wandb-metadata.json`), config, then history rows each preceded by a FilesRecord per media
 * file it logs, then the remaining files, and for an ended run exit, summary, final and footer.
 * Returns the file size.
 */
export function writeRunFile(run: RunToWrite, file: string, options: WriteRunOptions): number {
  return writeRunLog(run, file, options).size;
}

/** {@link writeRunFile}, also returning the runtime it recorded (seconds). */
function writeRunLog(run: RunToWrite, file: string, options: WriteRunOptions): { size: number; runtime: number } {
  const startTime = Date.parse(run.createdAt);
  if (Number.isNaN(startTime)) throw new TypeError(`Run ${run.id} has an invalid createdAt "${run.createdAt}".`);
  const crashed = options.crashed ?? !EXITED_RUN_STATES.has(run.state);
  const sink = new FileSink(file);
  // What the end records and the file time need, gathered as the rows go by.
  const last: Record<string, unknown> = {};
  let lastTimestamp: number | null = null;
  let lastRuntime: unknown;
  let lastActivity = startTime;
  let runtime = 0;
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
    // wandb's own bookkeeping, with what the run's `_wandb` carries: the class labels of boxes and masks,
    // which wandb keeps there under `<image key>_wandb_delimeter_<layer>` (`Run._add_singleton`, wandb/sdk/wandb_run.py).
    const bookkeeping = typeof run.config?._wandb === 'object' && run.config._wandb !== null ? run.config._wandb : {};
    writer.config({ _wandb: { cli_version: '0.20.1', m: [], t: {}, ...bookkeeping } });

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
      Object.assign(last, row);
      if (typeof row._timestamp === 'number' && (lastTimestamp === null || row._timestamp > lastTimestamp))
        lastTimestamp = row._timestamp;
      lastRuntime = row._runtime;
    }
    for (const path of Object.keys(run.files ?? {})) if (!written.has(path)) writer.files([path]);

    lastActivity = run.heartbeatAt
      ? Date.parse(run.heartbeatAt)
      : lastTimestamp !== null
        ? lastTimestamp * 1000
        : startTime;
    runtime =
      typeof lastRuntime === 'number' && Number.isFinite(lastRuntime)
        ? lastRuntime
        : Math.max(0, (lastActivity - startTime) / 1000);
    if (!crashed) {
      writer.exit(run.state === 'failed' ? 1 : 0, runtime);
      writer.summary({ ...last, ...run.summary });
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
  if (run.state !== 'running') utimesSync(file, lastActivity / 1000, lastActivity / 1000);
  return { size, runtime };
}

/**
 * Write one run as wandb lays it out under `wandbDir`: `offline-run-<time>-<id>/` holding
 * `run-<id>.wandb` and `files/` (the media, `wandb-metadata.json`, and for an ended run
 * `wandb-summary.json`). Returns the run directory.
 */
export function writeRunDirectory(run: RunToWrite, wandbDir: string, options: WriteRunOptions): string {
  const runDir = join(wandbDir, `${options.prefix ?? 'offline-run'}-${timeSlug(run.createdAt)}-${run.id}`);
  const filesDir = join(runDir, 'files');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(filesDir, { recursive: true });
  const made = new Set<string>();
  for (const [path, bytes] of Object.entries(run.files ?? {})) {
    const target = join(filesDir, checkMediaPath(path));
    const folder = dirname(target);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    writeMediaFile(target, bytes, options.sharedFiles);
  }
  const metadata = {
    startedAt: run.createdAt,
    program: 'train.py',
    host: options.host ?? 'localhost',
    state: 'running',
  };
  writeFileSync(join(filesDir, 'wandb-metadata.json'), `${JSON.stringify(metadata, null, 4)}\n`);
  const { runtime } = writeRunLog(run, join(runDir, `run-${run.id}.wandb`), options);
  const crashed = options.crashed ?? !EXITED_RUN_STATES.has(run.state);
  if (!crashed)
    writeFileSync(join(filesDir, 'wandb-summary.json'), JSON.stringify({ _wandb: { runtime: Math.round(runtime) } }));
  return runDir;
}

function writeMediaFile(target: string, bytes: Uint8Array, shared: Map<Uint8Array, string> | undefined): void {
  const original = shared?.get(bytes);
  if (original) {
    try {
      linkSync(original, target);
      return;
    } catch {
      // The first copy has as many links as the file system allows (65,000 on ext4), or the
      // target is on another file system: write a new copy, and link the next ones to it.
    }
  }
  writeFileSync(target, bytes);
  shared?.set(bytes, target);
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
