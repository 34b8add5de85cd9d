import { startFakeWandb, syntheticDataset, type FakeWandb } from '@run-comparer/fake-wandb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import { createHttpSource } from '../../src/http/index.js';
import type { RunSource } from '../../src/types.js';
import { serveApi, type ServedApi } from './serve.js';

// wandb answering short, seen through a Run Comparer server: the flag and the warnings reach the page's source.

const apiKey = 'http-shortfall-key-0123456789abcdef012345';
const keys = ['samples/grid', 'val/reference'];
const dataset = syntheticDataset({ runs: 2, imageKeys: keys, lastStep: 400, imageEvery: 2 });
const [short, whole] = dataset.runs.map((r) => ({ entity: dataset.entity, project: dataset.project, runId: r.id })) as [
  { entity: string; project: string; runId: string },
  { entity: string; project: string; runId: string },
];

describe('incomplete step lists over HTTP (source → server → cloud client → fake wandb)', () => {
  let fake: FakeWandb;
  let served: ServedApi;
  let source: RunSource;
  beforeAll(async () => {
    fake = await startFakeWandb({ datasets: [dataset], apiKey });
    fake.history.set(short.runId, { maxRowsPerSpec: 50, nullRowEvery: 10 });
    served = await serveApi(createWandbClient({ apiKey, baseUrl: fake.url, retry: false }).source, {
      secrets: [apiKey],
    });
    source = createHttpSource({ baseUrl: served.baseUrl });
  });
  afterAll(async () => {
    await served?.close();
    await fake?.close();
  });

  it('carries incomplete and warnings on steps', async () => {
    const steps = await source.steps(short, { keys });
    expect(steps.incomplete).toMatchObject({
      expectedRows: 402,
      keys,
      message: expect.stringMatching(/^Some steps may be missing: wandb returned \d+ of 402 image rows/),
    });
    expect(steps.incomplete!.receivedRows).toBeLessThan(402);
    expect(steps.warnings).toEqual([{ code: 'history_rows_skipped', message: expect.any(String) }]);
  });

  it('carries them per run on the index, and asks again rather than serving a short answer from cache', async () => {
    const first = await source.index([short, whole], { keys });
    expect(first[0]!.incomplete).toMatchObject({ expectedRows: 402, keys });
    expect(first[1]!.incomplete ?? null).toBeNull();
    fake.requests.reset();
    const again = await source.index([short, whole], { keys });
    expect(again[0]!.incomplete).toMatchObject({ expectedRows: 402 });
    expect(fake.requests.count('RunSampledHistory')).toBeGreaterThan(0);
    expect(again[1]!.byKey['samples/grid']).toHaveLength(201);
  });
});
