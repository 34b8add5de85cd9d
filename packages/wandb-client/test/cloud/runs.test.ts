import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import type { Run } from '../../src/types.js';
import { startCannedServer } from './canned-server.js';
import { shapesDataset } from './image-datasets.js';
import { API_KEY, rejectionOf, startHarness, useHarness } from './helpers.js';

const dataset = syntheticDataset({ runs: 8, lastStep: 5 });
dataset.runs[3]!.displayName = 'exp.1';
dataset.runs[4]!.displayName = 'EXPx1';
const project = { entity: dataset.entity, project: dataset.project };
const newestFirst = dataset.runs.map((r) => r.id).reverse();

describe('cloud runs', () => {
  const h = useHarness([dataset, shapesDataset()]);

  it('pages newest first with opaque cursors and the total', async () => {
    const first = await h.client.runs.list({ ...project, perPage: 3 });
    expect(first.runs.map((r) => r.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.total).toBe(8);
    const second = await h.client.runs.list({ ...project, perPage: 3, cursor: first.nextCursor });
    expect(second.runs.map((r) => r.id)).toEqual(newestFirst.slice(3, 6));
    const third = await h.client.runs.list({ ...project, perPage: 3, cursor: second.nextCursor });
    expect(third.runs.map((r) => r.id)).toEqual(newestFirst.slice(6));
    expect(third.nextCursor).toBeNull();
    expect(h.fake.requests.all[0]!.userAgent).toMatch(/^run-comparer-wandb-client\/\S+ \(node \d+/);
  });

  it('iterates every run over all pages', async () => {
    const ids: string[] = [];
    for await (const run of h.client.runs.iterate({ ...project, perPage: 3, order: '+created_at' })) ids.push(run.id);
    expect(ids).toEqual(dataset.runs.map((r) => r.id));
    expect(h.fake.requests.count('Runs')).toBe(3);
  });

  it('filters with wandb filters and text search together', async () => {
    const even = await h.client.runs.list({ ...project, filters: { tags: { $in: ['even'] } } });
    expect(even.runs.map((r) => r.id)).toEqual(newestFirst.filter((_, i) => i % 2 === 1));
    expect(even.total).toBe(4);
    const both = await h.client.runs.list({ ...project, filters: { tags: { $in: ['even'] } }, search: 'synthetic-6' });
    expect(both.runs.map((r) => r.displayName)).toEqual(['synthetic-6']);
  });

  it('searches case-insensitively and literally: "EXP.1" finds exp.1, not EXPx1', async () => {
    expect((await h.client.runs.list({ ...project, search: 'EXP.1' })).runs.map((r) => r.displayName)).toEqual([
      'exp.1',
    ]);
    expect((await h.client.runs.list({ ...project, search: 'expx1' })).runs.map((r) => r.displayName)).toEqual([
      'EXPx1',
    ]);
    expect((await h.client.runs.list({ ...project, search: 'run0002' })).runs.map((r) => r.id)).toEqual(['run0002']);
    expect((await h.client.runs.list({ ...project, search: 'odd synthetic-5' })).runs.map((r) => r.id)).toEqual([
      'run0005',
    ]);
    expect((await h.client.runs.list({ ...project, search: 'a(b' })).runs).toEqual([]);
  });

  it('gets a run with config unwrapped, summary parsed, and naive UTC times as ISO 8601', async () => {
    const run: Run = await h.client.runs.get({ entity: 'lab', project: 'shapes', runId: 'shapes01' });
    expect(run).toMatchObject({
      id: 'shapes01',
      entity: 'lab',
      project: 'shapes',
      displayName: 'every-shape',
      state: 'running',
      createdAt: '2026-03-01T08:00:00.000Z',
      heartbeatAt: '2026-03-01T09:30:00.000Z',
      user: { name: 'Ada', username: 'ada' },
      config: { lr: 0.001, schedule: { warmup: 100 } },
      lastStep: 6,
      warnings: [],
      error: null,
    });
    expect(run.config).not.toHaveProperty('_wandb');
    expect(run.summary).not.toHaveProperty('_wandb');
    expect(run.summary.best).toBe('step 4');
    expect(run.summary['train/loss']).toBeCloseTo(1 / 7);
    expect(run.summary['img/list']).toMatchObject({ _type: 'images/separated' });
  });

  it('keeps NaN and Infinity in summaries, as wandb writes them', async () => {
    const nan = syntheticDataset({ runs: 1, lastStep: 2, project: 'nan' });
    nan.runs[0]!.summary = { 'eval/fid': NaN, 'eval/best': Infinity };
    const local = await startHarness([nan]);
    try {
      const run = await local.client.runs.get({ entity: nan.entity, project: 'nan', runId: nan.runs[0]!.id });
      expect(run.summary['eval/fid']).toBeNaN();
      expect(run.summary['eval/best']).toBe(Infinity);
    } finally {
      await local.close();
    }
  });

  it('gets runs asked for together in one request', async () => {
    const runs = await Promise.all(dataset.runs.map((r) => h.client.runs.get({ ...project, runId: r.id })));
    expect(runs.map((r) => r.id)).toEqual(dataset.runs.map((r) => r.id));
    expect(h.fake.requests.all).toMatchObject([{ operation: 'Run', rootFields: 8 }]);
  });

  it('stops iterating when the cursor does not advance, instead of looping forever', async () => {
    const node = { name: 'loop0001', displayName: 'loop', state: 'finished', createdAt: '2026-01-01T00:00:00' };
    const server = await startCannedServer(() => ({
      data: {
        project: {
          runCount: 99,
          runs: { edges: [{ node, cursor: 'same' }], pageInfo: { endCursor: 'same', hasNextPage: true } },
        },
      },
    }));
    try {
      const client = createWandbClient({ apiKey: API_KEY, baseUrl: server.url });
      const seen: string[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const run of client.runs.iterate(project)) seen.push(run.id);
        })(),
      );
      expect(error).toMatchObject({ code: 'upstream' });
      expect(error.message).toContain('stopped advancing');
      // The run that keeps coming back is listed once.
      expect(seen).toEqual(['loop0001']);
      expect(server.requests).toBe(2);
    } finally {
      await server.close();
    }
  });
});
