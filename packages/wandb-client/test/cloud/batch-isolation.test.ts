import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import type { RunImageIndex } from '../../src/types.js';
import { API_KEY, QUICK_RETRY, useHarness } from './helpers.js';

const keys = ['samples/grid', 'val/reference', 'samples/uncond', 'val/depth'];
const dataset = syntheticDataset({ runs: 8, imageKeys: keys, lastStep: 200, imageEvery: 20 });
const refs = dataset.runs.map((r) => ({ entity: dataset.entity, project: dataset.project, runId: r.id }));
const steps = [0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200];
const broken = refs[5]!;

/**
 * wandb answers a request that reads a run whose history it cannot load with HTTP 500 for the
 * whole request (wandb/wandb#4605); the other runs of the batch must still be answered.
 */
describe('a batch that fails as a whole', () => {
  const h = useHarness([dataset]);
  const serverErrors = () => h.fake.requests.all.filter((r) => r.status >= 500).length;

  function expectOthersIndexed(index: RunImageIndex[]) {
    for (const entry of index.filter((e) => e.run.runId !== broken.runId)) {
      expect(entry.error).toBeNull();
      for (const key of keys) expect(entry.byKey[key]!.map((s) => s.step)).toEqual(steps);
    }
    const failed = index.find((e) => e.run.runId === broken.runId)!;
    expect(failed.byKey).toEqual({});
    expect(failed.error).toMatchObject({
      code: 'upstream',
      message: expect.stringMatching(/HTTP 500.*run not found for history loading/),
    });
  }

  it('is split until the failing run is alone: the index answers the 7 others and reports the one', async () => {
    h.fake.history.set(broken.runId, { unloadable: true });
    const index = await h.client.images.index(refs, { keys });
    expectOthersIndexed(index);
    // The request holding it (two runs of 4 specs) and one retry, then it alone and one retry: not a minute of retries.
    expect(serverErrors()).toBe(4);
  });

  it('halves a batch of 8 runs down to the one, one retry per level', async () => {
    h.fake.history.set(broken.runId, { unloadable: true });
    const client = createWandbClient({
      apiKey: API_KEY,
      baseUrl: h.fake.url,
      retry: QUICK_RETRY,
      maxHistorySpecsPerRequest: 32,
    });
    const index = await client.images.index(refs, { keys });
    expectOthersIndexed(index);
    // 8 → 4 → 2 → 1 runs: each failing part tried twice.
    expect(serverErrors()).toBe(8);
    expect(
      h.fake.requests.all
        .filter((r) => r.status === 200 && r.operation === 'RunSampledHistory')
        .map((r) => r.rootFields),
    ).toEqual([4, 2, 1]);
  });

  it('retries a passing 500 once and keeps the batch whole when the retry succeeds', async () => {
    h.fake.faults.add({ kind: 'status', status: 500 }, { operation: 'RunSampledHistory' });
    const index = await h.client.images.index(refs, { keys });
    expect(index.every((e) => e.error === null)).toBe(true);
    const sampled = h.fake.requests.all.filter((r) => r.operation === 'RunSampledHistory');
    expect(sampled.map((r) => r.status)).toEqual([500, 200, 200, 200, 200]);
    expect(sampled[0]!.rootFields).toBe(sampled[1]!.rootFields);
  });

  it('fails the whole call when every run fails: wandb is down, not one run', async () => {
    h.fake.faults.add({ kind: 'status', status: 503 }, { operation: 'RunSampledHistory', times: 1000 });
    await expect(h.client.images.index(refs, { keys })).rejects.toMatchObject({ code: 'upstream', status: 503 });
  });
});
