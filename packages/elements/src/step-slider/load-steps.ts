import type { IncompleteSteps, RunRef, RunSource } from '@run-comparer/wandb-client';
import { askEachRun } from '../data/each-run.js';
import { unionOfSteps } from '../data/step-lookup.js';
import type { AxisLoad } from './axis-support.js';

export interface StepLoad {
  /** Every step at which any selected run holds an image under any chosen key (on an axis: every value). */
  steps: number[];
  /** Per run id, its steps (sorted; on an axis, the values its images sit at). */
  byRun: Map<string, number[]>;
  /** Runs whose steps could not be read. */
  failed: Array<{ ref: RunRef; error: unknown }>;
  /** Runs whose steps the source knows to be short (it counted more image rows than it could read). */
  incomplete: Array<{ ref: RunRef; incomplete: IncompleteSteps }>;
  /** The step axis: its own chunk, loaded with the steps. */
  axis: AxisLoad;
}

/** The steps of each run for these keys (placed on `axis` when given), and their union. Throws only when every run fails. */
export async function loadSteps(
  source: RunSource,
  refs: RunRef[],
  keys: string[],
  axis: string | null,
  signal: AbortSignal,
): Promise<StepLoad> {
  const support = import('./axis-support.js');
  const axisKeys = support.then((s) => s.axisKeysOf(source, refs));
  const { answers, failed } = await askEachRun(
    refs,
    (ref) => source.steps(ref, axis ? { keys, axis } : { keys }, { signal }),
    signal,
  );
  const placed = (await support).placeOnAxis(axis, answers, await axisKeys);
  const byRun = placed.byRun ?? new Map(answers.map(({ ref, value }) => [ref.runId, value.steps]));
  const incomplete = answers.flatMap(({ ref, value }) =>
    value.incomplete ? [{ ref, incomplete: value.incomplete }] : [],
  );
  return { steps: unionOfSteps([...byRun.values()]), byRun, failed, incomplete, axis: placed };
}
