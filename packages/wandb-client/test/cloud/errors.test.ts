import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import { startCannedServer } from './canned-server.js';
import { API_KEY, BASIC_FORM, expectNoKey, rejectionOf, useHarness } from './helpers.js';

const dataset = syntheticDataset({ runs: 2, lastStep: 10 });
const project = { entity: dataset.entity, project: dataset.project };
const runRef = { ...project, runId: dataset.runs[0]!.id };

describe('cloud errors are typed, say what to do, and never hold the key', () => {
  const h = useHarness([dataset]);

  it('AuthError on a wrong key (401), naming WANDB_API_KEY, without retrying', async () => {
    const wrongKey = 'wrong-0123456789abcdef0123456789abcdef0123';
    const client = createWandbClient({ apiKey: wrongKey, baseUrl: h.fake.url });
    const error = await rejectionOf(client.runs.list(project));
    expect(error).toMatchObject({ name: 'AuthError', code: 'auth', status: 401 });
    expect(error.message).toContain('Check WANDB_API_KEY');
    expect(String(error) + JSON.stringify(error)).not.toContain(wrongKey);
    expect(h.fake.requests.count()).toBe(1);
  });

  it('AuthError on 403', async () => {
    h.fake.faults.add({ kind: 'status', status: 403 });
    const error = await rejectionOf(h.client.runs.get(runRef));
    expect(error).toMatchObject({ name: 'AuthError', status: 403 });
    expectNoKey(error);
  });

  it('NotFoundError naming the project, when wandb answers project: null', async () => {
    const error = await rejectionOf(h.client.runs.list({ entity: 'nobody', project: 'nothing' }));
    expect(error).toMatchObject({ name: 'NotFoundError', code: 'not_found', kind: 'project', what: 'nobody/nothing' });
    expect(error.message).toContain('"nobody/nothing"');
  });

  it('NotFoundError naming the run, when wandb answers run: null', async () => {
    const error = await rejectionOf(h.client.images.keys({ ...project, runId: 'zzzz9999' }));
    expect(error).toMatchObject({ kind: 'run', what: 'zzzz9999' });
    expect(error.message).toContain(`${project.entity}/${project.project}`);
  });

  it('NotFoundError naming the entity, from a GraphQL "entity not found" error', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: ['entity ghost not found'] });
    const error = await rejectionOf(h.client.runs.list({ entity: 'ghost', project: 'p' }));
    expect(error).toMatchObject({ name: 'NotFoundError', kind: 'entity', what: 'ghost' });
  });

  it('GraphQLError for errors[] in a 200 answer, with the messages', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: ['internal resolver failure', 'second problem'] });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error).toMatchObject({ name: 'GraphQLError', code: 'graphql' });
    expect(error.errors).toEqual([{ message: 'internal resolver failure' }, { message: 'second problem' }]);
    expect(error.message).toContain('internal resolver failure; second problem');
  });

  it('redacts the key and its Basic form when a server echoes them in an error', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: [`bad token ${API_KEY}`, `header Basic ${BASIC_FORM}`] });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error.message).toContain('[REDACTED]');
    expectNoKey(error);
    h.fake.faults.add({ kind: 'status', status: 502, body: `upstream saw key ${API_KEY}` }, { times: 10 });
    const upstream = await rejectionOf(h.client.runs.list(project));
    expect(upstream).toMatchObject({ code: 'upstream', status: 502 });
    expectNoKey(upstream);
  });

  it('InvalidArgumentError for bad input, before any request', async () => {
    expect(() => createWandbClient({ apiKey: '' })).toThrow(/WANDB_API_KEY/);
    expect(() => createWandbClient({ apiKey: API_KEY, baseUrl: 'api.wandb.ai' })).toThrow(/baseUrl/);
    await expect(h.client.runs.list({ ...project, perPage: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(h.client.runs.get({ ...project, runId: '' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(h.client.images.at(runRef, { keys: ['samples/grid'], step: 1.5 })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(h.client.media.urls(runRef, ['../wandb-metadata.json'])).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    expect(h.fake.requests.count()).toBe(0);
  });
});

describe('cloud SchemaError', () => {
  it('names the path of a field with the wrong shape', async () => {
    const server = await startCannedServer(() => ({
      data: { project: { runCount: 'three', runs: { edges: [], pageInfo: { endCursor: null, hasNextPage: false } } } },
    }));
    try {
      const client = createWandbClient({ apiKey: API_KEY, baseUrl: server.url });
      const error = await rejectionOf(client.runs.list(project));
      expect(error).toMatchObject({ name: 'SchemaError', code: 'schema' });
      expect(error.issues).toEqual([expect.objectContaining({ path: 'runCount' })]);
      expect(error.message).toContain('at runCount');
    } finally {
      await server.close();
    }
  });

  it('tolerates fields it does not know', async () => {
    const server = await startCannedServer(() => ({
      data: {
        project: {
          runCount: 0,
          brandNewField: { x: 1 },
          runs: { edges: [], pageInfo: { endCursor: null, hasNextPage: false, extra: 1 } },
        },
      },
      extensions: { cost: 3 },
    }));
    try {
      const client = createWandbClient({ apiKey: API_KEY, baseUrl: server.url });
      expect(await client.runs.list(project)).toEqual({ runs: [], nextCursor: null, total: 0 });
    } finally {
      await server.close();
    }
  });
});
