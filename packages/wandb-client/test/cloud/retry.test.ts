import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import { expectNoKey, rejectionOf, startHarness, API_KEY, useHarness } from './helpers.js';

const dataset = syntheticDataset({ runs: 3, lastStep: 20 });
const project = { entity: dataset.entity, project: dataset.project };

describe('cloud retries', () => {
  const h = useHarness([dataset]);

  it('waits as long as a 429 Retry-After asks, then succeeds', async () => {
    h.fake.faults.add({ kind: 'status', status: 429, retryAfter: '1' });
    const started = Date.now();
    const page = await h.client.runs.list(project);
    expect(page.runs).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.fake.requests.all.map((r) => r.status)).toEqual([429, 200]);
  });

  it('retries a 500 and returns the data of the next attempt', async () => {
    h.fake.faults.add({ kind: 'status', status: 500 });
    expect((await h.client.runs.list(project)).runs).toHaveLength(3);
    expect(h.fake.requests.all.map((r) => r.status)).toEqual([500, 200]);
  });

  it('retries a dropped connection and a cut-off body', async () => {
    h.fake.faults.add({ kind: 'disconnect' }).add({ kind: 'malformed' });
    expect((await h.client.runs.list(project)).total).toBe(3);
    expect(h.fake.requests.count()).toBe(3);
  });

  it('gives up on persistent 429s with a RateLimitError carrying the requested wait', async () => {
    h.fake.faults.add({ kind: 'status', status: 429, retryAfter: '0.05' }, { times: 10 });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', status: 429, retryAfterMs: 50 });
    expect(h.fake.requests.count()).toBe(4); // the first attempt and three retries
    expectNoKey(error);
  });

  it('does not start a wait longer than allowed: a 2-minute Retry-After fails at once', async () => {
    h.fake.faults.add({ kind: 'status', status: 429, retryAfter: '120' });
    const started = Date.now();
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.fake.requests.count()).toBe(1);
  });

  it('gives up on persistent 503s with an UpstreamError', async () => {
    h.fake.faults.add({ kind: 'status', status: 503 }, { times: 10 });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error).toMatchObject({ name: 'UpstreamError', code: 'upstream', status: 503 });
    expect(h.fake.requests.count()).toBe(4);
  });

  it('never retries 400, 401, 403, 404, 409, 410, 413, 422 or 501', async () => {
    for (const status of [400, 401, 403, 404, 409, 410, 413, 422, 501]) {
      h.fake.requests.reset();
      h.fake.faults.add({ kind: 'status', status });
      const error = await rejectionOf(h.client.runs.list(project));
      expect(error.status, `status ${status}`).toBe(status);
      expect(h.fake.requests.count(), `status ${status}`).toBe(1);
    }
  });

  it('bounds the total time spent retrying', async () => {
    const impatient = createWandbClient({
      apiKey: API_KEY,
      baseUrl: h.fake.url,
      retry: { retries: 50, baseDelayMs: 100, maxDelayMs: 100, maxElapsedMs: 350 },
    });
    h.fake.faults.add({ kind: 'status', status: 502 }, { times: 100 });
    const started = Date.now();
    await expect(impatient.runs.list(project)).rejects.toMatchObject({ status: 502 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(h.fake.requests.count()).toBeLessThanOrEqual(5);
  });

  it('times out slow answers per attempt, retries them, and reports a TimeoutError', async () => {
    const hasty = createWandbClient({
      apiKey: API_KEY,
      baseUrl: h.fake.url,
      timeout: 300,
      retry: { retries: 1, baseDelayMs: 10 },
    });
    h.fake.faults.add({ kind: 'delay', ms: 2000 }, { times: 2 });
    const error = await rejectionOf(hasty.runs.list(project));
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'timeout' });
    expect(error.message).toContain('300 ms');
    // The server logs a request when its client hangs up, which may come just after the rejection.
    await expect.poll(() => h.fake.requests.count()).toBe(2);
    h.fake.faults.add({ kind: 'delay', ms: 2000 });
    expect((await hasty.runs.list(project)).total).toBe(3);
  });

  it('turns an unreachable host into a NetworkError after retrying', async () => {
    const closed = await startHarness([dataset]);
    await closed.close();
    const client = createWandbClient({
      apiKey: API_KEY,
      baseUrl: closed.fake.url,
      retry: { retries: 2, baseDelayMs: 10 },
    });
    const error = await rejectionOf(client.runs.list(project));
    expect(error).toMatchObject({ name: 'NetworkError', code: 'network' });
    expect(error.message).toMatch(/Could not reach wandb at 127\.0\.0\.1:\d+/);
    expectNoKey(error);
  });
});
