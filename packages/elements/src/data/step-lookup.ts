/**
 * Step arithmetic over sorted, unique step lists (what `RunSource.steps` returns per key).
 * Binary searches, so a run with 100 000 logged steps costs nothing per lookup.
 */

/** The largest step in `steps` that is ≤ `step`, or null when every step is later (or none). */
export function nearestAtOrBefore(steps: readonly number[], step: number): number | null {
  let low = 0;
  let high = steps.length - 1;
  let found: number | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = steps[mid]!;
    if (value <= step) {
      found = value;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * The steps around `step` in `steps`: up to `before` earlier ones (nearest first) and up to
 * `after` later ones (nearest first), never `step` itself. For prefetching what comes next.
 */
export function neighbourSteps(steps: readonly number[], step: number, before: number, after: number): number[] {
  let at = 0;
  while (at < steps.length && steps[at]! < step) at++;
  const later = steps[at] === step ? at + 1 : at;
  const result: number[] = [];
  for (let i = 0; i < after && later + i < steps.length; i++) result.push(steps[later + i]!);
  for (let i = 1; i <= before && at - i >= 0; i++) result.push(steps[at - i]!);
  return result;
}

/** The sorted union of several sorted step lists. */
export function unionOfSteps(lists: ReadonlyArray<readonly number[]>): number[] {
  const all = new Set<number>();
  for (const list of lists) for (const step of list) all.add(step);
  return [...all].sort((a, b) => a - b);
}

/** The logged step just before (`-1`) or just after (`+1`) `step`, or null past either end. */
export function adjacentStep(steps: readonly number[], step: number, direction: -1 | 1): number | null {
  if (direction < 0) return nearestAtOrBefore(steps, step - 1);
  return steps.find((s) => s > step) ?? null;
}
