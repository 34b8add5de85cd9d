import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import { API_KEY, useHarness } from './helpers.js';

const keys = ['samples/grid', 'val/reference', 'samples/uncond', 'val/depth'];
const dataset = syntheticDataset({ runs: 8, imageKeys: keys, lastStep: 200, imageEvery: 20 });
const refs = dataset.runs.map((r) => ({ entity: dataset.entity, project: dataset.project, runId: r.id }));

describe('cloud requests share runs, at most 8 specs each', () => {
  const h = useHarness([dataset]);

  it('indexes 8 runs × 4 keys in one historyKeys request, then 32 specs in 4 requests of 8', async () => {
    const index = await h.client.images.index(refs, { keys });
    expect(index).toHaveLength(8);
    for (const entry of index) {
      expect(entry.error).toBeNull();
      for (const key of keys)
        expect(entry.byKey[key]!.map((s) => s.step)).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200]);
    }
    expect(h.fake.requests.all.map((r) => [r.operation, r.rootFields, r.specs])).toEqual([
      ['RunHistoryKeys', 8, 0],
      ...Array.from({ length: 4 }, () => ['RunSampledHistory', 2, 8]),
    ]);
  });

  it('spends no more requests when the keys are not given (historyKeys, and the summary for keys only there, in one)', async () => {
    const index = await h.client.images.index(refs);
    expect(Object.keys(index[0]!.byKey).sort()).toEqual([...keys].sort());
    expect(h.fake.requests.all.map((r) => [r.operation, r.rootFields])).toEqual([
      ['RunBatch', 16],
      ...Array.from({ length: 4 }, () => ['RunSampledHistory', 2]),
    ]);
  });

  it('batches images.at over 8 runs made together into requests of 8 specs', async () => {
    const sets = await Promise.all(refs.map((ref) => h.client.images.at(ref, { keys, step: 100 })));
    expect(sets.map((s) => s.map((set) => set.key))).toEqual(refs.map(() => keys));
    expect(h.fake.requests.all.map((r) => [r.operation, r.rootFields, r.specs])).toEqual(
      Array.from({ length: 4 }, () => ['RunSampledHistory', 2, 8]),
    );
  });

  it('batches media.urls over 8 runs made together into one request', async () => {
    const sets = await Promise.all(refs.map((ref) => h.client.images.at(ref, { keys, step: 40 })));
    h.fake.requests.reset();
    const urls = await Promise.all(
      refs.map((ref, i) =>
        h.client.media.urls(
          ref,
          sets[i]!.flatMap((s) => s.images.map((img) => img.path)),
        ),
      ),
    );
    expect(urls.map((u) => u.length)).toEqual(refs.map(() => 6));
    expect(h.fake.requests.all).toMatchObject([{ operation: 'RunFiles', rootFields: 8 }]);
  });

  it('gives each caller of a batch its own answer or error', async () => {
    const missing = { ...refs[0]!, runId: 'gone0000' };
    const results = await Promise.allSettled(
      [refs[0]!, missing, refs[1]!].map((ref) => h.client.images.at(ref, { keys, step: 20 })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { name: 'NotFoundError', kind: 'run', what: 'gone0000' } });
    expect(h.fake.requests.count()).toBe(2); // 12 specs, at most 8 a request
  });

  it('mixes kinds of calls made together into one request', async () => {
    await Promise.all([
      h.client.runs.get(refs[0]!),
      h.client.images.keys(refs[1]!),
      h.client.images.at(refs[2]!, { keys, step: 0 }),
    ]);
    // keys() reads the summary too (for keys logged only there): four reads of three runs in one request.
    expect(h.fake.requests.all).toMatchObject([{ operation: 'RunBatch', rootFields: 4 }]);
  });

  it('splits very many runs into requests of at most maxRunsPerRequest', async () => {
    const client = createWandbClient({ apiKey: API_KEY, baseUrl: h.fake.url, maxRunsPerRequest: 3 });
    await client.images.index(refs, { keys });
    expect(h.fake.requests.all.map((r) => [r.operation, r.rootFields])).toEqual([
      ['RunHistoryKeys', 3],
      ['RunHistoryKeys', 3],
      ['RunHistoryKeys', 2],
      ...Array.from({ length: 4 }, () => ['RunSampledHistory', 2]),
    ]);
  });
});
