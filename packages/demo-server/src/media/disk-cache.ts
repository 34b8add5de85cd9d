import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../logger.js';
import { sweep } from './disk-sweep.js';

export interface DiskCacheOptions {
  /** The directory; created when missing. Several server processes may share it. */
  dir: string;
  /** Bound on the bytes of its files, held approximately across the processes that share it. */
  maxBytes: number;
  /**
   * What the keys are relative to (the wandb host, the local runs' directory), so that servers of
   * different sources can share one directory without mixing up runs that have the same name.
   */
  namespace?: string;
}

export interface DiskCacheStats {
  /** False when the directory could not be written: media are then kept in memory only. */
  enabled: boolean;
  hits: number;
  misses: number;
  writes: number;
  /** Files found cut short or changed, deleted and fetched again. */
  damaged: number;
  /** Files this process deleted to keep the directory under its bound. */
  evictions: number;
  writeErrors: number;
  /** The directory's size when this process last measured it, plus what it wrote since. */
  bytes: number;
}

export interface DiskEntry {
  bytes: Uint8Array;
  /** sha256 of `bytes`, checked on every read. */
  sha256: Buffer;
}

/** The layout version: files of another layout are never read (a new one gets its own folder). */
const LAYOUT = 'media-v1';
/** Every file ends with `MAGIC`, the payload's length (8 bytes) and its sha256 (32 bytes). */
const MAGIC = Buffer.from('RCMEDIA1', 'latin1');
const TRAILER_BYTES = MAGIC.length + 8 + 32;
/** A read refreshes a file's times at most this often, so that eviction sees it as recently used. */
const TOUCH_AFTER_MS = 60_000;
const STALE_TEMP_MS = 10 * 60_000;
/** Other processes write too: re-measure the directory after writing this share of the bound. */
const RESWEEP_SHARE = 1 / 8;
/** After a sweep, what is left: some room, so that the next writes do not sweep again at once. */
const TARGET_SHARE = 0.9;

/**
 * Media bytes (originals and thumbnails) kept on disk across restarts and shared by the server
 * processes that use the same directory.
 *
 * - File names are the sha256 of the key (source, run, path, width): no key, path or credential
 *   is ever in a name or in a file.
 * - Writes go to a temporary file renamed into place, so a reader sees a whole file or none.
 * - Each file carries its length and sha256; a file cut short (a crash, a full disk) or altered is
 *   deleted and reported as a miss, so the caller fetches it again.
 * - Each process measures the directory when it starts and again after writing an eighth of the
 *   bound, and deletes the least recently used files when it holds more than the bound. With
 *   several processes the bound holds approximately (each may write an eighth more before it looks).
 * - Nothing here throws: a directory that cannot be written turns the cache off, said once in the log.
 */
export class DiskCache {
  readonly #root: string;
  readonly #maxBytes: number;
  readonly #namespace: string;
  readonly #logger: Logger;
  readonly #ready: Promise<boolean>;
  readonly #madeDirs = new Set<string>();
  #enabled = true;
  #bytes = 0;
  #writtenSinceSweep = 0;
  #sweeping: Promise<void> | null = null;
  #sweepAgain = false;
  #warnedWrite = false;
  readonly #counts = { hits: 0, misses: 0, writes: 0, damaged: 0, evictions: 0, writeErrors: 0 };

  constructor(options: DiskCacheOptions, logger: Logger) {
    this.#root = join(options.dir, LAYOUT);
    this.#maxBytes = options.maxBytes;
    this.#namespace = options.namespace ?? '';
    this.#logger = logger;
    this.#ready = this.#open(options.dir);
  }

  /** The bytes stored under `key`, checked whole; null when absent or damaged. */
  async get(key: readonly unknown[]): Promise<DiskEntry | null> {
    if (!(await this.#ready)) return null;
    const file = this.#fileOf(key);
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch {
      this.#counts.misses++;
      return null;
    }
    let entry: DiskEntry | null = null;
    try {
      const info = await handle.stat();
      if (info.size >= TRAILER_BYTES && info.size <= this.#maxBytes + TRAILER_BYTES) {
        entry = unpack(await handle.readFile());
      }
      if (entry && Date.now() - Math.max(info.mtimeMs, info.atimeMs) > TOUCH_AFTER_MS) {
        const now = new Date();
        await handle.utimes(now, now).catch(() => {});
      }
    } catch {
      entry = null;
    } finally {
      await handle.close().catch(() => {});
    }
    if (entry) {
      this.#counts.hits++;
      return entry;
    }
    this.#counts.damaged++;
    this.#counts.misses++;
    await rm(file, { force: true }).catch(() => {});
    this.#logger.warn('media disk cache: a damaged file was deleted; it is fetched again', {
      file: file.slice(this.#root.length + 1),
    });
    return null;
  }

  /** Store `bytes` under `key`. Never throws; entries larger than a quarter of the bound are not kept. */
  async put(key: readonly unknown[], bytes: Uint8Array): Promise<void> {
    if (!(await this.#ready) || bytes.byteLength > this.#maxBytes / 4) return;
    const file = this.#fileOf(key);
    const temp = join(dirname(file), `.${file.slice(-16)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      await this.#writeWhole(temp, bytes);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      return this.#writeFailed(error as NodeJS.ErrnoException);
    }
    this.#counts.writes++;
    const stored = bytes.byteLength + TRAILER_BYTES;
    this.#bytes += stored;
    this.#writtenSinceSweep += stored;
    if (this.#bytes > this.#maxBytes || this.#writtenSinceSweep > this.#maxBytes * RESWEEP_SHARE) this.#sweepSoon();
  }

  stats(): DiskCacheStats {
    return { enabled: this.#enabled, ...this.#counts, bytes: this.#bytes };
  }

  /** Resolves once the directory has been opened and any sweep under way has finished. */
  async settled(): Promise<void> {
    await this.#ready;
    while (this.#sweeping) await this.#sweeping;
  }

  async #open(dir: string): Promise<boolean> {
    try {
      await mkdir(this.#root, { recursive: true });
      // A directory that exists is not necessarily writable: try what every write does.
      const probe = join(this.#root, `.probe.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
      const handle = await open(probe, 'wx');
      await handle.close();
      await rename(probe, `${probe}.done.tmp`);
      await rm(`${probe}.done.tmp`, { force: true });
    } catch (error) {
      this.#enabled = false;
      const reason = describe(error as NodeJS.ErrnoException);
      this.#logger.warn(
        `media disk cache off: cannot write to ${dir} (${reason}). Media are kept in memory only; pass --cache-dir with a writable directory, or --cache-size 0 to turn the disk cache off.`,
      );
      return false;
    }
    this.#sweepSoon();
    return true;
  }

  #fileOf(key: readonly unknown[]): string {
    const name = createHash('sha256')
      .update(JSON.stringify([this.#namespace, ...key]))
      .digest('hex');
    return join(this.#root, name.slice(0, 2), name);
  }

  async #writeWhole(temp: string, bytes: Uint8Array): Promise<void> {
    const dir = dirname(temp);
    if (!this.#madeDirs.has(dir)) await mkdir(dir, { recursive: true });
    let handle: FileHandle;
    try {
      handle = await open(temp, 'wx');
    } catch (error) {
      // Someone deleted the folder (a user clearing the cache): make it again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(dir, { recursive: true });
      handle = await open(temp, 'wx');
    }
    this.#madeDirs.add(dir);
    try {
      // No fsync: a file a crash leaves short fails its check on the next read and is fetched again.
      await handle.writev([bytes, trailerOf(bytes)]);
    } finally {
      await handle.close();
    }
  }

  #writeFailed(error: NodeJS.ErrnoException): void {
    this.#counts.writeErrors++;
    if (this.#warnedWrite) return;
    this.#warnedWrite = true;
    this.#logger.warn(
      `media disk cache: could not write to ${dirname(this.#root)} (${describe(error)}); media are still served, and the disk cache is tried again on the next image.`,
    );
  }

  #sweepSoon(): void {
    if (this.#sweeping) {
      this.#sweepAgain = true;
      return;
    }
    this.#writtenSinceSweep = 0;
    this.#sweeping = sweep(this.#root, {
      maxBytes: this.#maxBytes,
      targetBytes: this.#maxBytes * TARGET_SHARE,
      staleTempMs: STALE_TEMP_MS,
      now: Date.now(),
    })
      .then(
        (result) => {
          // What this process wrote while the sweep listed the directory may or may not be counted: count it.
          this.#bytes = result.bytes + this.#writtenSinceSweep;
          this.#counts.evictions += result.evicted;
        },
        () => {},
      )
      .finally(() => {
        this.#sweeping = null;
        if (this.#sweepAgain) {
          this.#sweepAgain = false;
          this.#sweepSoon();
        }
      });
  }
}

function trailerOf(bytes: Uint8Array): Buffer {
  const length = Buffer.alloc(8);
  length.writeBigUInt64BE(BigInt(bytes.byteLength));
  return Buffer.concat([MAGIC, length, createHash('sha256').update(bytes).digest()]);
}

/** The payload of a whole, unaltered cache file; null for anything else. */
export function unpack(file: Buffer): DiskEntry | null {
  if (file.byteLength < TRAILER_BYTES) return null;
  const end = file.byteLength - TRAILER_BYTES;
  if (!file.subarray(end, end + MAGIC.length).equals(MAGIC)) return null;
  if (file.readBigUInt64BE(end + MAGIC.length) !== BigInt(end)) return null;
  const bytes = file.subarray(0, end);
  const sha256 = createHash('sha256').update(bytes).digest();
  if (!sha256.equals(file.subarray(end + MAGIC.length + 8))) return null;
  return { bytes, sha256 };
}

function describe(error: NodeJS.ErrnoException): string {
  return error.code ? `${error.code}: ${error.syscall ?? 'access'} failed` : String(error.message ?? error);
}
