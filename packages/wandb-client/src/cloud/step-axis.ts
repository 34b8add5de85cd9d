import { STEP_KEY } from '../scalars/row-value.js';
import { scalarOf } from '../scalars/scalar-value.js';
import type { RunRef, StepAxis } from '../types.js';
import { stepOf, valueAt } from './history-plan.js';
import type { HistoryReader, HistorySpec } from './history-reader.js';

/**
 * The value of `axis` in the row of each image step, read in specs that name the image key and the
 * axis together: such a spec answers only rows holding both, so the image steps themselves come
 * from the image read, never from this one, and a step whose row lacks the axis is kept, with null.
 * Each spec spans at most the reader's `samplesPerSpec` of the key's image steps, so it holds no more rows than
 * it asks for and is never sampled down; a step already covered by another key's specs is not asked again.
 */
export async function axisOfSteps(
  reader: HistoryReader,
  ref: RunRef,
  byKey: Record<string, number[]>,
  steps: number[],
  axis: string,
  signal?: AbortSignal,
): Promise<StepAxis> {
  if (axis === STEP_KEY) return { key: axis, values: [...steps] };
  const { samplesPerSpec } = reader;
  const covered = new Set<number>();
  const specs: HistorySpec[] = [];
  for (const [key, keySteps] of Object.entries(byKey)) {
    for (let i = 0; i < keySteps.length; i += samplesPerSpec) {
      const chunk = keySteps.slice(i, i + samplesPerSpec);
      if (chunk.every((step) => covered.has(step))) continue;
      specs.push({
        key,
        also: [axis],
        window: { minStep: chunk[0]!, maxStep: chunk.at(-1)!, samples: chunk.length },
        rows: chunk.length,
      });
    }
    for (const step of keySteps) covered.add(step);
  }
  const found = new Map<number, number>();
  const answers = specs.length > 0 ? await reader.sampled(ref, specs, signal) : [];
  for (const row of answers.flat()) {
    const step = stepOf(row);
    const value = scalarOf(valueAt(row, axis));
    if (step !== null && value !== null) found.set(step, value);
  }
  return { key: axis, values: steps.map((step) => found.get(step) ?? null) };
}
