import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syntheticDataset, type FakeWandb } from '../src/index.js';
import { post, start } from './helpers.js';

const dataset = syntheticDataset({ runs: 1, lastStep: 3 });
const query = `query Names { project(name: "${dataset.project}", entityName: "${dataset.entity}") { name } }`;
const other = `query Other { project(name: "${dataset.project}", entityName: "${dataset.entity}") { internalId } }`;

describe('fake wandb faults', () => {
  let fake: FakeWandb;
  beforeAll(async () => {
    fake = await start([dataset]);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.faults.clear();
    fake.requests.reset();
  });

  it('answers 429 with Retry-After, then normally', async () => {
    fake.faults.add({ kind: 'status', status: 429, retryAfter: '7' });
    const limited = await post(fake, query);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await post(fake, query)).status).toBe(200);
    expect(fake.requests.all.map((r) => r.fault)).toEqual(['status', null]);
  });

  it('repeats a fault `times` times and can target one operation', async () => {
    fake.faults.add({ kind: 'status', status: 503 }, { times: 2, operation: 'Other' });
    expect((await post(fake, query)).status).toBe(200);
    expect((await post(fake, other)).status).toBe(503);
    expect((await post(fake, other)).status).toBe(503);
    expect((await post(fake, other)).status).toBe(200);
    expect(fake.faults.pending).toBe(0);
  });

  it('sends malformed JSON and GraphQL errors with HTTP 200', async () => {
    fake.faults.add({ kind: 'malformed' }).add({ kind: 'graphql-errors', messages: ['project not found'] });
    const malformed = await post(fake, query);
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    expect(await post(fake, query)).toMatchObject({
      status: 200,
      body: { data: null, errors: [{ message: 'project not found' }] },
    });
  });

  it('answers slowly, and drops connections', async () => {
    fake.faults.add({ kind: 'delay', ms: 300 }).add({ kind: 'disconnect' });
    const started = Date.now();
    expect((await post(fake, query)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect(post(fake, query)).rejects.toThrow();
  });
});
