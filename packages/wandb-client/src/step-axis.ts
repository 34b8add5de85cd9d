/**
 * Placing image steps on an axis other than `_step` (`epoch`, `trainer/global_step`,
 * `samples_seen`, `_runtime`, ...): pure helpers over the `StepIndex.axis` values a source gives.
 *
 * A run's axis need not rise with its steps. A run resumed from an earlier checkpoint logs, say,
 * epochs 0..5, then 3..9 again: the first 3..5 were trained over and their images are not the
 * run's history any more. So a run is placed by its *envelope*: an image step whose axis value a
 * later step undercuts is left out, and of steps with the same value the last one counts. What is
 * left rises with the steps, and at axis value X a run shows the image of the largest value ≤ X.
 */

/** One run's image steps and the axis value in each one's row (null: the row did not log it). */
export interface AxisSteps {
  steps: readonly number[];
  values: readonly (number | null)[];
}

/** An image step placed on the axis. */
export interface AxisTick {
  step: number;
  value: number;
}

/** Where a run is at an axis value: the image step at the largest value at or below it. */
export interface AxisMatch extends AxisTick {
  /** False when the run has no image at exactly that value, and shows the nearest earlier one. */
  exact: boolean;
}

const envelopes = new WeakMap<AxisSteps, AxisTick[]>();

/**
 * The image steps of a run that can be placed on the axis, in step order, rising: steps without a
 * (finite) axis value are left out, and so is any step a later step undercuts (the run went back on
 * the axis, e.g. resumed from an earlier checkpoint) or that a later step matches (of several
 * image steps in one epoch, the last one stands for it). These are the run's tick marks.
 */
export function axisTicks(run: AxisSteps): AxisTick[] {
  const known = envelopes.get(run);
  if (known) return known;
  const ticks: AxisTick[] = [];
  let lowestLater = Infinity;
  for (let i = Math.min(run.steps.length, run.values.length) - 1; i >= 0; i--) {
    const value = run.values[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || value >= lowestLater) continue;
    ticks.push({ step: run.steps[i]!, value });
    lowestLater = value;
  }
  ticks.reverse();
  envelopes.set(run, ticks);
  return ticks;
}

/**
 * Per run (in order), the image step at the largest axis value ≤ `x` (the last such step when
 * several share it), or null when the run has no image at or below `x` on the axis. Runs with
 * different steps per epoch line up by epoch; see {@link axisTicks} for runs that went back.
 */
export function alignOnAxis(runs: readonly AxisSteps[], x: number): Array<AxisMatch | null> {
  return runs.map((run) => {
    const ticks = axisTicks(run);
    let lo = 0;
    let hi = ticks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ticks[mid]!.value <= x) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return null;
    const tick = ticks[found]!;
    return { ...tick, exact: tick.value === x };
  });
}

/**
 * Whether a key's values never go down over a run's steps (nulls and non-finite values ignored):
 * such a key is a clean axis. One that goes down (a resumed run, or a key that is not a counter,
 * like a loss) can still be used; {@link axisTicks} says which steps then count.
 */
export function isMonotonicAxis(values: readonly (number | null)[]): boolean {
  let last = -Infinity;
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    if (value < last) return false;
    last = value;
  }
  return true;
}
