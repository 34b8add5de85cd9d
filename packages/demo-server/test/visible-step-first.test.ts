import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWandb, syntheticDataset, type FakeWandb } from '@run-comparer/fake-wandb';
import { createWandbClient, type Dataset } from '@run-comparer/wandb-client';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/logger.js';
import { listen, type Listening } from './fixtures/listen.js';

const API_KEY = 'visible-step-first-key-00112233445566778899aabbccddeeff';
const keys = ['samples/grid', 'val/reference', 'samples/uncond', 'val/depth'];

/**
 * The page asks for the index of the selected runs and, at once, for the images at the step on
 * screen: the server answers the step while the index is still loading, not after it.
 */
describe('the visible step through the server while the index of the same runs loads', () => {
  let dataset: Dataset;
  let fake: FakeWandb;
  let server: Listening;

  beforeAll(async () => {
    // Every step holds images: the index of 8 runs takes about 70 requests of 20 ms or more.
    dataset = syntheticDataset({ runs: 8, imageKeys: keys, lastStep: 800, imageEvery: 1, imagesPerList: 1 });
    fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY });
    fake.latency.ms = 20;
    const client = createWandbClient({ apiKey: API_KEY, baseUrl: fake.url, historySamplesPerSpec: 100 });
    const app = createApp({
      source: client.source,
      defaults: { entity: dataset.entity, project: dataset.project },
      logger: silentLogger,
    });
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it('answers images at the step before the index is done, ahead of its requests', async () => {
    const api = `http://127.0.0.1:${server.port}/api`;
    let indexed = false;
    const index = fetch(`${api}/index`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entity: dataset.entity,
        project: dataset.project,
        runIds: dataset.runs.map((r) => r.id),
        keys,
      }),
    }).then(async (res) => {
      const body = (await res.json()) as { runs: { byKey: Record<string, unknown[]> }[] };
      indexed = true;
      return body;
    });
    while (fake.requests.count('RunSampledHistory') === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const answers = await Promise.all(
      dataset.runs.map(async (run) => {
        const url = `${api}/runs/${dataset.entity}/${dataset.project}/${run.id}/images?keys=${keys.join(',')}&step=400`;
        return (await (await fetch(url)).json()) as { step: number; sets: { key: string; step: number }[] };
      }),
    );
    const answeredBefore = fake.requests.count('RunSampledHistory');
    expect(indexed).toBe(false);
    for (const answer of answers)
      expect(answer.sets.map((set) => [set.key, set.step])).toEqual(keys.map((k) => [k, 400]));

    const { runs } = await index;
    for (const run of runs) expect(run.byKey[keys[0]!]).toHaveLength(801);
    // The step's requests (a historyKeys and an exact-step read per run) went ahead of most of the
    // index's (about 70): behind them, they came after all of those.
    const total = fake.requests.count('RunSampledHistory');
    expect(total).toBeGreaterThan(60);
    expect(answeredBefore).toBeLessThan(total / 2);
  });
});
