import { open, stat } from 'node:fs/promises';
import type { RunIssue } from '../../types.js';
import { LogParser, NotARunFileError } from '../log/parser.js';
import { scanFile } from '../log/scan.js';
import { RunIndex } from './run-index.js';

interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/**
 * One `.wandb` file, followed as it grows. Each {@link refresh} stats the file (cheap) and, when
 * it changed, parses only the bytes added since the last call: the parser and the index carry
 * over. A file that shrank or was replaced is read again from the start.
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
  /** `.wandb` bytes parsed over this file's lifetime, re-reads included. */
  bytesParsed = 0;
  private inflight: Promise<void> | null = null;

  constructor(readonly path: string) {}

  /**
   * Bring the index up to date with the file. Never throws: problems end up in {@link error}.
   * Concurrent callers share one refresh, so it takes no abort signal (callers check their own).
   */
  refresh(now: number): Promise<void> {
    this.inflight ??= this.update(now).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
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
    if (
      previous &&
      sameFile(previous, current) &&
      previous.size === current.size &&
      previous.mtimeMs === current.mtimeMs
    ) {
      if (!this.error) return;
    }
    if (previous && (!sameFile(previous, current) || current.size < this.parser.pos)) this.reset();
    try {
      await this.scan(current.size);
      this.error = null;
    } catch (error) {
      this.error = error instanceof NotARunFileError ? notARunFile(this.path, error) : fileIssue(this.path, error);
      this.reset();
    }
    if (previous && current.size > previous.size) this.grewAt = now;
    this.seen = current;
  }

  private async scan(size: number): Promise<void> {
    const handle = await open(this.path, 'r');
    try {
      const before = this.parser.bytesParsed;
      try {
        await scanFile(handle, this.parser, size, this.index);
      } finally {
        this.bytesParsed += this.parser.bytesParsed - before;
      }
    } finally {
      await handle.close();
    }
  }

  private reset(): void {
    this.parser = new LogParser();
    this.index = new RunIndex();
  }

  /** Bytes at the end of the file after the last complete record (a record cut short). */
  get tailBytes(): number {
    return Math.max(0, (this.seen?.size ?? 0) - this.parser.committed);
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
