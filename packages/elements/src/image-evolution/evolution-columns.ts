/** The shared step axis of an evolution strip and which of its columns are in view. */

/** Every step at which any run logged the key, ascending, each once. */
export function unionSteps(perRun: ReadonlyArray<readonly number[] | undefined>): number[] {
  const all = new Set<number>();
  for (const steps of perRun) for (const step of steps ?? []) all.add(step);
  return [...all].sort((a, b) => a - b);
}

export interface ColumnRange {
  /** First column in view (with the overscan), inclusive. */
  first: number;
  /** Last column in view (with the overscan), inclusive; below `first` when none is. */
  last: number;
}

/**
 * The columns (each `width` px, after a `lead` px wide run name column) a viewport `viewWidth` wide
 * scrolled to `scrollLeft` shows, with `overscan` more on each side, within `count` columns.
 */
export function visibleColumns(
  scrollLeft: number,
  viewWidth: number,
  lead: number,
  width: number,
  count: number,
  overscan = 2,
): ColumnRange {
  if (count === 0 || width <= 0 || viewWidth <= 0) return { first: 0, last: -1 };
  const start = Math.max(0, scrollLeft - lead);
  const end = Math.max(0, scrollLeft + viewWidth - lead);
  return {
    first: Math.max(0, Math.floor(start / width) - overscan),
    last: Math.min(count - 1, Math.ceil(end / width) - 1 + overscan),
  };
}
