import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunIssue, RunState } from '../../types.js';
import { parseWandbJson } from '../../wandb-json.js';
import { AbortedError } from '../../errors.js';
import { rowValue } from '../../scalars/row-value.js';
import { ScalarColumn } from '../../scalars/scalar-column.js';
import { scalarOf } from '../../scalars/scalar-value.js';
import { RunFile } from '../index/run-file.js';
import { AppendedLines } from './appended-lines.js';
import { parseConfigYaml } from './config-yaml.js';
import { LegacyIndex } from './legacy-index.js';
import { isNotebookRun, legacyTime, readLegacyMetadata, type LegacyMetadata } from './metadata.js';

/** The files of a pre-0.10 run folder (`wandb/wandb_run.py` @v0.9.7), all directly in the folder. */
export const LEGACY_FILES = {
  history: 'wandb-history.jsonl',
  summary: 'wandb-summary.json',
  metadata: 'wandb-metadata.json',
  config: 'config.yaml',
  events: 'wandb-events.jsonl',
} as const;

type LegacyFile = keyof typeof LEGACY_FILES;

interface Seen {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** How much of `wandb-events.jsonl`'s end is read for its last timestamp. */
const EVENTS_TAIL = 4096;

/**
 * A run folder written by wandb before 0.10: plain files instead of a `.wandb` log. It answers the
 * local source as a run file does: `wandb-history.jsonl` is followed as it grows (only appended
 * bytes are read, a line is taken once its newline is written), and `wandb-summary.json`,
 * `wandb-metadata.json` and `config.yaml` (rewritten whole by wandb) are read again when they change.
 *
 * - State: `exitcode` in the metadata means the state it records there (`finished`, `failed`,
 *   `killed`). Without one the run is running while its files change, else crashed; a notebook run
 *   never gets an exit code, so once it stopped its state is `unknown`, with a warning saying why.
 * - Times: the metadata's `startedAt` and `heartbeatAt` are UTC without a zone. The folder name's
 *   time is UTC up to wandb 0.9.2 and local time after it, so it is only the fallback.
 */
export class LegacyRunFolder extends RunFile {
  override index = new LegacyIndex();
  readonly folder: string;
  readonly #lines = new AppendedLines();
  #seen: Partial<Record<LegacyFile, Seen>> = {};
  #metadata: LegacyMetadata = {};
  #wandb: Record<string, unknown> | null = null;
  #problems = new Map<LegacyFile, string>();
  #updating: Promise<void> | null = null;
  /** The scalar history of the keys asked for so far, followed as the history file grows. */
  #scalars: { lines: AppendedLines; ino: number; columns: Map<string, ScalarColumn>; lastStep: number | null } | null =
    null;

  /** `folder`: the run folder; `runId`: the id its name ends with. */
  constructor(
    folder: string,
    readonly runId: string,
  ) {
    super(join(folder, LEGACY_FILES.history));
    this.folder = folder;
  }

  /** The folder's files are read whole at every refresh: it is never listed from its ends alone. */
  override get indexed(): boolean {
    return this.seen !== null && this.error === null;
  }

  override get committed(): number {
    return this.#lines.offset;
  }

  override refresh(now: number): Promise<void> {
    this.#updating ??= this.#update(now).finally(() => {
      this.#updating = null;
    });
    return this.#updating;
  }

  override async indexFully(): Promise<void> {
    await this.#updating;
  }

  override async indexInBackground(): Promise<void> {
    await this.#updating;
  }

  async #update(now: number): Promise<void> {
    const current: Partial<Record<LegacyFile, Seen>> = {};
    for (const name of Object.keys(LEGACY_FILES) as LegacyFile[]) {
      try {
        const info = await stat(join(this.folder, LEGACY_FILES[name]));
        if (info.isFile()) current[name] = { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
      } catch {
        // Absent: a run that logged nothing has no history file yet, a dryrun no requirements, ...
      }
    }
    if (!current.history && !current.metadata && !current.config) {
      this.error = {
        code: 'missing_file',
        message: `${this.folder} holds none of wandb-history.jsonl, wandb-metadata.json and config.yaml: it is not a wandb run folder (or its files were deleted).`,
      };
      return;
    }
    const before = this.#seen;
    const history = current.history;
    const replaced =
      before.history && (!history || history.ino !== before.history.ino || history.size < this.#lines.offset);
    if (replaced) this.#restart();
    const changed = (name: LegacyFile) =>
      current[name] !== undefined &&
      (replaced || before[name]?.size !== current[name]!.size || before[name]?.mtimeMs !== current[name]!.mtimeMs);
    try {
      if (history && history.size > this.#lines.offset) await this.#readHistory(history.size);
      if (changed('config')) await this.#readConfig();
      if (changed('metadata')) await this.#readMetadata();
      if (changed('summary')) await this.#readSummary();
      if (changed('events')) await this.#readEvents(current.events!.size);
    } catch (error) {
      this.error = {
        code: 'unreadable_file',
        message: `The run folder ${this.folder} cannot be read: ${(error as Error).message}.`,
      };
      return;
    }
    this.error = null;
    if (Object.keys(before).length > 0 && (Object.keys(LEGACY_FILES) as LegacyFile[]).some(changed)) this.grewAt = now;
    this.#seen = current;
    const mtimes = Object.values(current).map((seen) => seen.mtimeMs);
    this.seen = {
      dev: history?.dev ?? 0,
      ino: history?.ino ?? 0,
      size: history?.size ?? 0,
      mtimeMs: Math.max(...mtimes),
    };
    this.#settle();
  }

  /**
   * Every numeric (step, value) of `keys` in `wandb-history.jsonl`, read on demand (the index keeps
   * only last values) and followed as the file grows; asking a new key reads the file again.
   */
  async scalarColumns(keys: string[], signal?: AbortSignal): Promise<Map<string, ScalarColumn>> {
    const size = this.seen?.size ?? 0;
    let scan = this.#scalars;
    const stale =
      !scan || scan.ino !== this.seen?.ino || scan.lines.offset > size || keys.some((key) => !scan!.columns.has(key));
    if (stale) {
      const asked = new Set([...(scan && scan.ino === this.seen?.ino ? scan.columns.keys() : []), ...keys]);
      scan = { lines: new AppendedLines(), ino: this.seen?.ino ?? 0, columns: new Map(), lastStep: null };
      for (const key of asked) scan.columns.set(key, new ScalarColumn());
      this.#scalars = scan;
    }
    const current = scan!;
    if (size > current.lines.offset) {
      await current.lines.read(this.path, size, (text) => {
        if (signal?.aborted) throw new AbortedError();
        let row: unknown;
        try {
          row = parseWandbJson(text);
        } catch {
          return; // Counted by the index, and warned about.
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row)) return;
        const logged = (row as Record<string, unknown>)._step;
        const step =
          typeof logged === 'number' && Number.isSafeInteger(logged)
            ? logged
            : current.lastStep === null
              ? 0
              : current.lastStep + 1;
        if (current.lastStep === null || step > current.lastStep) current.lastStep = step;
        for (const [key, column] of current.columns) {
          const value = scalarOf(rowValue(row as Record<string, unknown>, key));
          if (value !== null) column.push(step, value);
        }
      });
    }
    return new Map(keys.map((key) => [key, current.columns.get(key)!]));
  }

  /** The history file was replaced or cut: read everything again. */
  #restart(): void {
    this.index = new LegacyIndex();
    this.#lines.reset();
    this.#seen = {};
  }

  async #readHistory(size: number): Promise<void> {
    const index = this.index;
    const before = this.#lines.offset;
    await this.#lines.read(join(this.folder, LEGACY_FILES.history), size, (text, start) => {
      if (text.trim() === '') return;
      let row: unknown;
      try {
        row = parseWandbJson(text);
      } catch {
        row = undefined;
      }
      if (typeof row === 'object' && row !== null && !Array.isArray(row)) {
        index.addRow(row as Record<string, unknown>);
      } else {
        index.unreadableRecords++;
        index.firstUnreadable ??= start;
      }
    });
    this.bytesParsed += this.#lines.offset - before;
    this.bytesRead = this.#lines.bytesRead;
  }

  async #readJson(name: LegacyFile): Promise<unknown> {
    const text = await this.#read(name);
    return parseWandbJson(text);
  }

  async #read(name: LegacyFile): Promise<string> {
    const bytes = await readFile(join(this.folder, LEGACY_FILES[name]));
    this.bytesRead += bytes.length;
    return bytes.toString('utf8');
  }

  /** Rewritten whole by wandb: a read that catches it half-written keeps what was read before. */
  async #readSummary(): Promise<void> {
    try {
      const summary = await this.#readJson('summary');
      if (typeof summary !== 'object' || summary === null || Array.isArray(summary))
        throw new TypeError('not a JSON object');
      this.index.setSummary(summary as Record<string, unknown>);
      this.#problems.delete('summary');
    } catch (error) {
      this.#problems.set('summary', `${LEGACY_FILES.summary} could not be read (${(error as Error).message})`);
    }
  }

  async #readMetadata(): Promise<void> {
    try {
      this.#metadata = readLegacyMetadata(await this.#readJson('metadata'));
      this.#problems.delete('metadata');
    } catch (error) {
      this.#problems.set('metadata', `${LEGACY_FILES.metadata} could not be read (${(error as Error).message})`);
    }
  }

  async #readConfig(): Promise<void> {
    try {
      const { config, wandb } = parseConfigYaml(await this.#read('config'));
      const target = this.index.config;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, config, wandb ? { _wandb: wandb } : {});
      this.#wandb = wandb;
      this.#problems.delete('config');
    } catch (error) {
      this.#problems.set(
        'config',
        `${LEGACY_FILES.config} could not be read (${(error as Error).message.split('\n')[0]})`,
      );
    }
  }

  /** The last line of `wandb-events.jsonl` (system metrics, every ~30 s) says when the run last showed signs of life. */
  async #readEvents(size: number): Promise<void> {
    const start = Math.max(0, size - EVENTS_TAIL);
    const handle = await open(join(this.folder, LEGACY_FILES.events), 'r');
    try {
      const buffer = Buffer.alloc(size - start);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      this.bytesRead += bytesRead;
      const lines = buffer.toString('utf8', 0, bytesRead).split('\n');
      for (let i = lines.length - 1; i >= 0; i--) {
        try {
          const event = parseWandbJson(lines[i]!) as { _timestamp?: unknown };
          if (typeof event?._timestamp === 'number') {
            this.index.noteActivity(event._timestamp * 1000);
            return;
          }
        } catch {
          // A line cut by the window's start, or still being written.
        }
      }
    } finally {
      await handle.close();
    }
  }

  /** The run's facts from the metadata and config, after each refresh. */
  #settle(): void {
    const index = this.index;
    const metadata = this.#metadata;
    index.meta = {
      runId: this.runId,
      ...(metadata.project ? { project: metadata.project } : {}),
      ...(metadata.name ? { displayName: metadata.name } : {}),
      ...(metadata.jobType ? { jobType: metadata.jobType } : {}),
      ...(metadata.notes ? { notes: metadata.notes } : {}),
      ...(metadata.host ? { host: metadata.host } : {}),
      ...(legacyTime(metadata.startedAt) !== null ? { startTime: legacyTime(metadata.startedAt)! } : {}),
    };
    index.hasRunRecord = Object.keys(metadata).length > 0 || Object.keys(index.config).length > 0;
    const heartbeat = legacyTime(metadata.heartbeatAt);
    if (heartbeat !== null) index.noteActivity(heartbeat);
    index.exit =
      metadata.exitcode === undefined || metadata.exitcode === null
        ? null
        : { exitCode: metadata.exitcode, runtime: runtimeOf(index), state: exitState(metadata) };
    const notebook = index.exit === null && isNotebookRun(metadata, this.#wandb);
    index.stoppedState = notebook ? 'unknown' : undefined;
    const notices: RunIssue[] = [...this.#problems.values()].map((message) => ({
      code: 'unreadable_file',
      message: `In ${this.folder}, ${message}; what it holds is missing from the run.`,
    }));
    if (notebook) {
      notices.push({
        code: 'notebook_run',
        message:
          'This run ran in a notebook: wandb before 0.10 never recorded an exit code for notebook runs, so once it stopped whether it finished or crashed cannot be told.',
      });
    }
    index.notices = notices;
  }
}

function runtimeOf(index: LegacyIndex): number {
  const runtime = index.summaryValues()._runtime;
  return typeof runtime === 'number' && Number.isFinite(runtime) ? runtime : 0;
}

/** The state wandb wrote next to the exit code: 0 finished, 255 killed (Ctrl-C), anything else failed. */
function exitState(metadata: LegacyMetadata): RunState {
  if (metadata.state === 'finished' || metadata.state === 'failed' || metadata.state === 'killed')
    return metadata.state;
  return metadata.exitcode === 0 ? 'finished' : metadata.exitcode === 255 ? 'killed' : 'failed';
}
