import type { CompareTarget } from '../context/selection-store.js';
import { sameTarget } from '../data/viewer-runs.js';

/** The next marks after marking `image`: A, then B; marking A again clears it; a third starts over. */
export function markForCompare(marks: readonly CompareTarget[], image: CompareTarget): CompareTarget[] {
  if (marks.length === 1 && sameTarget(marks[0], image)) return [];
  return marks.length === 1 ? [marks[0]!, image] : [image];
}
