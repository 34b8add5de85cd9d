import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWandb, type FakeWandb } from '@run-comparer/fake-wandb';
import type { Dataset } from '@run-comparer/wandb-client';
import { unpack } from '../src/media/disk-cache.js';
import { cacheFiles } from './fixtures/cache-files.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { startServerProcess, type ServerProcess } from './fixtures/server-process.js';

const API_KEY = 'disk-cache-fake-key-0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3';
const KEY_FORMS = [API_KEY, btoa(`api:${API_KEY}`)];

/**
 * Real server processes in cloud mode against the fake wandb, sharing one media cache folder:
 * what one fetched, the other (and a restarted one) serves without asking wandb or storage.
 */
describe('server processes sharing a media disk cache', () => {
  let dataset: Dataset;
  let fake: FakeWandb;
  let root: string;
  let cacheDir: string;
  const servers: ServerProcess[] = [];

  const start = async (dir = cacheDir, size = '64MB') => {
    const server = await startServerProcess({
      cwd: root,
      args: ['--cache-dir', dir, '--cache-size', size],
      env: {
        WANDB_API_KEY: API_KEY,
        WANDB_BASE_URL: fake.url,
        WANDB_ENTITY: dataset.entity,
        WANDB_PROJECT: dataset.project,
      },
    });
    servers.push(server);
    return server;
  };
  const media = (server: ServerProcess, runId: string, path: string, width?: number) =>
    fetch(
      new URL(
        `api/media/${dataset.entity}/${dataset.project}/${runId}/${path}${width ? `?w=${width}` : ''}`,
        server.url,
      ),
    ).then(async (res) => ({ status: res.status, body: Buffer.from(await res.arrayBuffer()) }));
  /** The run files of one run, content-addressed as wandb names media. */
  const pathsOf = (runIndex: number) => Object.keys(dataset.runs[runIndex]!.files!).sort();
  const upstream = () => ({ graphql: fake.requests.count(), storage: fake.requests.countKind('storage') });

  beforeAll(async () => {
    dataset = await imageDataset({ runs: 3, lastStep: 30, every: 10, gridSize: 3, size: 256 });
    fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY });
    root = await mkdtemp(join(tmpdir(), 'rc-disk-process-'));
    cacheDir = join(root, 'cache');
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => (s.child.exitCode === null ? s.stop('SIGKILL') : null)));
    await fake?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('a second process serves what the first fetched, and a restarted one starts warm: no request upstream', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const paths = pathsOf(0).slice(0, 6);
    const before = upstream();
    const fromA = await Promise.all(paths.flatMap((p) => [media(a!, 'run0', p), media(a!, 'run0', p, 128)]));
    expect(fromA.map((r) => r.status)).toEqual(fromA.map(() => 200));
    expect(upstream().storage - before.storage).toBe(paths.length);

    fake.requests.reset();
    const fromB = await Promise.all(paths.flatMap((p) => [media(b!, 'run0', p), media(b!, 'run0', p, 128)]));
    expect(upstream()).toEqual({ graphql: 0, storage: 0 });
    fromB.forEach((res, i) => expect(Buffer.compare(res.body, fromA[i]!.body)).toBe(0));
    paths.forEach((p, i) =>
      expect(Buffer.compare(fromB[2 * i]!.body, Buffer.from(dataset.runs[0]!.files![p]!))).toBe(0),
    );

    expect(await a!.stop()).toBe(0);
    const restarted = await start();
    const again = await Promise.all(paths.map((p) => media(restarted, 'run0', p, 128)));
    expect(again.map((r) => r.status)).toEqual(paths.map(() => 200));
    expect(upstream()).toEqual({ graphql: 0, storage: 0 });
    expect((await sharp(again[0]!.body).metadata()).width).toBe(128);
  });

  it('both processes writing the same new images at once: every answer and every file whole', async () => {
    const [a, b] = servers.filter((s) => s.child.exitCode === null);
    const paths = pathsOf(1);
    const asks = [a!, b!, a!, b!].flatMap((server) =>
      paths.flatMap((p) => [media(server, 'run1', p), media(server, 'run1', p, 192)]),
    );
    const answers = await Promise.all(asks);
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      if (i % 2 === 0) {
        const path = paths[(i / 2) % paths.length]!;
        expect(Buffer.compare(res.body, Buffer.from(dataset.runs[1]!.files![path]!))).toBe(0);
      }
    });
    const files = await cacheFiles(cacheDir);
    expect(files.length).toBeGreaterThanOrEqual(2 * paths.length);
    for (const file of files) expect(unpack(await readFile(file.path)), file.path).not.toBeNull();
  });

  it('never writes the API key, the project or a path into a file name or a file', async () => {
    const files = await cacheFiles(cacheDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = (await readFile(file.path)).toString('latin1');
      for (const word of [...KEY_FORMS, dataset.project, 'media/images']) {
        expect(file.path.slice(cacheDir.length)).not.toContain(word);
        expect(text).not.toContain(word);
      }
    }
  });

  it('fetches again what it finds cut short or altered on disk, and stores it whole', async () => {
    // A fresh process: nothing of run0 in its memory, so every answer comes from disk or upstream.
    const server = await start();
    const paths = pathsOf(0).slice(0, 6);
    const files = await cacheFiles(cacheDir);
    for (const [i, file] of files.entries()) {
      const bytes = await readFile(file.path);
      await writeFile(
        file.path,
        i % 2 ? bytes.subarray(0, bytes.length - 7) : Buffer.concat([bytes.subarray(1), Buffer.of(1)]),
      );
    }
    fake.requests.reset();
    const answers = await Promise.all(paths.map((p) => media(server, 'run0', p)));
    answers.forEach((res, i) =>
      expect(Buffer.compare(res.body, Buffer.from(dataset.runs[0]!.files![paths[i]!]!))).toBe(0),
    );
    expect(upstream().storage).toBe(paths.length);
    const thumbs = await Promise.all(paths.map((p) => media(server, 'run0', p, 128)));
    for (const thumb of thumbs) expect((await sharp(thumb.body).metadata()).width).toBe(128);
    // The six originals and six thumbnails asked for are whole again; the rest of the folder was not read.
    const whole = await Promise.all((await cacheFiles(cacheDir)).map(async (f) => unpack(await readFile(f.path))));
    expect(whole.filter(Boolean)).toHaveLength(2 * paths.length);
    expect(server.stdout()).toContain('a damaged file was deleted');
  });

  it('keeps the folder near its bound when both processes fill it', async () => {
    const small = join(root, 'small-cache');
    const [a, b] = await Promise.all([start(small, '1MB'), start(small, '1MB')]);
    // 3 runs × 16 originals of about 130 kB, thumbnails besides: over 6 MB asked through a 1 MB cache.
    const asks = dataset.runs.flatMap((run, r) =>
      pathsOf(r).flatMap((p, i) => [
        () => media(i % 2 ? a! : b!, run.id, p),
        () => media(i % 2 ? b! : a!, run.id, p, 256),
      ]),
    );
    for (let i = 0; i < asks.length; i += 4) {
      const answers = await Promise.all(asks.slice(i, i + 4).map((ask) => ask()));
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    }
    const bytes = await settledSize(small);
    // Each process sweeps once it wrote an eighth of the bound: two may overshoot by an eighth each.
    expect(bytes).toBeLessThanOrEqual(1.25 * 1024 ** 2);
    expect(bytes).toBeGreaterThan(0.3 * 1024 ** 2);
    // What is left is still whole and still served from disk.
    for (const file of await cacheFiles(small)) expect(unpack(await readFile(file.path))).not.toBeNull();
  });

  it('works without a cache folder it cannot write, and says so once in the log', async () => {
    await writeFile(join(root, 'not-a-folder'), 'a file');
    const server = await start(join(root, 'not-a-folder', 'cache'));
    for (const p of pathsOf(2).slice(0, 3)) {
      expect((await media(server, 'run2', p, 128)).status).toBe(200);
      expect((await media(server, 'run2', p)).status).toBe(200);
    }
    const warnings = server
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: string; msg: string })
      .filter((line) => line.msg.includes('disk cache'));
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/media disk cache off: cannot write to .*not-a-folder/),
      }),
    ]);
  });
});

/** The folder's size once the processes' sweeps are over (unchanged for half a second). */
async function settledSize(dir: string): Promise<number> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const size = (await cacheFiles(dir)).reduce((n, f) => n + f.size, 0);
    if (size === last) return size;
    last = size;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return last;
}
