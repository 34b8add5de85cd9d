import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A cache file as a sweep saw it. */
interface SweptFile {
  path: string;
  bytes: number;
  /** The later of its access and modification times: reads touch it, so this is "last used". */
  usedAt: number;
}

export interface SweepOptions {
  /** Above this many bytes, the least recently used files are deleted... */
  maxBytes: number;
  /** ...until no more than this many remain. */
  targetBytes: number;
  /** Temporary files older than this were left by a writer that died; they are deleted. */
  staleTempMs: number;
  now: number;
}

export interface SweepResult {
  /** Bytes of the cache files left. */
  bytes: number;
  files: number;
  evicted: number;
}

/** A file being written: `.<name>.<pid>-<random>.tmp`, renamed into place once whole. */
export const isTempName = (name: string) => name.startsWith('.') && name.endsWith('.tmp');

/**
 * Measure the cache directory and, when it holds more than `maxBytes`, delete the least recently
 * used files down to `targetBytes`. Other processes may write, read and delete files at the same
 * time: a file gone between listing and deleting counts as freed, never as an error.
 */
export async function sweep(root: string, options: SweepOptions): Promise<SweepResult> {
  const files: SweptFile[] = [];
  const shards = (await listDir(root)).filter((name) => /^[0-9a-f]{2}$/.test(name));
  for (const shard of shards) {
    const dir = join(root, shard);
    const names = await listDir(dir);
    const seen = await Promise.all(names.map((name) => statOrNull(join(dir, name))));
    names.forEach((name, i) => {
      const info = seen[i];
      if (!info?.isFile()) return;
      const path = join(dir, name);
      if (isTempName(name)) {
        if (options.now - info.mtimeMs > options.staleTempMs) void unlink(path).catch(() => {});
        return;
      }
      files.push({ path, bytes: info.size, usedAt: Math.max(info.mtimeMs, info.atimeMs) });
    });
  }
  let bytes = files.reduce((sum, file) => sum + file.bytes, 0);
  let evicted = 0;
  if (bytes > options.maxBytes) {
    files.sort((a, b) => a.usedAt - b.usedAt);
    for (const file of files) {
      if (bytes <= options.targetBytes) break;
      // ENOENT: another process evicted it first. Anything else (e.g. Windows refusing to delete an
      // open file) leaves it for a later sweep.
      const gone = await unlink(file.path).then(
        () => true,
        (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
      );
      if (gone) {
        bytes -= file.bytes;
        evicted++;
      }
    }
  }
  return { bytes, files: files.length - evicted, evicted };
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

function statOrNull(path: string) {
  return stat(path).catch(() => null);
}
