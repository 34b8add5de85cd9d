import { adjacentStep, nearestAtOrBefore } from '../data/step-lookup.js';

/** The step of sorted `steps` closest to `step` (the earlier of two as close), or null when there are none. */
export function nearestStep(steps: readonly number[], step: number): number | null {
  const before = nearestAtOrBefore(steps, step);
  const after = before === step ? null : adjacentStep(steps, step, 1);
  if (before === null) return after;
  if (after === null) return before;
  return step - before <= after - step ? before : after;
}
