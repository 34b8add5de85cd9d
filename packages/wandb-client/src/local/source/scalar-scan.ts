import { open } from 'node:fs/promises';
import { AbortedError } from '../../errors.js';
import { ScalarColumn } from '../../scalars/scalar-column.js';
import { scalarOfJson } from '../../scalars/scalar-value.js';
import { HistoryScanner } from '../index/history-scan.js';
import type { RunFile } from '../index/run-file.js';
import { LegacyRunFolder } from '../legacy/legacy-run.js';
import { LogParser, type LogSink } from '../log/parser.js';
import { scanWindows } from '../log/scan.js';

/**
 * The scalar history of chosen keys in one `.wandb` file: every numeric (step, value) of those
 * keys and nothing else, read on demand with its own parser (the run index keeps only last
 * values). Followed as the file grows: a later call parses only what was appended.
 */
class FileScalars implements LogSink {
  readonly columns = new Map<string, ScalarColumn>();
  readonly #scanner = new HistoryScanner();
  readonly #parser = new LogParser();
  #lastStep: number | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    readonly ino: number,
    keys: Iterable<string>,
  ) {
    for (const key of keys) this.columns.set(key, new ScalarColumn());
  }

  get scannedTo(): number {
    return this.#parser.pos;
  }

  get bytes(): number {
    let bytes = 0;
    for (const column of this.columns.values()) bytes += column.bytes;
    return bytes;
  }

  record(payload: Uint8Array): void {
    const buf = Buffer.isBuffer(payload)
      ? payload
      : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    try {
      if (!this.#scanner.scanRecord(buf)) return;
    } catch {
      return; // An unreadable record: the run index counts it, and warns.
    }
    const step = this.#scanner.rowStep(buf, this.#lastStep);
    if (this.#lastStep === null || step > this.#lastStep) this.#lastStep = step;
    for (const [key, column] of this.columns) {
      const text = this.#scanner.valueInRow(key, buf);
      const value = text === null ? null : scalarOfJson(text);
      if (value !== null) column.push(step, value);
    }
  }

  damage(): void {}

  flush(): void {
    this.#scanner.flush();
  }

  /** Parse up to `size`, one window at a time; aborting stops between windows and keeps what was read. */
  advance(size: number, signal: AbortSignal | undefined): Promise<void> {
    const next = this.#queue.then(() => this.#scan(size, signal));
    this.#queue = next.catch(() => {});
    return next;
  }

  async #scan(size: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.#parser.pos >= size) return;
    const handle = await open(this.path, 'r');
    try {
      for await (const _ of scanWindows(handle, this.#parser, size, this)) {
        if (signal?.aborted) throw new AbortedError();
      }
    } finally {
      await handle.close();
    }
  }
}

/** Column bytes kept between calls, over every file: about four million values. */
export const SCALAR_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * The scans of a local source, kept between calls so that moving through steps reads nothing
 * again: per file, the keys asked for so far (asking a new key scans the file again for the keys
 * it keeps plus the new one). Held up to {@link SCALAR_CACHE_BYTES} of columns over all files, the
 * least recently used dropped first; a scan needed by a call is kept for that call whatever its size.
 */
export class ScalarScans {
  readonly #files = new Map<string, FileScalars>();
  readonly #budget: number;

  constructor(budgetBytes = SCALAR_CACHE_BYTES) {
    this.#budget = budgetBytes;
  }

  /**
   * Per key, every numeric value the files logged, in step order; for a run of several files (a
   * resumed run) in file order, a later file's value replacing an earlier one at the same step.
   */
  async columns(files: RunFile[], keys: string[], signal: AbortSignal | undefined): Promise<Map<string, ScalarColumn>> {
    const scans: FileScalars[] = [];
    const perFile: Map<string, ScalarColumn>[] = [];
    for (const file of files) {
      if (file.error || !file.seen) continue;
      // A pre-0.10 run folder follows its own JSON lines.
      if (file instanceof LegacyRunFolder) {
        perFile.push(await file.scalarColumns(keys, signal));
        continue;
      }
      const scan = this.#scanFor(file, keys);
      await scan.advance(file.seen.size, signal);
      scans.push(scan);
      perFile.push(scan.columns);
    }
    this.#trim(new Set(scans));
    return new Map(
      keys.map((key) => {
        if (perFile.length === 1) return [key, perFile[0]!.get(key)!];
        const merged = new ScalarColumn();
        for (const columns of perFile) columns.get(key)!.forEach((step, value) => merged.push(step, value));
        return [key, merged];
      }),
    );
  }

  /** Bytes of columns held now (for the benchmark). */
  get bytes(): number {
    let bytes = 0;
    for (const scan of this.#files.values()) bytes += scan.bytes;
    return bytes;
  }

  #scanFor(file: RunFile, keys: string[]): FileScalars {
    const known = this.#files.get(file.path);
    this.#files.delete(file.path);
    const replaced = !known || known.ino !== file.seen!.ino || known.scannedTo > file.seen!.size;
    const missing = replaced ? keys : keys.filter((key) => !known.columns.has(key));
    const scan =
      !replaced && missing.length === 0
        ? known
        : new FileScalars(file.path, file.seen!.ino, replaced ? keys : [...known.columns.keys(), ...missing]);
    this.#files.set(file.path, scan); // most recently used last
    return scan;
  }

  #trim(inUse: Set<FileScalars>): void {
    let bytes = this.bytes;
    for (const [path, scan] of this.#files) {
      if (bytes <= this.#budget) return;
      if (inUse.has(scan)) continue;
      bytes -= scan.bytes;
      this.#files.delete(path);
    }
  }
}
