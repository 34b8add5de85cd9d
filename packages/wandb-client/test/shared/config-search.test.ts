import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeWandb } from '@run-comparer/fake-wandb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import { openLocalRuns, writeDataset } from '../../src/local/index.js';
import type { Dataset, DatasetRun } from '../../src/memory/dataset.js';
import { createMemorySource } from '../../src/memory/memory-source.js';
import type { RunSource } from '../../src/types.js';

/** A small sweep over learning rate, rank and seed, with a nested model config and a summary metric. */
function sweep(): Dataset {
  const run = (id: string, config: Record<string, unknown>, fid: number, i: number): DatasetRun => ({
    id,
    displayName: `sweep-${id}`,
    state: 'finished',
    createdAt: `2026-02-0${i}T10:00:00.000Z`,
    tags: ['sweep'],
    config: { optimizer: 'adamw', model: { name: 'unet', channels: 320 }, ...config },
    summary: { best_fid: fid },
    history: [{ _step: 0, 'train/loss': 1 }],
  });
  return {
    entity: 'search-team',
    project: 'lora-sweep',
    runs: [
      run('lr1e4r8', { learning_rate: 1e-4, lora_rank: 8, seed: 1 }, 14.5, 1),
      run('lr3e4r16', { learning_rate: 0.0003, lora_rank: 16, seed: 2 }, 12.1, 2),
      run('lr3e4r32', { learning_rate: 3e-4, lora_rank: 32, seed: 3, optimizer: 'adafactor' }, 11.8, 3),
      run('lr1e3r16', { learning_rate: 1e-3, lora_rank: 16, seed: 4, model: { name: 'dit', channels: 384 } }, 30, 4),
    ],
  };
}

/** The same searches must find the same runs in memory, in local run files, and in the cloud (over the fake). */
describe.each(['memory', 'local', 'cloud'] as const)('searching config: %s', (kind) => {
  const dataset = sweep();
  const project = { entity: dataset.entity, project: dataset.project };
  let source: RunSource;
  let close = async () => {};

  beforeAll(async () => {
    if (kind === 'memory') source = createMemorySource(dataset);
    if (kind === 'local') {
      const dir = await mkdtemp(join(tmpdir(), 'config-search-'));
      writeDataset(dataset, join(dir, 'wandb'));
      source = openLocalRuns({ dir });
      close = () => rm(dir, { recursive: true, force: true });
    }
    if (kind === 'cloud') {
      const apiKey = 'config-search-key-0123456789abcdef0123456789';
      const fake = await startFakeWandb({ datasets: [dataset], apiKey });
      source = createWandbClient({ apiKey, baseUrl: fake.url, retry: false }).source;
      close = () => fake.close();
    }
  });
  afterAll(() => close());

  const found = async (search: string) =>
    (await source.list({ ...project, search, order: '+created_at' })).runs.map((run) => run.id);

  it.each([
    ['lr=3e-4', ['lr3e4r16', 'lr3e4r32']],
    ['learning_rate=0.0003', ['lr3e4r16', 'lr3e4r32']],
    ['lora_rank>=16', ['lr3e4r16', 'lr3e4r32', 'lr1e3r16']],
    ['lora_rank>=16 learning_rate<0.001', ['lr3e4r16', 'lr3e4r32']],
    ['optimizer:FACTOR', ['lr3e4r32']],
    ['model.name=dit', ['lr1e3r16']],
    ['summary.best_fid<12.5', ['lr3e4r16', 'lr3e4r32']],
    ['seed!=1', ['lr3e4r16', 'lr3e4r32', 'lr1e3r16']],
  ])('%s', async (search, expected) => {
    // `lr=` is not a config key of these runs: the first search shows that a wrong key finds nothing.
    expect(await found(search)).toEqual(search.startsWith('lr=') ? [] : expected);
  });

  it('finds runs by a free word in a config key or value: learning_rate, 0.0003, 3e-4, adafactor', async () => {
    expect(await found('learning_rate')).toEqual(['lr1e4r8', 'lr3e4r16', 'lr3e4r32', 'lr1e3r16']);
    expect(await found('0.0003')).toEqual(['lr3e4r16', 'lr3e4r32']);
    expect(await found('3e-4')).toEqual(['lr3e4r16', 'lr3e4r32']);
    expect(await found('adafactor')).toEqual(['lr3e4r32']);
    expect(await found('dit sweep')).toEqual(['lr1e3r16']);
    expect(await found('nothing-like-this')).toEqual([]);
  });
});
