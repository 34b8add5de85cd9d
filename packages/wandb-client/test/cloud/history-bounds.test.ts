import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { createWandbClient } from '../../src/cloud/index.js';
import { API_KEY, QUICK_RETRY, useHarness } from './helpers.js';

const keys = ['samples/grid', 'val/reference', 'samples/uncond', 'val/depth'];
const lastStep = 1199;
/** 8 runs × 4 keys, an image at every step (1,200 rows a key: more than one spec of 1,000 holds), as the SDK writes them. */
const dataset = syntheticDataset({
  runs: 8,
  imageKeys: keys,
  lastStep,
  imageEvery: 1,
  imagesPerList: 4,
  realistic: true,
});
const refs = dataset.runs.map((r) => ({ entity: dataset.entity, project: dataset.project, runId: r.id }));

/** A row as `sampledHistory` answers it for one key, serialised. */
const rowBytes = (row: Record<string, unknown>, key: string) =>
  JSON.stringify({ _step: row._step, [key]: row[key] }).length;
const rows = dataset.runs.flatMap((run) => keys.flatMap((key) => run.history.map((row) => rowBytes(row, key))));
const largestRow = Math.max(...rows);
const neededBytes = rows.reduce((a, b) => a + b, 0);

/** The specs the client sent, read from its own requests. */
function recordSpecs() {
  const specs: Array<{ keys: string[]; samples: number; minStep?: number; maxStep?: number }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = (await request.clone().json()) as { variables: Record<string, unknown> };
    for (const value of Object.values(body.variables))
      if (Array.isArray(value)) for (const spec of value) specs.push(JSON.parse(spec as string));
    return globalThis.fetch(request);
  };
  return { specs, fetch };
}

describe('bounded history requests (8 runs × 4 keys, realistic image rows)', () => {
  const h = useHarness([dataset]);

  it('asks at most 8 specs and 1,000 rows a request, closes every window, and indexes every image', async () => {
    const sent = recordSpecs();
    const client = createWandbClient({ apiKey: API_KEY, baseUrl: h.fake.url, retry: QUICK_RETRY, fetch: sent.fetch });
    const index = await client.images.index(refs, { keys });

    // The same index as the runs logged: every step, every image, in order.
    dataset.runs.forEach((run, r) => {
      expect(index[r]!.error).toBeNull();
      expect(index[r]!.incomplete ?? null).toBeNull();
      for (const key of keys) {
        const logged = run.history.map((row) => {
          const value = row[key] as { path?: string; filenames?: string[] };
          return value.filenames ?? [value.path];
        });
        expect(index[r]!.byKey[key]!.map((set) => set.images.map((image) => image.path))).toEqual(logged);
      }
    });

    const sampled = h.fake.requests.all.filter((r) => r.operation === 'RunSampledHistory');
    for (const request of sampled) {
      expect(request.specs).toBeLessThanOrEqual(8);
      // 1,000 rows (wandb's own page of history) of the largest row, plus the aliases around them.
      expect(request.responseBytes).toBeLessThanOrEqual(1000 * (largestRow + 2) + 4096);
    }
    // No answer thrown away: what came back is what was needed, give or take the JSON around it.
    const received = sampled.reduce((n, r) => n + r.responseBytes, 0);
    expect(received).toBeLessThan(neededBytes * 1.05);

    // Every window is closed by the last step historyKeys gave (no open-ended `sampledHistory`).
    expect(sent.specs.length).toBeGreaterThan(0);
    for (const spec of sent.specs) {
      expect(spec).toEqual({
        keys: ['_step', expect.any(String)],
        samples: expect.any(Number),
        minStep: expect.any(Number),
        maxStep: expect.any(Number),
      });
      expect(spec.maxStep).toBeLessThanOrEqual(lastStep);
      expect(spec.samples).toBeLessThanOrEqual(1000);
    }
  });
});
