import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AuthError,
  createMemorySource,
  GraphQLError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  UpstreamError,
  type Dataset,
} from '@run-comparer/wandb-client';
import { testApp, type TestApp } from './fixtures/app.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { failingSource } from './fixtures/sources.js';

let dataset: Dataset;
let t: TestApp;
const base = '/api/runs/demo-team/img-gen';

beforeAll(async () => {
  dataset = await imageDataset({ runs: 2, lastStep: 20, every: 10, gridSize: 2, size: 64 });
  t = testApp(dataset);
});

async function expectError(test: request.Test, status: number, code: string, says: RegExp) {
  const res = await test;
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(says);
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
  return res;
}

describe('bad parameters get a 400 that says what was wrong', () => {
  it.each([
    ['-1', /step must be a whole number/],
    ['1.5', /step must be a whole number/],
    ['abc', /step must be a whole number/],
    ['', /step must be a whole number/],
    ['99999999999999999', /step must be/],
  ])('step=%s', async (step, says) => {
    await expectError(
      request(t.app).get(`${base}/run0/images?keys=samples/grid&step=${step}`),
      400,
      'invalid_argument',
      says,
    );
  });

  it('a missing step, or one given twice', async () => {
    await expectError(request(t.app).get(`${base}/run0/images?keys=samples/grid`), 400, 'invalid_argument', /step/);
    await expectError(
      request(t.app).get(`${base}/run0/images?keys=samples/grid&step=1&step=2`),
      400,
      'invalid_argument',
      /once/,
    );
  });

  it('missing or empty keys', async () => {
    await expectError(request(t.app).get(`${base}/run0/steps`), 400, 'invalid_argument', /keys is required/);
    await expectError(request(t.app).get(`${base}/run0/steps?keys=a,,b`), 400, 'invalid_argument', /empty/);
  });

  it('an unknown key is named, with the keys the run has', async () => {
    const res = await expectError(
      request(t.app).get(`${base}/run0/steps?keys=samples/grid,samples/gird`),
      404,
      'not_found',
      /"samples\/gird"/,
    );
    expect(res.body.error.message).toContain('samples/grid, val/reference');
    expect(res.body.error).toMatchObject({ kind: 'key', what: 'samples/gird' });
    await expectError(
      request(t.app).get(`${base}/run0/images?keys=nope&step=0`),
      404,
      'not_found',
      /no image key "nope"/,
    );
  });

  it('a cursor the source never gave out', async () => {
    await expectError(
      request(t.app).get('/api/projects/demo-team/img-gen/runs?cursor=%25%25bogus'),
      400,
      'invalid_argument',
      /cursor/,
    );
    await expectError(
      request(t.app).get('/api/projects/demo-team/img-gen/runs?cursor=a%20b'),
      400,
      'invalid_argument',
      /cursor/,
    );
  });

  it.each([
    ['perPage=0', /perPage must be from 1 to 1000/],
    ['perPage=1001', /perPage must be from 1 to 1000/],
    ['perPage=ten', /perPage must be a whole number/],
    ['order=DROP%20TABLE', /order must look like/],
    ['filters=%7Bnope', /filters must be a JSON object/],
    ['filters=%5B1%5D', /filters must be a JSON object/],
    [`search=${'x'.repeat(201)}`, /search must be at most 200/],
  ])('list with %s', async (query, says) => {
    await expectError(
      request(t.app).get(`/api/projects/demo-team/img-gen/runs?${query}`),
      400,
      'invalid_argument',
      says,
    );
  });

  it('an unknown run or project is a 404 naming it', async () => {
    await expectError(request(t.app).get(`${base}/nosuchrun`), 404, 'not_found', /nosuchrun/);
    await expectError(request(t.app).get('/api/projects/demo-team/nope/runs'), 404, 'not_found', /nope/);
  });

  it('names with forbidden characters or dot segments', async () => {
    await expectError(
      request(t.app).get('/api/runs/demo-team/img-gen/a%3Ab'),
      400,
      'invalid_argument',
      /run id may not contain/,
    );
    await expectError(
      request(t.app).get('/api/runs/demo-team/%2E%2E/run0'),
      400,
      'invalid_argument',
      /project may not be/,
    );
    await expectError(
      request(t.app).get('/api/runs/demo-team/img-gen/%E0%A4%A'),
      400,
      'invalid_argument',
      /percent-encoded/,
    );
  });
});

describe('POST /api/index rejects bad bodies', () => {
  const valid = { entity: 'demo-team', project: 'img-gen', runIds: ['run0'], keys: ['samples/grid'] };
  it.each([
    ['not JSON', '{"entity":', /not valid JSON/],
    ['an array', '[]', /Send a JSON object/],
    ['no runIds', JSON.stringify({ ...valid, runIds: undefined }), /runIds must be a list/],
    ['empty runIds', JSON.stringify({ ...valid, runIds: [] }), /runIds is empty/],
    [
      'too many runs',
      JSON.stringify({ ...valid, runIds: Array.from({ length: 101 }, (_, i) => `r${i}`) }),
      /at most 100 runs/,
    ],
    ['a bad key', JSON.stringify({ ...valid, keys: [''] }), /empty/],
  ])('%s', async (_name, body, says) => {
    await expectError(
      request(t.app).post('/api/index').set('content-type', 'application/json').send(body),
      400,
      'invalid_argument',
      says,
    );
  });

  it('a body over the size limit is a 413', async () => {
    const big = JSON.stringify({ ...valid, runIds: ['x'.repeat(70_000)] });
    await expectError(
      request(t.app).post('/api/index').set('content-type', 'application/json').send(big),
      413,
      'invalid_argument',
      /too large/,
    );
  });

  it('a body that is not JSON at all', async () => {
    await expectError(
      request(t.app).post('/api/index').set('content-type', 'text/plain').send('hello'),
      400,
      'invalid_argument',
      /Send a JSON object/,
    );
  });
});

describe('upstream failures map to 429/502/503/504 with a clear message', () => {
  const cases: [string, Error, number, string][] = [
    ['rate limit', new RateLimitError('wandb is rate limiting this key.', 7_500), 429, 'rate_limited'],
    ['refused key', new AuthError('The API key is not valid.'), 502, 'auth'],
    ['GraphQL error', new GraphQLError([{ message: 'project not found in query' }]), 502, 'graphql'],
    ['5xx after retries', new UpstreamError('wandb answered 500 three times.'), 502, 'upstream'],
    ['unreachable', new NetworkError('Could not reach api.wandb.ai.'), 503, 'network'],
    ['slow', new TimeoutError('wandb did not answer within 19 s.'), 504, 'timeout'],
  ];
  it.each(cases)('%s', async (_name, error, status, code) => {
    const { app } = testApp(failingSource(createMemorySource(dataset), error));
    const res = await expectError(
      request(app).get(`${base}/run0`),
      status,
      code,
      new RegExp(error.message.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    if (status === 429) {
      expect(res.headers['retry-after']).toBe('8');
      expect(res.body.error.retryAfterMs).toBe(7_500);
    }
  });

  it('a source that never answers gets a 504 by the deadline, and its work is aborted', async () => {
    const stuck = failingSource(createMemorySource(dataset), 'hang');
    const { app } = testApp(stuck, { upstreamTimeoutMs: 150 });
    const started = Date.now();
    await expectError(request(app).get(`${base}/run0`), 504, 'timeout', /took longer than 0.2 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stuck.aborted).toBe(1);
  });

  it('an unexpected failure is a 500 without details; the stack goes to the log only', async () => {
    const { app, logLines } = testApp(failingSource(createMemorySource(dataset), new TypeError('boom in the source')));
    const res = await expectError(request(app).get(`${base}/run0`), 500, 'internal', /failed unexpectedly/);
    expect(JSON.stringify(res.body)).not.toContain('boom');
    expect(logLines().some((l) => l.level === 'error' && String(l.error).includes('boom in the source'))).toBe(true);
  });

  it('a client that disconnects aborts the upstream work', async () => {
    const stuck = failingSource(createMemorySource(dataset), 'hang');
    const { app, logLines } = testApp(stuck, { upstreamTimeoutMs: 60_000 });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const controller = new AbortController();
    const pending = fetch(`http://127.0.0.1:${port}${base}/run0`, { signal: controller.signal }).catch((e: Error) => e);
    await waitFor(() => stuck.started === 1);
    expect(stuck.aborted).toBe(0);
    controller.abort();
    await pending;
    await waitFor(() => stuck.aborted === 1);
    await waitFor(() => logLines().some((l) => l.status === 499 && l.aborted === true));
    server.closeAllConnections();
    server.close();
  });
});

async function waitFor(check: () => boolean, timeoutMs = 3_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
