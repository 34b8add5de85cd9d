import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createMemorySource, type Dataset, type HistoryRow } from '@run-comparer/wandb-client';
import { testApp } from './fixtures/app.js';
import { countingSource } from './fixtures/sources.js';

/** One run: a loss every step (NaN once it diverges at 90), an epoch every 25 steps, an image every 20 steps. */
function dataset(): Dataset {
  const history: HistoryRow[] = Array.from({ length: 101 }, (_, step) => ({
    _step: step,
    'train/loss': step >= 90 ? NaN : 1 - step / 100,
    ...(step % 10 === 0 ? { 'eval/fid': 40 - step / 10 } : {}),
    ...(step % 20 === 0 && step !== 40
      ? { epoch: step / 25, 'samples/grid': { _type: 'image-file', path: `media/images/g_${step}.png`, format: 'png' } }
      : {}),
    ...(step === 40 ? { 'samples/grid': { _type: 'image-file', path: 'media/images/g_40.png', format: 'png' } } : {}),
  }));
  return {
    entity: 'demo-team',
    project: 'metrics',
    runs: [{ id: 'run0', displayName: 'lr-1e-4', state: 'finished', createdAt: '2026-01-01T00:00:00Z', history }],
  };
}

const base = '/api/runs/demo-team/metrics/run0';

describe('scalar history routes', () => {
  const source = countingSource(createMemorySource(dataset()));
  const { app } = testApp(source);

  it('GET scalar-keys lists the keys holding numbers', async () => {
    const res = await request(app).get(`${base}/scalar-keys`).expect(200);
    expect(res.body).toEqual({ keys: ['epoch', 'eval/fid', 'train/loss'] });
  });

  it('GET history samples each key, sending NaN as {"$numberDouble": "NaN"}, and is cached', async () => {
    const res = await request(app).get(`${base}/history?keys=train/loss,eval/fid&samples=20`).expect(200);
    const loss = res.body.byKey['train/loss'];
    expect(loss.sampled).toBe(true);
    expect(loss.points.length).toBeLessThanOrEqual(20);
    expect(loss.points[0]).toEqual([0, 1]);
    expect(loss.points.at(-1)).toEqual([100, { $numberDouble: 'NaN' }]);
    expect(res.body.byKey['eval/fid'].points).toHaveLength(11);
    const before = source.calls.history;
    await request(app).get(`${base}/history?keys=train/loss,eval/fid&samples=20`).expect(200);
    expect(source.calls.history).toBe(before);
  });

  it('GET history/at gives the value at the step or the nearest earlier one', async () => {
    const res = await request(app).get(`${base}/history/at?keys=eval/fid,train/loss,nope&step=57`).expect(200);
    expect(res.body).toEqual({
      step: 57,
      byKey: { 'eval/fid': { step: 50, value: 35 }, 'train/loss': { step: 57, value: 1 - 57 / 100 }, nope: null },
    });
  });

  it('GET steps with axis gives each image step its axis value, null where the row lacks it', async () => {
    const res = await request(app).get(`${base}/steps?keys=samples/grid&axis=epoch`).expect(200);
    expect(res.body.steps).toEqual([0, 20, 40, 60, 80, 100]);
    expect(res.body.axis).toEqual({ key: 'epoch', values: [0, 0.8, null, 2.4, 3.2, 4] });
  });

  it.each([
    [`${base}/history`, /keys is required/],
    [`${base}/history?keys=train/loss&samples=1`, /samples must be from 2 to 2000/],
    [`${base}/history?keys=train/loss&samples=lots`, /samples must be a whole number/],
    [`${base}/history?keys=${Array.from({ length: 65 }, (_, i) => `k${i}`).join(',')}`, /at most 64 keys/],
    [`${base}/history?keys=train/loss,,eval/fid`, /empty/],
    [`${base}/history/at?keys=train/loss`, /step/],
    [`${base}/history/at?keys=train/loss&step=-3`, /step must be a whole number/],
    [`${base}/steps?keys=samples/grid&axis=`, /history key is empty/],
  ])('%s is refused with a 400 saying why', async (path, says) => {
    const res = await request(app).get(path).expect(400);
    expect(res.body.error.code).toBe('invalid_argument');
    expect(res.body.error.message).toMatch(says);
  });

  it('names a run that does not exist', async () => {
    const res = await request(app).get('/api/runs/demo-team/metrics/nosuch/history?keys=train/loss').expect(404);
    expect(res.body.error.message).toContain('nosuch');
  });
});
