import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWandb, type FakeWandb } from '@run-comparer/fake-wandb';
import type { Dataset } from '@run-comparer/wandb-client';
import { createApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { createJsonLogger } from '../src/logger.js';
import { sourceFromConfig } from '../src/source-from-config.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { listen, type Listening } from './fixtures/listen.js';

/**
 * wandb misbehaving under the real server: the app as `server.ts` builds it (the cloud client with
 * the production retry budget) on loopback, against the fake wandb GraphQL server with injected
 * faults. Every answer is bounded in time, says what went wrong as a JSON error, and the server
 * answers normally again as soon as the fault ends.
 */

const API_KEY = 'faults-test-key-5b1d0c9e7a2f4386';
const FOREVER = 100_000;

let dataset: Dataset;
let fake: FakeWandb;
let server: Listening;
const logLines: string[] = [];
const seen: string[] = [];

async function startServer(upstreamTimeoutMs = 20_000): Promise<Listening> {
  const config = readConfig([], { WANDB_API_KEY: API_KEY, WANDB_BASE_URL: fake.url }, '/nonexistent');
  const opened = await sourceFromConfig(config);
  const app = createApp({
    source: opened.source,
    defaults: { entity: dataset.entity, project: dataset.project },
    logger: createJsonLogger({ write: (line) => logLines.push(line), secrets: opened.secrets }),
    options: { secrets: opened.secrets, upstreamTimeoutMs },
  });
  return listen(app);
}

async function get(path: string, on = server) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${on.port}${path}`);
  const body = await response.text();
  seen.push(`${response.status} ${[...response.headers].join(' ')} ${body}`);
  return {
    status: response.status,
    headers: response.headers,
    ms: performance.now() - started,
    json: () => JSON.parse(body) as { error?: { code: string; message: string } } & Record<string, unknown>,
  };
}

const runs = () => `/api/projects/${dataset.entity}/${dataset.project}/runs`;

beforeAll(async () => {
  dataset = await imageDataset({ runs: 2, lastStep: 20, every: 10, gridSize: 1, size: 32 });
  fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY });
});

// A fresh server (and so empty caches) for each test.
beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  fake.faults.clear();
  fake.faults.urlTtlSeconds = 3600;
  await server.close();
});

afterAll(() => fake?.close());

describe('wandb failing', () => {
  it('a rate limit with a long Retry-After is a 429 at once, with Retry-After; then answers again', async () => {
    fake.faults.add({ kind: 'status', status: 429, retryAfter: '30' }, { times: FOREVER });
    const limited = await get(`${runs()}?perPage=2`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect(limited.json().error).toMatchObject({ code: 'rate_limited' });
    expect(limited.json().error!.message).toMatch(/rate/i);
    expect(limited.ms).toBeLessThan(5_000);
    fake.faults.clear();
    const after = await get(`${runs()}?perPage=2`);
    expect(after.status).toBe(200);
    expect((after.json().runs as unknown[]).length).toBe(2);
  });

  it('brief 5xx, a cut-off body and a dropped connection are retried: the caller just gets the answer', async () => {
    fake.faults.add({ kind: 'status', status: 500 }).add({ kind: 'malformed' }).add({ kind: 'disconnect' });
    const res = await get(`${runs()}?perPage=3`);
    expect(res.status).toBe(200);
    expect((res.json().runs as unknown[]).length).toBe(2);
    expect(fake.faults.pending).toBe(0);
  });

  it('wandb failing for good is a 502 that says so, within the retry budget; then answers again', async () => {
    fake.faults.add({ kind: 'status', status: 500 }, { times: FOREVER });
    const failed = await get(`${runs()}?perPage=4`);
    expect(failed.status).toBe(502);
    expect(failed.json().error).toMatchObject({ code: 'upstream' });
    expect(failed.json().error!.message).toMatch(/500/);
    expect(failed.ms).toBeLessThan(15_000);
    fake.faults.clear();
    expect((await get(`${runs()}?perPage=4`)).status).toBe(200);
  });

  it('GraphQL errors are a 502 naming what wandb said', async () => {
    fake.faults.add(
      { kind: 'graphql-errors', messages: ['history service unavailable: shard 7 timed out'] },
      { times: FOREVER },
    );
    const failed = await get(`/api/runs/${dataset.entity}/${dataset.project}/run1`);
    expect(failed.status).toBe(502);
    expect(failed.json().error).toMatchObject({ code: 'graphql' });
    expect(failed.json().error!.message).toContain('history service unavailable: shard 7 timed out');
  });

  it('a body that is not JSON, for good, is a 502 that says the answer was unreadable', async () => {
    fake.faults.add({ kind: 'malformed' }, { times: FOREVER });
    const failed = await get(`/api/runs/${dataset.entity}/${dataset.project}/run0/image-keys`);
    expect(failed.status).toBe(502);
    expect(['upstream', 'schema']).toContain(failed.json().error!.code);
    expect(failed.json().error!.message.length).toBeGreaterThan(20);
    expect(failed.ms).toBeLessThan(15_000);
  });

  it('wandb out of reach is a 503; the server answers as soon as wandb is back', async () => {
    const port = Number(new URL(fake.url).port);
    await fake.close();
    try {
      const failed = await get(`${runs()}?perPage=5`);
      expect(failed.status).toBe(503);
      expect(failed.json().error).toMatchObject({ code: 'network' });
      expect(failed.ms).toBeLessThan(15_000);
    } finally {
      fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY, port });
    }
    expect((await get(`${runs()}?perPage=5`)).status).toBe(200);
  });
});

describe('wandb too slow', () => {
  it('past the deadline the server answers 504 on time, gives up the upstream call, and then answers normally', async () => {
    const impatient = await startServer(1_500);
    try {
      fake.faults.add({ kind: 'delay', ms: 30_000 });
      const slow = await get(`/api/runs/${dataset.entity}/${dataset.project}/run0`, impatient);
      expect(slow.status).toBe(504);
      expect(slow.json().error).toMatchObject({ code: 'timeout' });
      expect(slow.json().error!.message).toMatch(/took longer than 1.5 s/);
      expect(slow.ms).toBeLessThan(5_000);
      // The fake sees its client hang up rather than wait out the delay.
      await expect.poll(() => fake.requests.all.some((r) => r.fault === 'delay' && r.clientGone)).toBe(true);
      const next = await get(`/api/runs/${dataset.entity}/${dataset.project}/run0`, impatient);
      expect(next.status).toBe(200);
      expect(next.json().id).toBe('run0');
    } finally {
      await impatient.close();
    }
  });
});

describe('signed media URLs', () => {
  it('URLs storage refuses mid-session are signed again with wandb, so images keep coming once storage accepts', async () => {
    const fresh = server;
    {
      const sets = (
        await get(`/api/runs/${dataset.entity}/${dataset.project}/run0/images?keys=samples/grid&step=10`, fresh)
      ).json().sets as { images: { path: string }[] }[];
      const path = sets[0]!.images[0]!.path;
      const media = `/api/media/${dataset.entity}/${dataset.project}/run0/${path}`;
      // wandb hands out URLs that storage refuses as expired.
      fake.faults.urlTtlSeconds = -1;
      const refused = await get(media, fresh);
      expect(refused.status).toBe(502);
      expect(refused.json().error!.message).toMatch(/refused/);
      expect(fake.requests.all.filter((r) => r.kind === 'storage' && r.status === 400).length).toBeGreaterThanOrEqual(
        2,
      );

      fake.faults.urlTtlSeconds = 3600;
      const signings = fake.requests.count('RunFiles');
      const served = await get(media, fresh);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
      // The refused URL was not reused from a cache: wandb was asked to sign again.
      expect(fake.requests.count('RunFiles')).toBeGreaterThan(signings);
    }
  });
});

describe('through all of it', () => {
  it('the key never appears in an answer or a log line', () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const text of [...seen, ...logLines]) expect(text).not.toContain(API_KEY);
    expect(logLines.join('\n')).not.toMatch(/X-Goog-Signature|X-Amz-Signature/);
  });
});
