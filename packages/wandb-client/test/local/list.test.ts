import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalRuns, writeDataset, writeRunDirectory, type LocalRunSource } from '../../src/local/index.js';
import type { Dataset, DatasetRun } from '../../src/memory/dataset.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const PROJECT = { entity: 'vision', project: 'sweep' };

function run(id: string, day: number, extra: Partial<DatasetRun>): DatasetRun {
  return {
    id,
    displayName: id,
    state: 'finished',
    createdAt: `2026-04-${String(day).padStart(2, '0')}T09:00:00.000Z`,
    history: [{ _step: 0, loss: day / 10 }],
    ...extra,
  };
}

const dataset: Dataset = {
  ...PROJECT,
  runs: [
    run('r1', 1, {
      displayName: 'lr-1e-4',
      tags: ['baseline'],
      group: 'g1',
      jobType: 'train',
      config: { lr: 1e-4, opt: { name: 'adam' } },
    }),
    run('r2', 2, {
      displayName: 'lr-3e-4',
      tags: ['sweep', 'fast'],
      group: 'g1',
      jobType: 'train',
      config: { lr: 3e-4, opt: { name: 'adam' } },
    }),
    run('r3', 3, {
      displayName: 'lr-1e-3',
      tags: ['sweep'],
      group: 'g2',
      jobType: 'train',
      state: 'crashed',
      config: { lr: 1e-3, opt: { name: 'sgd' } },
    }),
    run('r4', 4, {
      displayName: 'eval-best',
      tags: [],
      group: 'g2',
      jobType: 'eval',
      state: 'failed',
      config: { lr: 3e-4 },
    }),
    run('r5', 5, {
      displayName: 'lr-3e-4-seed2',
      tags: ['sweep'],
      group: null,
      jobType: 'train',
      config: { lr: 3e-4, opt: { name: 'adam' } },
    }),
  ],
};

describe('listing local runs', () => {
  let source: LocalRunSource;
  let wandbDir: string;
  const ids = async (params: Record<string, unknown>) =>
    (await source.list({ ...PROJECT, perPage: 100, ...params })).runs.map((r) => r.id);

  const made: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-list-'));
    made.push(dir);
    return join(dir, 'wandb');
  };
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  beforeAll(() => {
    wandbDir = newDir();
    writeDataset(dataset, wandbDir);
    writeDataset({ entity: 'vision', project: 'other', runs: [run('x1', 6, {})] }, wandbDir);
    source = openLocalRuns({ dir: wandbDir });
  });

  it('keeps to the asked project and knows the others', async () => {
    expect(await ids({})).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    expect(await source.projects()).toEqual([
      { entity: 'vision', project: 'other' },
      { entity: 'vision', project: 'sweep' },
    ]);
    await expect(source.list({ entity: 'nobody', project: 'sweep' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('it holds vision/other, vision/sweep'),
    });
  });

  it('reads each run’s state as written: finished, crashed, failed', async () => {
    const page = await source.list({ ...PROJECT });
    expect(Object.fromEntries(page.runs.map((r) => [r.id, r.state]))).toEqual({
      r1: 'finished',
      r2: 'finished',
      r3: 'crashed',
      r4: 'failed',
      r5: 'finished',
    });
  });

  it.each([
    [{ state: 'finished' }, ['r5', 'r2', 'r1']],
    [{ state: { $in: ['crashed', 'failed'] } }, ['r4', 'r3']],
    [{ tags: 'sweep' }, ['r5', 'r3', 'r2']],
    [{ tags: { $in: ['baseline', 'fast'] } }, ['r2', 'r1']],
    [{ tags: { $nin: ['sweep'] } }, ['r4', 'r1']],
    [{ group: 'g2', jobType: 'train' }, ['r3']],
    [{ group: null }, ['r5']],
    [{ displayName: { $regex: '^lr-3e-4' } }, ['r5', 'r2']],
    [{ display_name: { $regex: 'EVAL', $options: 'i' } }, ['r4']],
    [{ 'config.lr': 3e-4 }, ['r5', 'r4', 'r2']],
    [{ 'config.lr.value': 0.001 }, ['r3']],
    [{ 'config.opt.name': { $ne: 'adam' } }, ['r4', 'r3']],
    [{ 'config.lr': { $gte: 3e-4 } }, ['r5', 'r4', 'r3', 'r2']],
    [{ $or: [{ state: 'failed' }, { tags: 'baseline' }] }, ['r4', 'r1']],
    [{ $and: [{ tags: 'sweep' }, { 'config.opt.name': 'adam' }] }, ['r5', 'r2']],
    [{ 'summary_metrics.loss': { $lt: 0.25 } }, ['r2', 'r1']],
    [{ createdAt: { $gt: '2026-04-03T12:00:00Z' } }, ['r5', 'r4']],
    [{ name: 'r2' }, ['r2']],
  ])('filters with %j', async (filters, expected) => {
    expect(await ids({ filters })).toEqual(expected);
  });

  it.each([
    [{ state: { $near: 1 } }, 'operator "$near"'],
    [{ 'metrics.x': 1 }, 'cannot filter local runs on "metrics.x"'],
    [{ displayName: { $regex: '(' } }, 'not a valid regular expression'],
    [{ $or: {} }, 'non-empty list'],
    [{ tags: { $in: 'sweep' } }, 'needs a list'],
  ])('rejects the filter %j with a clear message', async (filters, message) => {
    await expect(source.list({ ...PROJECT, filters })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining(message),
    });
  });

  it('combines text search with filters', async () => {
    expect(await ids({ search: 'lr-3e-4' })).toEqual(['r5', 'r2']);
    expect(await ids({ search: 'lr', filters: { state: 'crashed' } })).toEqual(['r3']);
  });

  it('pages through every run in both orders with opaque cursors', async () => {
    for (const [order, expected] of [
      ['-created_at', ['r5', 'r4', 'r3', 'r2', 'r1']],
      ['+created_at', ['r1', 'r2', 'r3', 'r4', 'r5']],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await source.list({ ...PROJECT, perPage: 2, order, cursor });
        expect(page.total).toBe(5);
        seen.push(...page.runs.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it('keeps its place when a run appears between two pages', async () => {
    const dir = newDir();
    writeDataset(dataset, dir);
    const live = openLocalRuns({ dir });
    const first = await live.list({ ...PROJECT, perPage: 2 });
    expect(first.runs.map((r) => r.id)).toEqual(['r5', 'r4']);
    writeRunDirectory(run('r6', 7, {}), dir, PROJECT);
    const second = await live.list({ ...PROJECT, perPage: 2, cursor: first.nextCursor });
    expect(second.runs.map((r) => r.id)).toEqual(['r3', 'r2']);
  });

  it('rejects malformed cursors, a cursor from the other order, and unknown orders', async () => {
    const first = await source.list({ ...PROJECT, perPage: 1 });
    for (const cursor of [
      'garbage',
      'lc1.',
      'lc1.bm90LWpzb24',
      `lc1.${Buffer.from('["asc",1,2]').toString('base64url')}`,
    ]) {
      await expect(source.list({ ...PROJECT, cursor })).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringContaining('not one this source gave out'),
      });
    }
    await expect(source.list({ ...PROJECT, cursor: first.nextCursor, order: '+created_at' })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('other order'),
    });
    await expect(source.list({ ...PROJECT, order: '-summary_metrics.loss' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(source.list({ ...PROJECT, perPage: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});

describe('a resumed run', () => {
  it('joins the directories that share its id into one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-resumed-'));
    try {
      const image = (step: number) => ({ _type: 'image-file', path: `media/images/s_${step}.png`, format: 'png' });
      const files = (steps: number[]) =>
        Object.fromEntries(steps.map((s) => [`media/images/s_${s}.png`, new Uint8Array([s])]));
      const wandb = join(dir, 'wandb');
      writeRunDirectory(
        {
          ...run('res1', 1, {}),
          state: 'crashed',
          history: [0, 1, 2].map((s) => ({ _step: s, loss: 1, s: image(s) })),
          files: files([0, 1, 2]),
        },
        wandb,
        PROJECT,
      );
      writeRunDirectory(
        {
          ...run('res1', 2, { displayName: 'resumed' }),
          history: [3, 4].map((s) => ({ _step: s, loss: 0.5, s: image(s) })),
          files: files([3, 4]),
        },
        wandb,
        PROJECT,
      );
      const source = openLocalRuns({ dir });
      const { runs } = await source.list(PROJECT);
      expect(runs.map((r) => [r.id, r.displayName, r.state, r.lastStep])).toEqual([['res1', 'resumed', 'finished', 4]]);
      expect(Date.parse(runs[0]!.createdAt)).toBe(Date.parse('2026-04-01T09:00:00Z'));
      const ref = { ...PROJECT, runId: 'res1' };
      expect((await source.steps(ref, { keys: ['s'] })).steps).toEqual([0, 1, 2, 3, 4]);
      const urls = await source.mediaUrl(ref, ['media/images/s_1.png', 'media/images/s_4.png']);
      expect(urls.map((u) => u.url)).toEqual([
        expect.stringContaining('offline-run-20260401'),
        expect.stringContaining('offline-run-20260402'),
      ]);

      // An unreadable first part does not split the run: it stays one run, with a warning.
      rmSync(join(wandb, 'offline-run-20260401_090000-res1', 'run-res1.wandb'));
      for (const reader of [source, openLocalRuns({ dir })]) {
        const after = await reader.list(PROJECT);
        expect(after.runs.map((r) => [r.id, r.lastStep, r.error, r.warnings.map((w) => w.code)])).toEqual([
          ['res1', 4, null, ['missing_file']],
        ]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
