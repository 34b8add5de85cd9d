import { describe, expect, it } from 'vitest';
import { isWandbError, type WandbErrorCode } from '../../src/errors.js';
import type { Dataset } from '../../src/memory/dataset.js';
import type { RunRef, RunSource } from '../../src/types.js';

/** What the scalar-history cases need from the contract's opened source. */
export interface ScalarCaseContext {
  source: () => RunSource;
  ref: (runId: string) => RunRef;
  dataset: Dataset;
}

/**
 * Scalar history, scalar keys and the step axis: the same answers from every source, over the
 * contract dataset's `train/loss` (every row), `eval/fid` (every 7 steps, NaN at 21) and `epoch`
 * (8 steps an epoch in r1alpha; 4 an epoch, on even steps only, in r2beta).
 */
export function describeScalarHistoryCases({ source, ref, dataset }: ScalarCaseContext): void {
  const logged = (runId: string, key: string): Array<[number, number]> =>
    dataset.runs
      .find((run) => run.id === runId)!
      .history.flatMap((row) => (typeof row[key] === 'number' ? [[row._step, row[key]] as [number, number]] : []));

  describe('scalarKeys', () => {
    it('lists the keys that hold numbers, sorted, without _step, text keys or image keys', async () => {
      expect(await source().scalarKeys(ref('r1alpha'))).toEqual([
        '_runtime',
        '_timestamp',
        'epoch',
        'eval/fid',
        'train/loss',
      ]);
      expect(await source().scalarKeys(ref('r3gamma'))).toEqual(['_runtime', '_timestamp', 'train/loss']);
    });
  });

  describe('history', () => {
    it('gives every logged value of a short series, NaN included, and nothing for a key never logged', async () => {
      const history = await source().history(ref('r1alpha'), { keys: ['train/loss', 'eval/fid', 'no/such/key'] });
      expect(history.byKey['train/loss']).toEqual({ points: logged('r1alpha', 'train/loss'), sampled: false });
      expect(history.byKey['eval/fid']!.points).toEqual([
        [0, 40],
        [7, 33],
        [14, 26],
        [21, NaN],
        [28, 12],
      ]);
      expect(history.byKey['no/such/key']).toEqual({ points: [], sampled: false });
    });

    it('samples a long series down to at most `samples` logged points, keeping the first and last', async () => {
      const all = logged('r1alpha', 'train/loss');
      const { points, sampled } = (await source().history(ref('r1alpha'), { keys: ['train/loss'], samples: 5 })).byKey[
        'train/loss'
      ]!;
      expect(sampled).toBe(true);
      expect(points.length).toBeLessThanOrEqual(5);
      expect(points[0]).toEqual(all[0]);
      expect(points.at(-1)).toEqual(all.at(-1));
      for (const point of points) expect(all).toContainEqual(point);
      expect(points.map(([step]) => step)).toEqual([...points.map(([step]) => step)].sort((a, b) => a - b));
    });

    it('refuses bad parameters before reading anything, and names a missing run', async () => {
      await expectCode(source().history(ref('r1alpha'), { keys: [] }), 'invalid_argument');
      await expectCode(source().history(ref('r1alpha'), { keys: ['train/loss'], samples: 1 }), 'invalid_argument');
      const missing = await expectCode(source().history(ref('nosuchrun'), { keys: ['train/loss'] }), 'not_found');
      expect(missing.message).toContain('nosuchrun');
    });

    it('stops when the caller aborts', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(
        source().history(ref('r1alpha'), { keys: ['train/loss'] }, { signal: controller.signal }),
      ).rejects.toMatchObject({ name: 'AbortError' });
    });
  });

  describe('historyAt', () => {
    it('gives the value at the step, or the nearest earlier one with the step it was logged at', async () => {
      const at = await source().historyAt(ref('r1alpha'), {
        keys: ['eval/fid', 'train/loss', 'no/such/key'],
        step: 20,
      });
      const loss20 = logged('r1alpha', 'train/loss').find(([step]) => step === 20)![1];
      expect(at).toEqual({
        step: 20,
        byKey: { 'eval/fid': { step: 14, value: 26 }, 'train/loss': { step: 20, value: loss20 }, 'no/such/key': null },
      });
      expect((await source().historyAt(ref('r1alpha'), { keys: ['eval/fid'], step: 21 })).byKey['eval/fid']).toEqual({
        step: 21,
        value: NaN,
      });
    });

    it('answers past the last step with the last value, and before the first with null', async () => {
      const late = await source().historyAt(ref('r1alpha'), { keys: ['eval/fid'], step: 1000 });
      expect(late.byKey['eval/fid']).toEqual({ step: 28, value: 12 });
      const beta = await source().historyAt(ref('r2beta'), { keys: ['epoch', 'eval/fid'], step: 5 });
      expect(beta.byKey).toEqual({ epoch: { step: 4, value: 1 }, 'eval/fid': null });
    });

    it('refuses a negative step', async () => {
      await expectCode(source().historyAt(ref('r1alpha'), { keys: ['train/loss'], step: -1 }), 'invalid_argument');
    });
  });

  describe('steps on an axis', () => {
    it('gives each image step its axis value, runs with different steps per epoch alike', async () => {
      const alpha = await source().steps(ref('r1alpha'), { keys: ['samples/grid'], axis: 'epoch' });
      expect(alpha.steps).toEqual([0, 10, 20, 30]);
      expect(alpha.axis).toEqual({ key: 'epoch', values: [0, 1, 2, 3] });
    });

    it('keeps an image step whose row lacks the axis key, with null', async () => {
      const beta = await source().steps(ref('r2beta'), { keys: ['samples/grid', 'samples/legacy'], axis: 'epoch' });
      expect(beta.steps).toEqual([0, 5, 10]);
      expect(beta.byKey).toEqual({ 'samples/grid': [0, 5, 10], 'samples/legacy': [5] });
      expect(beta.axis).toEqual({ key: 'epoch', values: [0, null, 2.5] });
      const never = await source().steps(ref('r2beta'), { keys: ['samples/grid'], axis: 'no/such/key' });
      expect(never.steps).toEqual([0, 5, 10]);
      expect(never.axis).toEqual({ key: 'no/such/key', values: [null, null, null] });
    });

    it('gives no axis when none is asked for', async () => {
      expect((await source().steps(ref('r1alpha'), { keys: ['samples/grid'] })).axis).toBeUndefined();
    });
  });
}

async function expectCode(promise: Promise<unknown>, code: WandbErrorCode): Promise<Error> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a WandbError with code ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(isWandbError(error), `expected a WandbError, got ${String(error)}`).toBe(true);
  expect((error as { code: WandbErrorCode }).code).toBe(code);
  return error as Error;
}
