import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskCache, unpack } from '../src/media/disk-cache.js';
import { createJsonLogger } from '../src/logger.js';
import { cacheFiles } from './fixtures/cache-files.js';

let dir: string;
let lines: string[];
const logger = () => createJsonLogger({ write: (line) => lines.push(line) });
const open = (maxBytes = 1024 ** 2, namespace = 'cloud:test', at = dir) =>
  new DiskCache({ dir: at, maxBytes, namespace }, logger());

const image = (seed: number, bytes = 10_000) => {
  const out = randomBytes(bytes);
  out.writeUInt32BE(seed);
  return new Uint8Array(out);
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-disk-cache-'));
  lines = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('DiskCache', () => {
  it('gives back what was stored, across instances (as across restarts and processes)', async () => {
    const bytes = image(1);
    const key = ['thumbnail', 'acme/sdxl/run1', 'media/images/grid_0_0123456789abcdef0123.png', 256];
    await open().put(key, bytes);
    const other = open();
    const found = await other.get(key);
    expect(found && Buffer.compare(found.bytes, bytes)).toBe(0);
    expect(await other.get([...key.slice(0, 3), 512])).toBeNull();
    expect(other.stats()).toMatchObject({ enabled: true, hits: 1, misses: 1 });
  });

  it('keeps sources apart: another namespace does not see the entry', async () => {
    await open(1024 ** 2, 'cloud:https://api.wandb.ai:key-a').put(
      ['original', 'a/b/c', 'x_0_0123456789abcdef0123.png'],
      image(2),
    );
    const otherKey = open(1024 ** 2, 'cloud:https://api.wandb.ai:key-b');
    expect(await otherKey.get(['original', 'a/b/c', 'x_0_0123456789abcdef0123.png'])).toBeNull();
  });

  it('names files by a hash: no run, path or namespace in a file name or in a file', async () => {
    const secretish = 'cloud:https://api.wandb.ai:0f0e0d0c0b0a';
    await open(1024 ** 2, secretish).put(['original', 'acme/secret-project/run7', 'media/images/x_1_aa.png'], image(3));
    const [file] = await cacheFiles(dir);
    expect(file!.path).toMatch(/media-v1\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    const text = (await readFile(file!.path)).toString('latin1');
    for (const word of ['secret-project', 'run7', 'x_1_aa', 'api.wandb.ai', '0f0e0d0c0b0a']) {
      expect(file!.path).not.toContain(word);
      expect(text).not.toContain(word);
    }
  });

  it.each([
    ['cut short', (file: string, size: number) => truncate(file, size - 100)],
    [
      'with a byte changed',
      async (file: string) => {
        const bytes = await readFile(file);
        bytes[100] = bytes[100]! ^ 0xff;
        await writeFile(file, bytes);
      },
    ],
    ['empty', (file: string) => truncate(file, 0)],
  ] as const)('reports a file %s as a miss, deletes it and says so', async (_, damage) => {
    const cache = open();
    const key = ['original', 'a/b/c', 'p_0_0123456789abcdef0123.png'];
    const bytes = image(4);
    await cache.put(key, bytes);
    const [file] = await cacheFiles(dir);
    await damage(file!.path, file!.size);
    expect(await cache.get(key)).toBeNull();
    expect(await cacheFiles(dir)).toEqual([]);
    expect(cache.stats()).toMatchObject({ damaged: 1, hits: 0 });
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual([expect.stringContaining('damaged file was deleted')]);
    await cache.put(key, bytes); // fetched again and stored again
    expect(Buffer.compare((await cache.get(key))!.bytes, bytes)).toBe(0);
  });

  it('stays under its bound, deleting the least recently used files', async () => {
    const cache = open(200_000);
    await cache.settled();
    const keys = Array.from({ length: 12 }, (_, i) => ['thumbnail', 'a/b/c', `k_${i}_0123456789abcdef0123.png`, 256]);
    for (const [i, key] of keys.slice(0, 10).entries()) await cache.put(key, image(i, 15_000));
    await cache.settled();
    // Make the ten files look used an hour ago, in order; then use the first one now.
    const files = await Promise.all(keys.slice(0, 10).map(async (key) => (await cache.get(key)) && key));
    expect(files.every(Boolean)).toBe(true);
    const all = await cacheFiles(dir);
    expect(all).toHaveLength(10);
    const paths = [];
    for (const key of keys.slice(0, 10)) paths.push(await pathOf(cache, key, all));
    const hourAgo = Date.now() / 1000 - 3600;
    for (const [i, path] of paths.entries()) await utimes(path, hourAgo + i, hourAgo + i);
    expect(await cache.get(keys[0]!)).not.toBeNull(); // touched: now the most recently used
    for (const [i, key] of keys.slice(10).entries()) await cache.put(key, image(100 + i, 45_000));
    await cache.settled();
    const left = await cacheFiles(dir);
    expect(left.reduce((n, f) => n + f.size, 0)).toBeLessThanOrEqual(200_000);
    expect(await cache.get(keys[0]!)).not.toBeNull();
    expect(await cache.get(keys[1]!)).toBeNull();
    expect(await cache.get(keys[11]!)).not.toBeNull();
    expect(cache.stats().evictions).toBeGreaterThan(0);
  });

  it('tolerates files and folders deleted behind its back (another process, a user clearing it)', async () => {
    const a = open(100_000);
    const b = open(100_000);
    const keys = Array.from({ length: 30 }, (_, i) => ['original', 'a/b/c', `d_${i}_0123456789abcdef0123.png`]);
    // Two caches over one folder writing and sweeping at once, while the folder is emptied twice.
    await Promise.all(
      keys.map(async (key, i) => {
        await (i % 2 ? a : b).put(key, image(i, 8_000));
        if (i === 10 || i === 20) await rm(join(dir, 'media-v1'), { recursive: true, force: true });
      }),
    );
    await Promise.all([a.settled(), b.settled()]);
    await a.put(keys[0]!, image(0, 8_000));
    expect((await b.get(keys[0]!))?.bytes.byteLength).toBe(8_000);
    for (const file of await cacheFiles(dir)) expect(unpack(await readFile(file.path))).not.toBeNull();
  });

  it('turns itself off when the folder cannot be written, says so once, and answers misses', async () => {
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const cache = open(1024 ** 2, 'cloud:test', join(dir, 'a-file', 'cache'));
    await cache.put(['original', 'a/b/c', 'x_0_0123456789abcdef0123.png'], image(5));
    expect(await cache.get(['original', 'a/b/c', 'x_0_0123456789abcdef0123.png'])).toBeNull();
    await cache.put(['original', 'a/b/c', 'y_0_0123456789abcdef0123.png'], image(6));
    expect(cache.stats()).toMatchObject({ enabled: false, writes: 0 });
    const said = lines.map((l) => JSON.parse(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({
      level: 'warn',
      msg: expect.stringMatching(/media disk cache off: cannot write to .*a-file.*ENOTDIR/),
    });
  });
});

/** The file of `key`: the one that disappears when the cache is asked to hold it and then damaged. */
async function pathOf(cache: DiskCache, key: unknown[], all: { path: string }[]): Promise<string> {
  const entry = await cache.get(key);
  for (const { path } of all) {
    const found = unpack(await readFile(path));
    if (found && entry && found.sha256.equals(entry.sha256)) return path;
  }
  throw new Error('no file holds that entry');
}
