import { describe, expect, it } from 'vitest';
import { alignOnAxis, axisTicks, isMonotonicAxis, type AxisSteps } from '../../src/step-axis.js';

/** A run logging images every `every` steps, at `stepsPerEpoch` steps an epoch. */
function run(lastStep: number, every: number, stepsPerEpoch: number): AxisSteps {
  const steps = Array.from({ length: Math.floor(lastStep / every) + 1 }, (_, i) => i * every);
  return { steps, values: steps.map((step) => step / stepsPerEpoch) };
}

describe('alignOnAxis', () => {
  it('lines up runs with different steps per epoch by epoch', () => {
    const small = run(4000, 500, 1000); // batch 8: 1000 steps an epoch
    const large = run(2000, 250, 500); // batch 16: 500 steps an epoch
    expect(alignOnAxis([small, large], 2)).toEqual([
      { step: 2000, value: 2, exact: true },
      { step: 1000, value: 2, exact: true },
    ]);
    // Between images: the nearest earlier one, marked as such.
    expect(alignOnAxis([small, large], 2.3)).toEqual([
      { step: 2000, value: 2, exact: false },
      { step: 1000, value: 2, exact: false },
    ]);
    expect(alignOnAxis([small, large], 3.75)).toEqual([
      { step: 3500, value: 3.5, exact: false },
      { step: 1750, value: 3.5, exact: false },
    ]);
  });

  it('says a run has nothing before its first value, and keeps its last image past its end', () => {
    const late = { steps: [100, 200], values: [1, 2] };
    expect(alignOnAxis([late], 0.5)).toEqual([null]);
    expect(alignOnAxis([late], 99)).toEqual([{ step: 200, value: 2, exact: false }]);
  });

  it('skips image steps whose row lacks the axis value (null or not finite)', () => {
    const gaps = { steps: [0, 10, 20, 30], values: [0, null, NaN, 3] };
    expect(alignOnAxis([gaps], 2)).toEqual([{ step: 0, value: 0, exact: false }]);
    expect(axisTicks(gaps)).toEqual([
      { step: 0, value: 0 },
      { step: 30, value: 3 },
    ]);
    expect(alignOnAxis([{ steps: [0, 1], values: [null, null] }], 5)).toEqual([null]);
  });

  it('follows a resumed run that went back on the axis: the steps trained over no longer count', () => {
    // Epochs 0..5, then resumed from the epoch-3 checkpoint: 3..6 again at later steps.
    const resumed = { steps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], values: [0, 1, 2, 3, 4, 5, 3, 4, 5, 6] };
    expect(axisTicks(resumed).map((tick) => tick.step)).toEqual([0, 1, 2, 6, 7, 8, 9]);
    expect(alignOnAxis([resumed], 4)).toEqual([{ step: 7, value: 4, exact: true }]);
    expect(alignOnAxis([resumed], 2.5)).toEqual([{ step: 2, value: 2, exact: false }]);
  });

  it('takes the last of several steps at the same axis value (an epoch logged on every row)', () => {
    const perRow = { steps: [0, 100, 200, 300, 400], values: [0, 0, 1, 1, 2] };
    expect(alignOnAxis([perRow], 1)).toEqual([{ step: 300, value: 1, exact: true }]);
    expect(alignOnAxis([perRow], 0.9)).toEqual([{ step: 100, value: 0, exact: false }]);
  });
});

describe('isMonotonicAxis', () => {
  it('is true for a counter, whatever gaps it has, and false once it goes down', () => {
    expect(isMonotonicAxis([0, 0.5, null, 1, 1, NaN, 2])).toBe(true);
    expect(isMonotonicAxis([])).toBe(true);
    expect(isMonotonicAxis([0, 1, 2, 1])).toBe(false);
    expect(isMonotonicAxis([0.9, 0.5, 0.4])).toBe(false);
  });
});
