import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { testApp, type TestApp } from './fixtures/app.js';
import { imageDataset, samplePng } from './fixtures/image-dataset.js';
import { countingSource } from './fixtures/sources.js';
import { signedUrlSource, startStorage, type FakeStorage } from './fixtures/storage.js';

let dataset: Dataset;
let t: TestApp;
let gridPath: string;
let otherRunPath: string;
const media = '/api/media/demo-team/img-gen';

beforeAll(async () => {
  dataset = await imageDataset({ runs: 2, lastStep: 10, every: 10, gridSize: 2, size: 200 });
  // A run logged by an old client: list files named by key, step and index, with no content hash.
  dataset.runs.push({
    id: 'legacy',
    displayName: 'legacy-client',
    state: 'finished',
    createdAt: '2025-06-01T00:00:00.000Z',
    history: [{ _step: 5, samples: { _type: 'images/separated', width: 64, height: 64, format: 'png', count: 2 } }],
    files: {
      'media/images/samples_5_0.png': await samplePng(900, 64),
      'media/images/samples_5_1.png': new TextEncoder().encode('not really a png'),
    },
  });
  t = testApp(dataset);
  gridPath = Object.keys(dataset.runs[0]!.files!).find((p) => p.includes('grid_10_'))!;
  otherRunPath = Object.keys(dataset.runs[1]!.files!)[0]!;
});

describe('originals', () => {
  it('serves the logged bytes with the image type', async () => {
    const res = await request(t.app).get(`${media}/run0/${gridPath}`).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(res.body as Buffer, Buffer.from(dataset.runs[0]!.files![gridPath]!))).toBe(0);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });
});

describe('thumbnails', () => {
  it.each([
    [50, 48],
    [128, 128],
    [130, 128],
    [4096, 200],
  ])('?w=%i gives a WebP %i px wide (never wider than asked, never enlarged)', async (w, expected) => {
    const res = await request(t.app).get(`${media}/run0/${gridPath}?w=${w}`).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/webp');
    const meta = await sharp(res.body as Buffer).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBe(expected);
    expect(meta.width).toBeLessThanOrEqual(w);
  });

  it('are much smaller than the original', async () => {
    const original = await request(t.app).get(`${media}/run0/${gridPath}`).buffer(true);
    const thumb = await request(t.app).get(`${media}/run0/${gridPath}?w=64`).buffer(true);
    expect((thumb.body as Buffer).byteLength).toBeLessThan((original.body as Buffer).byteLength * 0.15);
  });

  it('are made once: later requests come from the cache', async () => {
    const counted = countingSource(createMemorySource(dataset));
    const { app } = testApp(counted);
    const first = await request(app).get(`${media}/run0/${gridPath}?w=96`).buffer(true).expect(200);
    const again = await request(app).get(`${media}/run0/${gridPath}?w=96`).buffer(true).expect(200);
    expect(Buffer.compare(first.body as Buffer, again.body as Buffer)).toBe(0);
    expect(counted.calls.mediaUrl).toBe(1);
    expect(app.stats().thumbnails.entries).toBe(1);
  });

  it('stay within their byte budget, as do the originals', async () => {
    const { app } = testApp(dataset, { mediaCache: { thumbnailsMaxBytes: 6_000, originalsMaxBytes: 200_000 } });
    const paths = dataset.runs
      .slice(0, 2)
      .flatMap((run) => Object.keys(run.files!).map((path) => `${media}/${run.id}/${path}`));
    for (const path of paths) for (const w of [64, 128, 192]) await request(app).get(`${path}?w=${w}`).expect(200);
    const { thumbnails, originals } = app.stats();
    expect(thumbnails.bytes).toBeLessThanOrEqual(6_000);
    expect(thumbnails.evictions).toBeGreaterThan(0);
    expect(originals.bytes).toBeLessThanOrEqual(200_000);
  });

  it.each(['0', '15', '4097', 'abc', '-5', '1e3'])('reject w=%s', async (w) => {
    const res = await request(t.app).get(`${media}/run0/${gridPath}?w=${w}`).expect(400);
    expect(res.body.error.message).toMatch(/w must/);
  });

  it('a file that is not a decodable image gets a 422 for thumbnails, and its bytes as they are otherwise', async () => {
    const res = await request(t.app).get(`${media}/legacy/media/images/samples_5_1.png?w=64`).expect(422);
    expect(res.body.error).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('could not be decoded'),
    });
    await request(t.app).get(`${media}/legacy/media/images/samples_5_1.png`).expect(200);
  });
});

describe('caching headers', () => {
  it('content-addressed names are immutable and revalidate with 304 without asking the source', async () => {
    const counted = countingSource(createMemorySource(dataset));
    const { app } = testApp(counted);
    const first = await request(app).get(`${media}/run0/${gridPath}?w=64`).expect(200);
    expect(first.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const etag = first.headers.etag!;
    const calls = counted.calls.mediaUrl;
    const second = await request(app).get(`${media}/run0/${gridPath}?w=64`).set('If-None-Match', etag).expect(304);
    expect(second.text ?? '').toBe('');
    expect(second.headers.etag).toBe(etag);
    expect(counted.calls.mediaUrl).toBe(calls);
    const original = await request(app).get(`${media}/run0/${gridPath}`).expect(200);
    expect(original.headers.etag).not.toBe(etag);
    await request(app)
      .get(`${media}/run0/${gridPath}`)
      .set('If-None-Match', `W/${original.headers.etag}, "other"`)
      .expect(304);
  });

  it('other names revalidate every time, with an ETag from the content', async () => {
    const path = `${media}/legacy/media/images/samples_5_0.png`;
    const first = await request(t.app).get(path).expect(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    await request(t.app).get(path).set('If-None-Match', first.headers.etag!).expect(304);
    await request(t.app).get(path).set('If-None-Match', '"stale"').expect(200);
  });
});

describe('only the run’s own images are served', () => {
  it('a path of another run is a 404', async () => {
    const res = await request(t.app).get(`${media}/run0/${otherRunPath}`).expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('an unknown path, run or project is a 404', async () => {
    await request(t.app).get(`${media}/run0/media/images/nope_1_0123456789abcdef0123.png`).expect(404);
    await request(t.app).get(`${media}/nosuchrun/${gridPath}`).expect(404);
    await request(t.app).get(`/api/media/demo-team/nope/run0/${gridPath}`).expect(404);
  });

  it.each(['wandb-metadata.json', 'output.log', 'media/images/x.svg', 'config.yaml', 'media/images/noext'])(
    'files that are not raster images are refused: %s',
    async (path) => {
      const res = await request(t.app).get(`${media}/run0/${path}`).expect(400);
      expect(res.body.error.message).toMatch(/Only logged images/);
    },
  );
});

describe('signed storage URLs (cloud mode)', () => {
  let storage: FakeStorage;
  beforeAll(async () => {
    storage = await startStorage(dataset);
  });
  afterAll(() => storage.close());

  it('downloads without credentials, caches, and re-signs once when storage refuses an expired URL', async () => {
    const source = signedUrlSource(createMemorySource(dataset), storage);
    const { app, logLines } = testApp(source, { secrets: ['wandb-key-0123456789abcdef'] });
    storage.expired.add('sig1');
    storage.requests.length = 0;
    const res = await request(app)
      .get(`${media}/run0/${gridPath}`)
      .set('Authorization', 'Bearer wandb-key-0123456789abcdef')
      .set('Cookie', 'session=abc')
      .buffer(true)
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, Buffer.from(dataset.runs[0]!.files![gridPath]!))).toBe(0);
    expect(storage.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('X-Amz-Signature'))).toEqual([
      'sig1',
      'sig2',
    ]);
    for (const { headers } of storage.requests) {
      expect(headers.authorization).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
    }
    await request(app).get(`${media}/run0/${gridPath}?w=64`).expect(200);
    expect(storage.requests).toHaveLength(2);
    expect(JSON.stringify(logLines())).not.toMatch(/X-Amz-Signature|sig\d|wandb-key/);
  });

  it('storage that keeps refusing is a 502 that says so; a missing object is a 404', async () => {
    const source = signedUrlSource(createMemorySource(dataset), storage);
    const { app } = testApp(source);
    for (let i = 1; i <= 10; i++) storage.expired.add(`sig${i}`);
    const refused = await request(app).get(`${media}/run0/${gridPath}`).expect(502);
    expect(refused.body.error.message).toMatch(/refused a freshly signed URL/);
    expect(JSON.stringify(refused.body)).not.toMatch(/X-Amz-Signature/);
  });

  it('a file larger than the limit is a 413, not a download into memory', async () => {
    const source = signedUrlSource(createMemorySource(dataset), storage);
    const { app } = testApp(source, { mediaCache: { maxFileBytes: 1_000 } });
    storage.expired.clear();
    const res = await request(app).get(`${media}/run0/${gridPath}`).expect(413);
    expect(res.body.error.message).toMatch(/larger than this server serves/);
  });
});
