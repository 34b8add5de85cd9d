import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RunFileError } from '../../errors.js';
import type { ForegroundGate } from '../index/foreground.js';
import { RunFile, type ReadWindows } from '../index/run-file.js';
import { LEGACY_FILES, LegacyRunFolder } from '../legacy/legacy-run.js';

/**
 * `run-YYYYMMDD_HHMMSS-<id>` (online), `offline-run-...` (offline, wandb 0.10 on) or `dryrun-...`
 * (offline before 0.10). A `run-` folder is either kind: a `.wandb` file and `files/` (0.10 on), or
 * the plain files of wandb 0.9 and older (`wandb-history.jsonl`, `config.yaml`, ...) directly in it.
 */
const RUN_DIR = /^(offline-run|run|dryrun)-(\d{8})_(\d{6})-([A-Za-z0-9_-]+)$/;

/** One run directory and the `.wandb` file inside it, or its pre-0.10 plain files. */
export class RunDir {
  /** Run id from the directory name; the run record's own id takes precedence. */
  readonly idFromName: string;
  /** The directory name's timestamp (the training machine's local time, read as UTC). */
  readonly startFromName: number;
  file: RunFile;

  constructor(
    readonly name: string,
    readonly path: string,
    private readonly reading?: { windows: ReadWindows; gate: ForegroundGate },
  ) {
    const match = RUN_DIR.exec(name)!;
    this.idFromName = match[4]!;
    const [d, t] = [match[2]!, match[3]!];
    this.startFromName = Date.UTC(
      +d.slice(0, 4),
      +d.slice(4, 6) - 1,
      +d.slice(6, 8),
      +t.slice(0, 2),
      +t.slice(2, 4),
      +t.slice(4, 6),
    );
    this.file =
      match[1] === 'dryrun'
        ? new LegacyRunFolder(path, this.idFromName)
        : this.runFile(join(path, `run-${this.idFromName}.wandb`));
  }

  private runFile(path: string): RunFile {
    return new RunFile(path, this.reading?.windows, this.reading?.gate);
  }

  /** When the run started: its run record's start time, else the directory name's. */
  get startedAt(): number {
    return this.file.facts.meta.startTime ?? this.startFromName;
  }

  /** Where the paths its media values name are relative to: `files/`, or the folder itself before wandb 0.10. */
  get filesDir(): string {
    return this.file instanceof LegacyRunFolder ? this.path : join(this.path, 'files');
  }

  /**
   * Refresh the run file. When the expected file name is missing, look for another `.wandb` file,
   * and else for the plain files of a pre-0.10 run folder.
   */
  async refresh(now: number): Promise<void> {
    await this.file.refresh(now);
    if (this.file.error?.code !== 'missing_file' || this.file.seen) return;
    const other = await findRunFile(this.path);
    if (other && other !== this.file.path) {
      this.file = this.runFile(other);
      await this.file.refresh(now);
    } else if (!other && !(this.file instanceof LegacyRunFolder) && (await holdsLegacyFiles(this.path))) {
      this.file = new LegacyRunFolder(this.path, this.idFromName);
      await this.file.refresh(now);
    }
  }
}

export function isRunDirName(name: string): boolean {
  return RUN_DIR.test(name);
}

/** Whether a run folder holds the plain files wandb wrote before 0.10 (and no `.wandb` file). */
async function holdsLegacyFiles(dir: string): Promise<boolean> {
  try {
    const names = new Set(await readdir(dir));
    return [LEGACY_FILES.history, LEGACY_FILES.metadata, LEGACY_FILES.config].some((name) => names.has(name));
  } catch {
    return false;
  }
}

async function findRunFile(dir: string): Promise<string | null> {
  try {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.wandb')).sort();
    return names.length > 0 ? join(dir, names[0]!) : null;
  } catch {
    return null;
  }
}

/**
 * Where run directories live: `dir/wandb` when `dir` is a training repo, `dir` itself when it
 * is a `wandb/` folder, or the single run when `dir` is one run directory.
 */
export async function runDirEntries(dir: string): Promise<{ root: string; names: string[] }> {
  const nested = join(dir, 'wandb');
  if (await isDirectory(nested)) return { root: nested, names: await runDirNames(nested) };
  if (isRunDirName(basename(dir)) && (await isDirectory(dir))) return { root: join(dir, '..'), names: [basename(dir)] };
  return { root: dir, names: await runDirNames(dir) };
}

async function runDirNames(root: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'ENOTDIR'
          ? 'it is not a directory'
          : `it cannot be read (${code ?? (error as Error).message})`;
    throw new RunFileError(
      `Cannot list wandb runs in ${root}: ${reason}. Point dir at a training repo's wandb/ folder, or at the folder that contains it.`,
      { cause: error },
    );
  }
  // Symlinks (latest-run) are skipped: they point at a run that is listed under its own name.
  return entries
    .filter((entry) => entry.isDirectory() && isRunDirName(entry.name))
    .map((entry) => entry.name)
    .sort();
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** How many run files are refreshed at once. */
const CONCURRENCY = 8;

/** The run directories under one folder, kept in step with the disk on every {@link sync}. */
export class RunDirs {
  private root: string | null = null;
  private readonly dirs = new Map<string, RunDir>();
  /** Bytes parsed and read by run files that have since been dropped (deleted directories). */
  private dropped = { parsed: 0, read: 0 };
  private listing: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly reading?: { windows: ReadWindows; gate: ForegroundGate },
  ) {}

  get size(): number {
    return this.dirs.size;
  }

  all(): IterableIterator<RunDir> {
    return this.dirs.values();
  }

  bytesParsed(): number {
    let total = this.dropped.parsed;
    for (const dir of this.dirs.values()) total += dir.file.bytesParsed;
    return total;
  }

  bytesRead(): number {
    let total = this.dropped.read;
    for (const dir of this.dirs.values()) total += dir.file.bytesRead;
    return total;
  }

  /** Run files that can be read and are not read whole yet, newest run first. */
  unindexed(): RunFile[] {
    return [...this.dirs.values()]
      .filter((dir) => !dir.file.error && dir.file.seen && !dir.file.indexed)
      .sort((a, b) => b.startedAt - a.startedAt)
      .map((dir) => dir.file);
  }

  /**
   * Pick up new and deleted run directories, then refresh the run files: all of them, or only
   * the directories named for `runIds` when given (and all when none is).
   */
  async sync(now: number, runIds?: readonly string[]): Promise<void> {
    this.listing ??= this.list().finally(() => {
      this.listing = null;
    });
    await this.listing;
    let targets = [...this.dirs.values()];
    if (runIds) {
      const wanted = new Set(runIds);
      const named = targets.filter((dir) => wanted.has(dir.idFromName) || wanted.has(dir.file.facts.meta.runId ?? ''));
      if (named.length > 0) targets = named;
    }
    for (let i = 0; i < targets.length; i += CONCURRENCY) {
      await Promise.all(targets.slice(i, i + CONCURRENCY).map((dir) => dir.refresh(now)));
    }
  }

  private async list(): Promise<void> {
    const { root, names } = await runDirEntries(this.dir);
    if (root !== this.root) this.drop([...this.dirs.keys()]);
    this.root = root;
    const present = new Set(names);
    this.drop([...this.dirs.keys()].filter((name) => !present.has(name)));
    for (const name of names)
      if (!this.dirs.has(name)) this.dirs.set(name, new RunDir(name, join(root, name), this.reading));
  }

  private drop(names: string[]): void {
    for (const name of names) {
      const file = this.dirs.get(name)?.file;
      this.dropped.parsed += file?.bytesParsed ?? 0;
      this.dropped.read += file?.bytesRead ?? 0;
      this.dirs.delete(name);
    }
  }
}
