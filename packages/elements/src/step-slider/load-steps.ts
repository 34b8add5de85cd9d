import type { IncompleteSteps, RunRef, RunSource } from '@run-comparer/wandb-client';
import { askEachRun } from '../data/each-run.js';
import { unionOfSteps } from '../data/step-lookup.js';

export interface StepLoad {
  /** Every step at which any selected run holds an image under any chosen key. */
  steps: number[];
  /** Per run id, its steps (sorted). */
  byRun: Map<string, number[]>;
  /** Runs whose steps could not be read. */
  failed: Array<{ ref: RunRef; error: unknown }>;
  /** Runs whose steps the source knows to be short (it counted more image rows than it could read). */
  incomplete: Array<{ ref: RunRef; incomplete: IncompleteSteps }>;
}

/** The steps of each run for these keys, and their union. Throws only when every run fails. */
export async function loadSteps(
  source: RunSource,
  refs: RunRef[],
  keys: string[],
  signal: AbortSignal,
): Promise<StepLoad> {
  const { answers, failed } = await askEachRun(refs, (ref) => source.steps(ref, { keys }, { signal }), signal);
  const byRun = new Map(answers.map(({ ref, value }) => [ref.runId, value.steps]));
  const incomplete = answers.flatMap(({ ref, value }) =>
    value.incomplete ? [{ ref, incomplete: value.incomplete }] : [],
  );
  return { steps: unionOfSteps([...byRun.values()]), byRun, failed, incomplete };
}
