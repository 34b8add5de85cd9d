import type { RunRef } from '@run-comparer/wandb-client';
import type { Selection } from '../context/selection-store.js';

type Position = Pick<Selection, 'step' | 'axis'>;

/** The run's own `_step` at the selection's position: on another axis (e.g. `epoch`), where it has its image. */
export function runStepAt({ step, axis }: Position, ref: RunRef): number | null {
  if (step === null || !axis) return step;
  return axis.placement?.at(ref, step)?.step ?? null;
}

/** On another axis, the value at which one of `refs` shows its image of `_step` `step` (null: none does). */
export function axisValueOf({ axis }: Position, refs: readonly RunRef[], step: number): number | null {
  const placement = axis?.placement;
  return placement?.domain.find((x) => refs.some((ref) => placement.at(ref, x)?.step === step)) ?? null;
}

/** "step 1500", or "epoch 4" when the slider is on another axis. */
export function positionText({ step, axis }: Position): string {
  return `${axis?.key ?? 'step'} ${step}`;
}
