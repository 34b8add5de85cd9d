import { describe, expect, it } from 'vitest';
import type { Dataset, DatasetRun, HistoryRow } from '../../src/memory/dataset.js';
import { useHarness } from './helpers.js';

const LAST_STEP = 20_000;

/**
 * A long run: `train/loss` every step, `eval/fid` every 3000 steps, `epoch` at 250 steps an epoch
 * on every row but the image rows of every fifth image, and an image every 100 steps.
 */
function longRun(): DatasetRun {
  const history: HistoryRow[] = [];
  for (let step = 0; step <= LAST_STEP; step++) {
    const row: HistoryRow = { _step: step, 'train/loss': 1 / (1 + step / 100), _runtime: step * 0.5 };
    if (step % 3000 === 0) row['eval/fid'] = 50 - step / 1000;
    const image = step % 100 === 0;
    if (image) {
      row['samples/grid'] = { _type: 'image-file', path: `media/images/samples/grid_${step}_aa.png`, format: 'png' };
    }
    if (!(image && step % 500 === 0)) row.epoch = Math.floor(step / 250);
    history.push(row);
  }
  return { id: 'long1', displayName: 'long', state: 'finished', createdAt: '2026-03-01T00:00:00.000Z', history };
}

const dataset: Dataset = { entity: 'scalars', project: 'long-runs', runs: [longRun()] };
const ref = { entity: 'scalars', project: 'long-runs', runId: 'long1' };

/** The `sampledHistory` specs the client sent, by reading its request bodies. */
const sentSpecs: Array<{ keys: string[]; samples: number; minStep: number; maxStep: number }> = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const body = typeof init?.body === 'string' ? init.body : input instanceof Request ? await input.clone().text() : '';
  if (body) {
    const { variables } = JSON.parse(body) as { variables?: Record<string, unknown> };
    for (const [name, value] of Object.entries(variables ?? {})) {
      if (name.endsWith('_specs')) for (const spec of value as string[]) sentSpecs.push(JSON.parse(spec));
    }
  }
  return fetch(input, init);
};

describe('cloud scalar history over a 20,000-step run', () => {
  const harness = useHarness([dataset], { fetch: recordingFetch });
  const specsSent = () => sentSpecs.splice(0);

  it('samples a series for a sparkline, asking only for the keys it was given', async () => {
    specsSent();
    const { byKey } = await harness.client.history.series(ref, { keys: ['train/loss', 'eval/fid'], samples: 300 });
    const loss = byKey['train/loss']!;
    expect(loss.sampled).toBe(true);
    expect(loss.points.length).toBeLessThanOrEqual(300);
    expect(loss.points[0]).toEqual([0, 1]);
    expect(loss.points.at(-1)).toEqual([LAST_STEP, 1 / (1 + LAST_STEP / 100)]);
    expect(byKey['eval/fid']).toEqual({
      points: Array.from({ length: 7 }, (_, i) => [i * 3000, 50 - i * 3]),
      sampled: false,
    });
    const specs = specsSent();
    expect(specs.map((spec) => spec.keys)).toEqual([
      ['_step', 'train/loss'],
      ['_step', 'eval/fid'],
    ]);
    for (const spec of specs) expect(spec).toMatchObject({ minStep: 0, maxStep: LAST_STEP, samples: 300 });
  });

  it('finds the exact value at a step, or the nearest earlier one of a sparse key, in a few requests', async () => {
    harness.fake.requests.reset();
    const at = await harness.client.history.at(ref, { keys: ['train/loss', 'eval/fid', 'epoch'], step: 17_999 });
    expect(at.byKey).toEqual({
      'train/loss': { step: 17_999, value: 1 / (1 + 17_999 / 100) },
      'eval/fid': { step: 15_000, value: 35 },
      epoch: { step: 17_999, value: 71 },
    });
    expect(harness.fake.requests.count('RunSampledHistory')).toBeLessThanOrEqual(3);
    for (const spec of specsSent()) expect(spec.maxStep).toBeLessThanOrEqual(17_999);
  });

  it('stays exact when wandb samples harder than asked (3 rows a spec)', async () => {
    harness.fake.history.set('long1', { maxRowsPerSpec: 3 });
    harness.fake.requests.reset();
    const at = await harness.client.history.at(ref, { keys: ['train/loss', 'eval/fid'], step: 12_345 });
    expect(at.byKey).toEqual({
      'train/loss': { step: 12_345, value: 1 / (1 + 12_345 / 100) },
      'eval/fid': { step: 12_000, value: 38 },
    });
    expect(at.warnings).toBeUndefined();
    // The first answers were sampled down, so the windows were narrowed and asked again.
    expect(harness.fake.requests.count('RunSampledHistory')).toBeGreaterThan(1);
    const early = await harness.client.history.at(ref, { keys: ['eval/fid'], step: 2_999 });
    expect(early.byKey['eval/fid']).toEqual({ step: 0, value: 50 });
  });

  it('gives image steps their axis values from specs holding the image key and the axis, never losing a step', async () => {
    specsSent();
    const index = await harness.client.images.steps(ref, { keys: ['samples/grid'], axis: 'epoch' });
    expect(index.steps).toHaveLength(LAST_STEP / 100 + 1);
    expect(index.axis!.values).toEqual(index.steps.map((step) => (step % 500 === 0 ? null : Math.floor(step / 250))));
    const axisSpecs = specsSent().filter((spec) => spec.keys.includes('epoch'));
    expect(axisSpecs.length).toBeGreaterThan(0);
    for (const spec of axisSpecs) expect(spec.keys).toEqual(['_step', 'samples/grid', 'epoch']);
  });

  it('lists the numeric keys from historyKeys', async () => {
    expect(await harness.client.history.keys(ref)).toEqual(['_runtime', 'epoch', 'eval/fid', 'train/loss']);
  });
});
