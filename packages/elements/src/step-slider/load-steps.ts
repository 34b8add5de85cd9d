import type { IncompleteSteps, RunRef, RunSource } from '@run-comparer/wandb-client';
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
  const results = await Promise.allSettled(refs.map((ref) => source.steps(ref, { keys }, { signal })));
  signal.throwIfAborted();
  const byRun = new Map<string, number[]>();
  const failed: StepLoad['failed'] = [];
  const incomplete: StepLoad['incomplete'] = [];
  results.forEach((result, i) => {
    const ref = refs[i]!;
    if (result.status === 'rejected') return void failed.push({ ref, error: result.reason });
    byRun.set(ref.runId, result.value.steps);
    if (result.value.incomplete) incomplete.push({ ref, incomplete: result.value.incomplete });
  });
  if (failed.length > 0 && failed.length === refs.length) throw failed[0]!.error;
  return { steps: unionOfSteps([...byRun.values()]), byRun, failed, incomplete };
}
