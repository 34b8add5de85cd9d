import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import { startCannedServer } from './canned-server.js';
import { API_KEY, useHarness } from './helpers.js';

const dataset = syntheticDataset({ runs: 2, lastStep: 10 });
const run = dataset.runs[0]!;
const ref = { entity: dataset.entity, project: dataset.project, runId: run.id };
const paths = Object.keys(run.files!).slice(0, 3);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cloud media URLs', () => {
  const h = useHarness([dataset]);

  it('gives signed URLs that load the logged bytes without credentials, with their expiry', async () => {
    const before = Date.now();
    const urls = await h.client.media.urls(ref, paths);
    expect(urls.map((u) => u.path)).toEqual(paths);
    for (const { path, url, expiresAt } of urls) {
      const response = await fetch(url!);
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(run.files![path]);
      const expires = Date.parse(expiresAt!);
      expect(expires).toBeGreaterThan(before + 3590_000);
      expect(expires).toBeLessThanOrEqual(before + 3601_000);
    }
    expect(h.fake.requests.all).toMatchObject([
      { operation: 'RunFiles', rootFields: 1 },
      ...paths.map(() => ({ kind: 'storage' })),
    ]);
  });

  it('reuses cached URLs while they are fresh, and asks again when told to refresh', async () => {
    const others = Object.keys(run.files!).slice(3, 6);
    const first = await h.client.media.urls(ref, others);
    expect(await h.client.media.urls(ref, [...others].reverse())).toEqual([...first].reverse());
    expect(h.fake.requests.count('RunFiles')).toBe(1);
    await h.client.media.urls(ref, others, { refresh: true });
    expect(h.fake.requests.count('RunFiles')).toBe(2);
  });

  it('asks for new URLs before the old ones lapse; lapsed URLs are refused by storage', async () => {
    h.fake.faults.urlTtlSeconds = 2;
    const other = { ...ref, runId: dataset.runs[1]!.id };
    const path = Object.keys(dataset.runs[1]!.files!)[0]!;
    const [old] = await h.client.media.urls(other, [path]);
    await sleep(1700);
    const [renewed] = await h.client.media.urls(other, [path]);
    expect(h.fake.requests.count('RunFiles')).toBe(2);
    expect(renewed!.url).not.toBe(old!.url);
    await sleep(Math.max(0, Date.parse(old!.expiresAt!) + 150 - Date.now()));
    expect((await fetch(old!.url!)).status).toBe(400); // GCS: ExpiredToken
    expect((await fetch(renewed!.url!)).status).toBe(200);
  });

  it('answers a file the run never uploaded as missing, and still signs the others of the same call', async () => {
    const urls = await h.client.media.urls(ref, [paths[0]!, 'media/images/missing_1_x.png', paths[1]!]);
    expect(urls.map((u) => u.path)).toEqual([paths[0], 'media/images/missing_1_x.png', paths[1]]);
    expect(urls[1]).toMatchObject({ url: null, expiresAt: null, missing: { code: 'not_uploaded' } });
    expect(urls[1]!.missing!.message).toContain(run.id);
    for (const media of [urls[0]!, urls[2]!]) expect((await fetch(media.url!)).status).toBe(200);
    expect(h.fake.requests.count('RunFiles')).toBe(1);
  });

  it('assumes a conservative lifetime when a URL does not state its expiry', async () => {
    const server = await startCannedServer(({ variables }) => ({
      data: {
        q0: {
          run: {
            files: {
              edges: (variables.q0_names as string[]).map((name) => ({
                node: { name, directUrl: `https://cdn.example/${name}` },
              })),
            },
          },
        },
      },
    }));
    try {
      const client = createWandbClient({ apiKey: API_KEY, baseUrl: server.url, assumedUrlLifetimeMs: 90_000 });
      const before = Date.now();
      const [url] = await client.media.urls(ref, ['media/a.png']);
      expect(url!.url).toBe('https://cdn.example/media/a.png');
      expect(Date.parse(url!.expiresAt!) - before).toBeGreaterThanOrEqual(90_000);
      expect(Date.parse(url!.expiresAt!) - Date.now()).toBeLessThanOrEqual(90_000);
    } finally {
      await server.close();
    }
  });
});
