import { open, stat } from 'node:fs/promises';
import type { RunIssue } from '../../types.js';
import { BLOCK_SIZE } from '../log/format.js';
import { LogParser, NotARunFileError } from '../log/parser.js';
import { scanWindows } from '../log/scan.js';
import { ForegroundGate, unlessAborted } from './foreground.js';
import { mergeHeadAndTail, tailIsEnough, type RunFacts, type TailRead } from './run-facts.js';
import { RunIndex } from './run-index.js';

interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** How much of a large run file is read to list its run before the file is read whole. */
export interface ReadWindows {
  /** Bytes from the file's start: header, run record, first config. Default 128 KiB. */
  headBytes: number;
  /** Bytes from its end: exit, summary, last rows. Default 256 KiB. */
  tailBytes: number;
  /**
   * Either end grows fourfold while the records it must hold are longer (a run record or a
   * summary larger than the window), up to this; past it the file is read whole. Default 16 MiB.
   */
  maxBytes: number;
}

/** Background reading can stop for the process to exit once per this many 1 MiB windows. */
const WINDOWS_BETWEEN_EXIT_POINTS = 8;

export const DEFAULT_READ_WINDOWS: ReadWindows = {
  headBytes: 128 * 1024,
  tailBytes: 256 * 1024,
  maxBytes: 16 * 1024 * 1024,
};

/** What a run file is known from while it has not been read whole. */
export interface PartialRead {
  size: number;
  /** Bytes from the start that the full index has read so far. */
  headBytes: number;
  /** Bytes at the end read on their own. */
  tailBytes: number;
}

/**
 * One `.wandb` file, followed as it grows. A file is listed before it is read whole: its start
 * (the beginning of the full index, which carries on from there) and its end (read on its own
 * from a block boundary) give the run record, config, exit and summary. The full index is read
 * on demand ({@link indexFully}) or in the background, between the foreground calls of `gate`.
 * Once read, each {@link refresh} parses only the bytes added since; a file that shrank or was
 * replaced is read again from the start. Small files are read whole at once.
 */
export class RunFile {
  parser = new LogParser();
  index = new RunIndex();
  /** Set when the file is missing, unreadable or not a run file. */
  error: RunIssue | null = null;
  /** Size and modification time at the last refresh; null before the first successful stat. */
  seen: FileIdentity | null = null;
  /** When a refresh last found the file larger than the refresh before it. */
  grewAt: number | null = null;
  /** `.wandb` bytes parsed over this file's lifetime (full index and ends read alone), re-reads included. */
  bytesParsed = 0;
  /** `.wandb` bytes read from disk over this file's lifetime. */
  bytesRead = 0;
  /** How far the full index has read: the file is indexed when this reaches its size. */
  private indexedTo = 0;
  private tail: TailRead | null = null;
  /** Bumped when the file is read again from the start: scans of the old one stop. */
  private generation = 0;
  private refreshing: Promise<void> | null = null;
  private scanning: Promise<void> | null = null;
  private scanningTo = 0;
  private afterWindow: (() => void)[] = [];
  /** Foreground calls waiting for this file's full index: its scan does not pause for the gate. */
  private urgent = 0;
  private merged: { version: number; tail: TailRead; facts: RunFacts } | null = null;
  private windowsSincePause = 0;

  constructor(
    readonly path: string,
    private readonly windows: ReadWindows = DEFAULT_READ_WINDOWS,
    private readonly gate: ForegroundGate = new ForegroundGate(),
  ) {}

  /** Whether the full index has read the whole file as last seen. */
  get indexed(): boolean {
    return this.seen !== null && this.error === null && this.indexedTo >= this.seen.size;
  }

  /** Set while the run is known from the start and end of its file only. */
  get partial(): PartialRead | null {
    if (this.indexed || !this.tail || !this.seen) return null;
    return { size: this.seen.size, headBytes: this.parser.pos, tailBytes: this.tail.end - this.tail.start };
  }

  /** What the file says about its run: the full index, or its start and end merged until it is read whole. */
  get facts(): RunFacts {
    const tail = this.indexed ? null : this.tail;
    if (!tail) return this.index;
    if (this.merged?.version !== this.index.version || this.merged.tail !== tail) {
      this.merged = { version: this.index.version, tail, facts: mergeHeadAndTail(this.index, this.parser.pos, tail) };
    }
    return this.merged.facts;
  }

  /** Everything before this offset was read as whole records; a record cut short starts here. */
  get committed(): number {
    return !this.indexed && this.tail ? this.tail.parser.committed : this.parser.committed;
  }

  /** Bytes at the end of the file after the last complete record (a record cut short). */
  get tailBytes(): number {
    return Math.max(0, (this.seen?.size ?? 0) - this.committed);
  }

  /**
   * Look at the file again. Never throws: problems end up in {@link error}. Concurrent callers
   * share one refresh, so it takes no abort signal (callers check their own).
   */
  refresh(now: number): Promise<void> {
    this.refreshing ??= this.update(now).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Read the whole file into the full index, first thing (the scan does not pause for other
   * calls). Aborting stops the wait, not the reading, which carries on in the background.
   */
  async indexFully(signal?: AbortSignal): Promise<void> {
    await this.refreshing;
    await this.advance('end', { urgent: true, signal });
  }

  /** Read the whole file into the full index, pausing between windows while the gate is busy. */
  async indexInBackground(): Promise<void> {
    await this.advance('end', { urgent: false });
  }

  private async update(now: number): Promise<void> {
    let current: FileIdentity;
    try {
      const info = await stat(this.path);
      current = { dev: info.dev, ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      this.error = fileIssue(this.path, error);
      return;
    }
    const previous = this.seen;
    const unchanged =
      previous && sameFile(previous, current) && previous.size === current.size && previous.mtimeMs === current.mtimeMs;
    if (unchanged && !this.error) return;
    const wasIndexed = this.indexed;
    if (previous && (!sameFile(previous, current) || current.size < this.parser.pos)) this.reset();
    this.error = null;
    this.seen = current;
    if (previous && current.size > previous.size) this.grewAt = now;
    const { headBytes, tailBytes } = this.windows;
    if (wasIndexed || current.size <= headBytes + tailBytes) await this.advance('end', { urgent: true });
    else await this.readEnds(current.size);
  }

  /** List a large file from its start and its end, each grown until it holds what a listing needs. */
  private async readEnds(size: number): Promise<void> {
    const { headBytes, tailBytes, maxBytes } = this.windows;
    let head = Math.min(size, headBytes);
    await this.advance(head, { urgent: true });
    while (!this.error && !this.index.hasRunRecord && head < Math.min(size, maxBytes)) {
      head = Math.min(size, head * 4);
      await this.advance(head, { urgent: true });
    }
    for (let length = tailBytes; !this.error; length *= 4) {
      const start = Math.floor(Math.max(0, size - length) / BLOCK_SIZE) * BLOCK_SIZE;
      // The two ends meet, or the end's records are too long to find: read the file whole.
      if (start <= this.parser.pos || length > maxBytes) return this.advance('end', { urgent: true });
      const tail = await this.readTail(start, size);
      if (!tail) return;
      if (tailIsEnough(tail)) {
        this.tail = tail;
        return;
      }
    }
  }

  private async readTail(start: number, size: number): Promise<TailRead | null> {
    const generation = this.generation;
    try {
      const handle = await open(this.path, 'r');
      try {
        const buffer = Buffer.allocUnsafe(size - start);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
        this.bytesRead += bytesRead;
        const parser = LogParser.fromBlock(start);
        const index = new RunIndex({ journal: true });
        parser.parse(buffer.subarray(0, bytesRead), start, index);
        this.bytesParsed += parser.bytesParsed;
        return generation === this.generation ? { start, end: start + bytesRead, parser, index } : null;
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (generation === this.generation) this.fail(error);
      return null;
    }
  }

  /**
   * Bring the full index to `to` (a file offset, or the file's end as last seen), joining the
   * scan in progress if there is one. Urgent callers keep that scan from pausing for the gate.
   */
  private async advance(to: number | 'end', options: { urgent: boolean; signal?: AbortSignal }): Promise<void> {
    if (options.urgent) {
      this.urgent++;
      this.gate.wake();
    }
    try {
      for (;;) {
        const target = to === 'end' ? (this.seen?.size ?? 0) : to;
        if (this.error || this.indexedTo >= target || (to !== 'end' && this.parser.pos >= target)) return;
        if (this.scanning) {
          const next =
            to === 'end' || this.scanningTo < target
              ? this.scanning
              : new Promise<void>((resolve) => this.afterWindow.push(resolve));
          await unlessAborted(next, options.signal);
          continue;
        }
        this.scanningTo = target;
        this.scanning = this.scan(target).finally(() => {
          this.scanning = null;
          this.windowDone();
        });
      }
    } finally {
      if (options.urgent) this.urgent--;
    }
  }

  /** Parse from where the full index stopped up to `target`. Never throws: problems end up in {@link error}. */
  private async scan(target: number): Promise<void> {
    const { generation, parser, index } = this;
    const before = parser.bytesParsed;
    try {
      const handle = await open(this.path, 'r');
      try {
        for await (const bytesRead of scanWindows(handle, parser, target, index)) {
          this.bytesRead += bytesRead;
          this.windowDone();
          if (generation !== this.generation) return;
          await this.pause();
          if (generation !== this.generation) return;
        }
        this.indexedTo = Math.max(this.indexedTo, target);
        if (this.indexed) this.tail = this.merged = null;
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    } finally {
      this.bytesParsed += parser.bytesParsed - before;
    }
  }

  /**
   * Between windows: let other work in, and wait while foreground calls run unless this file is
   * wanted now. Every few windows the pause is an unreferenced timer, at which a script that has
   * nothing else to do exits instead of waiting for the background to finish (an immediate would
   * run before Node looks whether anything else keeps it alive).
   */
  private async pause(): Promise<void> {
    if (this.urgent > 0) return;
    if (++this.windowsSincePause >= WINDOWS_BETWEEN_EXIT_POINTS) {
      this.windowsSincePause = 0;
      await new Promise<void>((resolve) => setTimeout(resolve, 0).unref());
    } else {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while (this.urgent === 0 && this.gate.busy) await this.gate.changed();
  }

  private windowDone(): void {
    for (const resolve of this.afterWindow.splice(0)) resolve();
  }

  private fail(error: unknown): void {
    this.error = error instanceof NotARunFileError ? notARunFile(this.path, error) : fileIssue(this.path, error);
    this.reset();
  }

  private reset(): void {
    this.generation++;
    this.parser = new LogParser();
    this.index = new RunIndex();
    this.indexedTo = 0;
    this.tail = null;
    this.merged = null;
  }
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function notARunFile(path: string, error: NotARunFileError): RunIssue {
  return {
    code: 'not_a_run_file',
    message: `${path} is not a wandb run file: ${error.message}. Only the run-<id>.wandb files wandb writes can be read.`,
  };
}

function fileIssue(path: string, error: unknown): RunIssue {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') {
    return { code: 'missing_file', message: `The run file ${path} does not exist (it was deleted or never written).` };
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      code: 'unreadable_file',
      message: `The run file ${path} cannot be read: permission denied. Check its permissions.`,
    };
  }
  if (code === 'EISDIR') {
    return { code: 'unreadable_file', message: `${path} is a directory, not a run file.` };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'unreadable_file', message: `The run file ${path} cannot be read: ${detail}.` };
}
