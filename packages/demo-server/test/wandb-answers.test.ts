import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { startFakeWandb, type FakeWandb } from '@run-comparer/fake-wandb';
import { createHttpSource, createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { createApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { createJsonLogger } from '../src/logger.js';
import { sourceFromConfig } from '../src/source-from-config.js';
import { testApp } from './fixtures/app.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { listen, type Listening } from './fixtures/listen.js';
import { signedUrlSource, startStorage, type FakeStorage } from './fixtures/storage.js';

/**
 * The server over the cloud client, against the fake wandb answering as the real service does:
 * light run listings, files a run never uploaded, rate limits that only send `RateLimit-Reset`,
 * and storage refusing expired signatures the way Google Cloud Storage does (400 ExpiredToken).
 */

const API_KEY = 'wandb-answers-test-key-0f1e2d3c4b5a6978';

let dataset: Dataset;
let fake: FakeWandb;
let server: Listening;
let neverUploaded: string;

async function startServer(): Promise<Listening> {
  const config = readConfig([], { WANDB_API_KEY: API_KEY, WANDB_BASE_URL: fake.url }, '/nonexistent');
  const opened = await sourceFromConfig(config);
  const app = createApp({
    source: opened.source,
    defaults: { entity: dataset.entity, project: dataset.project },
    logger: createJsonLogger({ write: () => {}, secrets: opened.secrets }),
    options: { secrets: opened.secrets },
  });
  return listen(app);
}

const api = (path: string) => `http://127.0.0.1:${server.port}/api${path}`;
const runPath = (runId: string) => `/runs/${dataset.entity}/${dataset.project}/${runId}`;

beforeAll(async () => {
  dataset = await imageDataset({ runs: 2, lastStep: 20, every: 10, gridSize: 2, size: 16 });
  const run = dataset.runs[0]!;
  run.config = { learning_rate: 0.0003, scheduler: { name: 'cosine', warmup: 500 } };
  // The run crashed before uploading the second image of its last grid.
  const last = run.history.findLast((row) => row['samples/grid'])!['samples/grid'] as { filenames: string[] };
  neverUploaded = last.filenames[1]!;
  delete run.files![neverUploaded];
  fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY });
});
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  fake.faults.clear();
  await server.close();
});
afterAll(() => fake?.close());

describe('runs', () => {
  it('a run listed light is read in full by the run route, not answered from the listing', async () => {
    const list = (await (await fetch(api(`/projects/${dataset.entity}/${dataset.project}/runs`))).json()) as {
      runs: Array<{ id: string; detail?: string; config: object }>;
    };
    const listed = list.runs.find((r) => r.id === dataset.runs[0]!.id)!;
    expect(listed).toMatchObject({ detail: 'light', config: {} });
    const run = (await (await fetch(api(runPath(listed.id)))).json()) as Record<string, unknown>;
    expect(run.detail).toBeUndefined();
    expect(run.config).toEqual(dataset.runs[0]!.config);
    expect(run.lastStep).toBe(20);
    const full = (await (
      await fetch(api(`/projects/${dataset.entity}/${dataset.project}/runs?detail=full`))
    ).json()) as typeof list;
    expect(full.runs.find((r) => r.id === listed.id)!.config).toEqual(dataset.runs[0]!.config);
  });
});

describe('media a run never uploaded', () => {
  it('the media check answers per path: a URL for the uploaded file, not_uploaded for the other', async () => {
    const run = dataset.runs[0]!;
    const uploaded = Object.keys(run.files!).find((p) => p.startsWith('media/images/'))!;
    const response = await fetch(api(`${runPath(run.id)}/media`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paths: [uploaded, neverUploaded] }),
    });
    expect(response.status).toBe(200);
    const { media } = (await response.json()) as { media: Array<Record<string, unknown>> };
    expect(media[0]).toMatchObject({ path: uploaded, missing: null });
    expect(media[1]).toMatchObject({ path: neverUploaded, url: null, missing: { code: 'not_uploaded' } });
    expect((await fetch(`http://127.0.0.1:${server.port}${media[0]!.url as string}`)).status).toBe(200);
  });

  it('the media route answers 404 saying the file was never uploaded, and the HTTP source reports it per path', async () => {
    const run = dataset.runs[0]!;
    const image = await fetch(api(`/media/${dataset.entity}/${dataset.project}/${run.id}/${neverUploaded}`));
    expect(image.status).toBe(404);
    const { error } = (await image.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('never uploaded');

    const source = createHttpSource({ baseUrl: api('') });
    const ref = { entity: dataset.entity, project: dataset.project, runId: run.id };
    const [answer] = await source.mediaUrl(ref, [neverUploaded], { refresh: true });
    expect(answer).toMatchObject({ url: null, missing: { code: 'not_uploaded' } });
  });
});

describe('rate limits that send only RateLimit-Reset', () => {
  it('a long reset is a 429 at once with Retry-After, and the HTTP source hands the wait on for a countdown', async () => {
    fake.faults.add({ kind: 'status', status: 429, rateLimitReset: '40' }, { times: 100 });
    const started = Date.now();
    const limited = await fetch(api(`/projects/${dataset.entity}/${dataset.project}/runs`));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('40');
    const body = (await limited.json()) as { error: { code: string; retryAfterMs: number } };
    expect(body.error).toMatchObject({ code: 'rate_limited', retryAfterMs: 40_000 });

    const source = createHttpSource({ baseUrl: api('') });
    await expect(source.list({ entity: dataset.entity, project: dataset.project })).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 40_000,
    });
  });
});

describe('storage refusing a signed URL', () => {
  let storage: FakeStorage;
  const gridPath = () => Object.keys(dataset.runs[1]!.files!).find((p) => p.startsWith('media/images/'))!;
  beforeAll(async () => {
    storage = await startStorage(dataset);
  });
  afterAll(() => storage.close());

  for (const refusal of [
    {
      name: 'Google Cloud Storage: 400 ExpiredToken',
      status: 400,
      body: "<?xml version='1.0' encoding='UTF-8'?><Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>",
    },
    { name: 'a CDN in front of storage: 401', status: 401, body: '<Error><Code>AuthenticationRequired</Code></Error>' },
  ]) {
    it(`signs again and serves the image after ${refusal.name}`, async () => {
      const source = signedUrlSource(createMemorySource(dataset), storage);
      const { app } = testApp(source);
      storage.refusal = { status: refusal.status, body: refusal.body };
      storage.expired.clear();
      storage.expired.add('sig1');
      storage.requests.length = 0;
      const res = await request(app)
        .get(`/api/media/${dataset.entity}/${dataset.project}/${dataset.runs[1]!.id}/${gridPath()}`)
        .buffer(true)
        .expect(200);
      expect(Buffer.compare(res.body as Buffer, Buffer.from(dataset.runs[1]!.files![gridPath()]!))).toBe(0);
      expect(storage.requests).toHaveLength(2);
    });
  }

  it('any other 400 is not a reason to sign again: a 502 naming the status', async () => {
    const source = signedUrlSource(createMemorySource(dataset), storage);
    const { app } = testApp(source);
    storage.refusal = { status: 400, body: '<Error><Code>InvalidArgument</Code></Error>' };
    storage.expired.clear();
    storage.expired.add('sig1');
    storage.requests.length = 0;
    const res = await request(app)
      .get(`/api/media/${dataset.entity}/${dataset.project}/${dataset.runs[1]!.id}/${gridPath()}`)
      .expect(502);
    expect(res.body.error.message).toContain('400');
    expect(storage.requests).toHaveLength(1);
  });
});
