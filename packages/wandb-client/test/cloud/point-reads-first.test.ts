import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { useHarness } from './helpers.js';

const keys = ['samples/grid', 'val/reference', 'samples/uncond', 'val/depth'];
// Every step holds images: read in windows of 50 steps, the index of 8 runs takes about 70 requests.
const dataset = syntheticDataset({ runs: 8, imageKeys: keys, lastStep: 800, imageEvery: 1, imagesPerList: 1 });
const refs = dataset.runs.map((r) => ({ entity: dataset.entity, project: dataset.project, runId: r.id }));

describe('the visible step while an index of the same runs is loading', () => {
  const h = useHarness([dataset], { historySamplesPerSpec: 100 }, { latencyMs: 20 });

  it('answers images.at before the index, not behind its queue of requests', async () => {
    let indexed = false;
    const index = h.client.images.index(refs, { keys }).then((entries) => ((indexed = true), entries));
    while (h.fake.requests.count('RunSampledHistory') === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const sets = await Promise.all(refs.map((ref) => h.client.images.at(ref, { keys, step: 400 })));
    const answeredBefore = h.fake.requests.count('RunSampledHistory');
    expect(indexed).toBe(false);
    expect(sets.map((s) => s.map((set) => [set.key, set.step]))).toEqual(refs.map(() => keys.map((key) => [key, 400])));

    const entries = await index;
    const indexRequests = h.fake.requests.count('RunSampledHistory') - 4; // less the four of images.at
    for (const entry of entries) expect(entry.byKey[keys[0]!]).toHaveLength(801);
    // The four requests of images.at went ahead of most of the index's (about 70) requests.
    expect(indexRequests).toBeGreaterThan(40);
    expect(answeredBefore).toBeLessThan(indexRequests / 4);
  });
});
