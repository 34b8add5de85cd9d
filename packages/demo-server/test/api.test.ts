import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemorySource, imageSetFromValue, type Dataset } from '@run-comparer/wandb-client';
import { testApp, type TestApp } from './fixtures/app.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { countingSource } from './fixtures/sources.js';

let dataset: Dataset;
let t: TestApp;
const base = '/api/runs/demo-team/img-gen';

beforeAll(async () => {
  dataset = await imageDataset({ runs: 4, lastStep: 40, every: 10, gridSize: 3, size: 96 });
  t = testApp(dataset);
});

const expectedSets = (runId: string, key: string) =>
  dataset.runs
    .find((r) => r.id === runId)!
    .history.flatMap((row) => {
      const set = imageSetFromValue(key, row._step, row[key]);
      return set ? [set] : [];
    });

describe('GET /api/health', () => {
  it('names the source kind and the default project', async () => {
    const res = await request(t.app).get('/api/health').expect(200);
    expect(res.body).toEqual({
      ok: true,
      source: { kind: 'memory', description: 'memory source' },
      defaults: { entity: 'demo-team', project: 'img-gen' },
    });
  });
});

describe('GET /api/projects/:entity/:project/runs', () => {
  it('returns runs newest first with a cursor to the next page', async () => {
    const first = await request(t.app).get('/api/projects/demo-team/img-gen/runs?perPage=3').expect(200);
    expect(first.body.runs.map((r: { id: string }) => r.id)).toEqual(['run3', 'run2', 'run1']);
    expect(first.body.total).toBe(4);
    const second = await request(t.app)
      .get('/api/projects/demo-team/img-gen/runs')
      .query({ perPage: 3, cursor: first.body.nextCursor })
      .expect(200);
    expect(second.body.runs.map((r: { id: string }) => r.id)).toEqual(['run0']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('orders oldest first and searches names and tags', async () => {
    const oldest = await request(t.app).get('/api/projects/demo-team/img-gen/runs?order=%2Bcreated_at').expect(200);
    expect(oldest.body.runs.map((r: { id: string }) => r.id)).toEqual(['run0', 'run1', 'run2', 'run3']);
    const found = await request(t.app).get('/api/projects/demo-team/img-gen/runs?search=sweep').expect(200);
    expect(found.body.runs.map((r: { id: string }) => r.id)).toEqual(['run3', 'run1']);
  });
});

describe('run routes', () => {
  it('GET a run returns it with config and summary', async () => {
    const res = await request(t.app).get(`${base}/run1`).expect(200);
    expect(res.body).toMatchObject({ id: 'run1', displayName: 'lr-2e-4', state: 'finished', lastStep: 40 });
    expect(res.body.config).toEqual({ learning_rate: 2e-4 });
  });

  it('GET image-keys lists the keys holding images', async () => {
    const res = await request(t.app).get(`${base}/run0/image-keys`).expect(200);
    expect(res.body).toEqual({ keys: ['samples/grid', 'val/reference'] });
  });

  it('GET steps returns every step per key and as a union', async () => {
    const res = await request(t.app).get(`${base}/run0/steps?keys=samples/grid,val/reference`).expect(200);
    expect(res.body).toEqual({
      steps: [0, 10, 20, 30, 40],
      byKey: { 'samples/grid': [0, 10, 20, 30, 40], 'val/reference': [0, 10, 20, 30, 40] },
    });
  });

  it('GET images returns the image sets at one step, keys repeated or comma-separated', async () => {
    const comma = await request(t.app).get(`${base}/run2/images?keys=samples/grid,val/reference&step=20`).expect(200);
    const repeated = await request(t.app)
      .get(`${base}/run2/images?keys=samples/grid&keys=val/reference&step=20`)
      .expect(200);
    expect(comma.body.step).toBe(20);
    expect(comma.body.sets).toEqual([
      expectedSets('run2', 'samples/grid').find((s) => s.step === 20),
      expectedSets('run2', 'val/reference').find((s) => s.step === 20),
    ]);
    expect(repeated.body).toEqual(comma.body);
  });

  it('answers keys a run never logged with empty results when asked to (missing=empty)', async () => {
    const steps = await request(t.app)
      .get(`${base}/run0/steps?keys=samples/grid,never/logged&missing=empty`)
      .expect(200);
    expect(steps.body.byKey['never/logged']).toEqual([]);
    const images = await request(t.app).get(`${base}/run0/images?keys=never/logged&step=10&missing=empty`).expect(200);
    expect(images.body.sets).toEqual([]);
  });

  it('POST media confirms paths of the run and gives their media URLs', async () => {
    const path = expectedSets('run0', 'val/reference')[0]!.images[0]!.path;
    const res = await request(t.app)
      .post(`${base}/run0/media`)
      .send({ paths: [path] })
      .expect(200);
    expect(res.body.media).toEqual([
      { path, url: `/api/media/demo-team/img-gen/run0/${path}`, expiresAt: null, missing: null },
    ]);
    const image = await request(t.app).get(res.body.media[0].url).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
  });
});

describe('POST /api/index', () => {
  it('indexes many runs from one upstream call, a missing run reported in place', async () => {
    const counted = countingSource(createMemorySource(dataset));
    const { app } = testApp(counted);
    const keys = ['samples/grid', 'val/reference'];
    const res = await request(app)
      .post('/api/index')
      .send({ entity: 'demo-team', project: 'img-gen', runIds: ['run0', 'run3', 'nosuchrun'], keys })
      .expect(200);
    expect(counted.calls.index).toBe(1);
    expect(res.body.runs.map((e: { run: { runId: string } }) => e.run.runId)).toEqual(['run0', 'run3', 'nosuchrun']);
    for (const entry of res.body.runs.slice(0, 2)) {
      expect(entry.error).toBeNull();
      for (const key of keys) expect(entry.byKey[key]).toEqual(expectedSets(entry.run.runId, key));
    }
    expect(res.body.runs[2].error).toMatchObject({ code: 'not_found' });
  });

  it('then answers steps and images of those runs without asking the source again', async () => {
    const counted = countingSource(createMemorySource(dataset));
    const { app } = testApp(counted);
    await request(app)
      .post('/api/index')
      .send({ entity: 'demo-team', project: 'img-gen', runIds: ['run1'], keys: ['samples/grid'] })
      .expect(200);
    const images = await request(app).get(`${base}/run1/images?keys=samples/grid&step=30&missing=empty`).expect(200);
    const steps = await request(app).get(`${base}/run1/steps?keys=samples/grid&missing=empty`).expect(200);
    expect(images.body.sets).toEqual([expectedSets('run1', 'samples/grid').find((s) => s.step === 30)]);
    expect(steps.body.steps).toEqual([0, 10, 20, 30, 40]);
    expect(counted.calls).toMatchObject({ index: 1, at: 0, steps: 0 });
  });
});

describe('unknown routes', () => {
  it('answers JSON 404 under /api and text elsewhere', async () => {
    const api = await request(t.app).get('/api/nope').expect(404);
    expect(api.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('/nope') });
    await request(t.app)
      .get('/nope')
      .expect(404)
      .expect('content-type', /text\/plain/);
  });
});
