import type { Dataset } from '@run-comparer/wandb-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset, type FakeWandb } from '../src/index.js';
import { basic, KEY, post, start } from './helpers.js';

const dataset: Dataset = syntheticDataset({ runs: 5, imageKeys: ['img', 'grid'], lastStep: 99, imageEvery: 1 });
dataset.runs[0]!.history[3]!['train/loss'] = NaN;
dataset.runs[0]!.history.push({ _step: 100, 'eval/score': 0.5 }); // logged in its own row, as a separate log() call
const { entity, project } = dataset;
const run = dataset.runs[0]!.id;
const RUN_Q = `query R($e: String!, $p: String!, $r: String!, $specs: [JSONString!]!) {
  project(name: $p, entityName: $e) { run(name: $r) { sampledHistory(specs: $specs) } } }`;

describe('fake wandb GraphQL', () => {
  let fake: FakeWandb;
  beforeAll(async () => {
    fake = await start([dataset]);
  });
  afterAll(() => fake.close());

  const sampled = async (...specs: object[]) => {
    const { body } = await post(fake, RUN_Q, {
      e: entity,
      p: project,
      r: run,
      specs: specs.map((s) => JSON.stringify(s)),
    });
    return body!.data!.project.run.sampledHistory as Array<Array<Record<string, unknown>>>;
  };

  it('answers 401 without the key or with a wrong one', async () => {
    const query = `query { project(name: "${project}", entityName: "${entity}") { name } }`;
    expect((await post(fake, query, {}, {})).status).toBe(401);
    expect((await post(fake, query, {}, { authorization: basic('not-the-key') })).status).toBe(401);
    expect(
      (await post(fake, query, {}, { authorization: `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}` })).status,
    ).toBe(401);
    expect((await post(fake, query)).body).toEqual({ data: { project: { name: project } } });
  });

  it('sends config, summaryMetrics as JSON strings (NaN as a bare token) and historyKeys as JSON', async () => {
    const { text, body } = await post(
      fake,
      `query($e: String!, $p: String!, $r: String!) { project(name: $p, entityName: $e) { run(name: $r) { config summaryMetrics historyKeys createdAt } } }`,
      { e: entity, p: project, r: run },
    );
    const node = body?.data?.project.run ?? JSON.parse(text.replace(/\bNaN\b/g, 'null')).data.project.run;
    expect(typeof node.config).toBe('string');
    expect(JSON.parse(node.config)).toMatchObject({
      learning_rate: { value: 1e-4, desc: null },
      _wandb: { value: expect.any(Object) },
    });
    expect(typeof node.summaryMetrics).toBe('string');
    expect(JSON.parse(node.summaryMetrics)).toMatchObject({
      'eval/score': 0.5,
      _step: 100,
      _wandb: { runtime: expect.any(Number) },
    });
    expect(node.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(node.historyKeys).toMatchObject({
      lastStep: 100,
      keys: {
        img: { typeCounts: [{ type: 'images/separated', count: 100 }] },
        grid: { typeCounts: [{ type: 'image-file', count: 100 }] },
        _step: { typeCounts: [{ type: 'number', count: 101 }] },
      },
    });
  });

  it('writes NaN in history as the bare token wandb uses', async () => {
    const { text } = await post(fake, RUN_Q, {
      e: entity,
      p: project,
      r: run,
      specs: [JSON.stringify({ keys: ['_step', 'train/loss'], minStep: 3, maxStep: 3 })],
    });
    expect(text).toContain('"train/loss":NaN');
  });

  it('returns only rows holding every key of a spec (AND), one array per spec', async () => {
    const [together, alone] = await sampled(
      { keys: ['_step', 'img', 'eval/score'], samples: 500 },
      { keys: ['_step', 'eval/score'] },
    );
    expect(together).toEqual([]);
    expect(alone).toEqual([{ _step: 100, 'eval/score': 0.5 }]);
  });

  it('samples down to `samples` rows, keeping the first and last, so a naive client loses steps', async () => {
    const [rows] = await sampled({ keys: ['_step', 'img'], samples: 10 });
    expect(rows).toHaveLength(10);
    expect(rows![0]!._step).toBe(0);
    expect(rows!.at(-1)!._step).toBe(99);
    const [all] = await sampled({ keys: ['_step', 'img'], samples: 100 });
    expect(all!.map((r) => r._step)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('treats maxStep as inclusive and returns only the requested keys', async () => {
    const [rows] = await sampled({ keys: ['_step', 'grid'], samples: 50, minStep: 10, maxStep: 12 });
    expect(rows!.map((r) => r._step)).toEqual([10, 11, 12]);
    expect(Object.keys(rows![0]!).sort()).toEqual(['_step', 'grid']);
  });

  it('pages runs with opaque cursors, newest first for -created_at, with runCount', async () => {
    const query = `query($e: String!, $p: String!, $after: String, $order: String, $filters: JSONString) {
      project(name: $p, entityName: $e) { runCount(filters: $filters)
        runs(first: 2, after: $after, order: $order, filters: $filters) { edges { node { name } cursor } pageInfo { endCursor hasNextPage } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const { body } = await post(fake, query, { e: entity, p: project, after, order: '-created_at' });
      const runs = body!.data!.project.runs;
      expect(body!.data!.project.runCount).toBe(5);
      ids.push(...runs.edges.map((e: { node: { name: string } }) => e.node.name));
      expect(runs.edges.at(-1).cursor).toBe(runs.pageInfo.endCursor);
      expect(runs.pageInfo.endCursor).not.toContain('run');
      if (!runs.pageInfo.hasNextPage) break;
      after = runs.pageInfo.endCursor;
    }
    expect(ids).toEqual(dataset.runs.map((r) => r.id).reverse());
    const filtered = await post(fake, query, {
      e: entity,
      p: project,
      filters: JSON.stringify({ tags: { $in: ['odd'] } }),
    });
    expect(filtered.body!.data!.project.runCount).toBe(2);
  });

  it('reports bad input as GraphQL errors: an unknown cursor, a filter sent as an object', async () => {
    const query = `query($e: String!, $p: String!, $after: String) { project(name: $p, entityName: $e) { runs(after: $after) { edges { cursor } } } }`;
    const badCursor = await post(fake, query, { e: entity, p: project, after: 'bm9wZQ==' });
    expect(badCursor.status).toBe(200);
    expect(badCursor.body!.errors![0]!.message).toContain('invalid cursor');
    const objectFilter = await post(
      fake,
      `query($f: JSONString) { project(name: "${project}", entityName: "${entity}") { runCount(filters: $f) } }`,
      {
        f: { state: 'finished' },
      },
    );
    expect(objectFilter.body!.errors![0]!.message).toContain('JSONString');
  });

  it('answers null for an unknown project or run', async () => {
    const query = `query($e: String!, $p: String!, $r: String!) { project(name: $p, entityName: $e) { run(name: $r) { name } } }`;
    expect((await post(fake, query, { e: entity, p: 'nope', r: run })).body).toEqual({ data: { project: null } });
    expect((await post(fake, query, { e: 'nobody', p: project, r: run })).body).toEqual({ data: { project: null } });
    expect((await post(fake, query, { e: entity, p: project, r: 'nope' })).body).toEqual({
      data: { project: { run: null } },
    });
  });

  it('refuses fields the real API does not have, and mutations', async () => {
    const unknown = await post(
      fake,
      `query { project(name: "${project}", entityName: "${entity}") { runs { edges { node { imageUrls } } } } }`,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body!.errors![0]!.message).toContain('imageUrls');
    const mutation = await post(fake, `mutation { deleteRun(id: "x") { clientMutationId } }`);
    expect(mutation.body!.errors).toBeDefined();
    expect(fake.requests.all.at(-1)!.operation).toMatch(/^mutation/);
  });

  it('lists run files by name with signed direct URLs and the authenticated /files URL', async () => {
    const name = Object.keys(dataset.runs[0]!.files!)[0]!;
    const { body } = await post(
      fake,
      `query($e: String!, $p: String!, $r: String!, $names: [String]) { project(name: $p, entityName: $e) { run(name: $r) {
        files(names: $names, first: 10) { edges { node { name url directUrl sizeBytes md5 mimetype } } } } } }`,
      { e: entity, p: project, r: run, names: [name, 'media/missing.png'] },
    );
    const [edge, missing, ...rest] = body!.data!.project.run.files.edges;
    expect(rest).toEqual([]);
    // A name the run has no file under still gets a node, marked as wandb marks it: md5 "0", size 0.
    expect(missing.node).toMatchObject({ name: 'media/missing.png', sizeBytes: 0, md5: '0' });
    expect(edge.node).toMatchObject({
      name,
      sizeBytes: dataset.runs[0]!.files![name]!.byteLength,
      mimetype: 'image/png',
    });
    expect(edge.node.md5).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(edge.node.directUrl).toContain('X-Goog-Signature=');
    expect(edge.node.url).toBe(`${fake.url}/files/${entity}/${project}/${run}/${name}`);
  });

  it('counts requests per operation, with the number of aliased root fields', async () => {
    fake.requests.reset();
    await post(
      fake,
      `query Two { a: project(name: "${project}", entityName: "${entity}") { name } b: project(name: "x") { name } }`,
    );
    expect(fake.requests.count('Two')).toBe(1);
    expect(fake.requests.all[0]).toMatchObject({
      kind: 'graphql',
      operation: 'Two',
      rootFields: 2,
      status: 200,
      clientGone: false,
    });
  });
});
