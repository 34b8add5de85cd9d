import type { ScalarPoint } from '@run-comparer/wandb-client';

/** The drawing box of a sparkline, in SVG user units; the SVG stretches it to the element's size. */
export const VIEW_WIDTH = 100;
export const VIEW_HEIGHT = 24;
/** Room kept above and below the curve, so its extremes and the dot are not cut off. */
const PAD = 2;

export interface SparklineGeometry {
  /** The SVG path of the finite values; a NaN or ±Infinity breaks it (a gap). */
  path: string;
  /** Where each point stands, in view units (y null for NaN and ±Infinity). */
  at: Array<{ x: number; y: number | null }>;
  /** The x of a step, in view units. */
  xOf(step: number): number;
}

/**
 * Where a series goes in the sparkline's box: steps across `extent` (the first and last step
 * shown, so several runs' sparklines can share one scale), values between the lowest and highest
 * finite value (a flat series in the middle).
 */
export function sparklineGeometry(
  points: readonly ScalarPoint[],
  extent?: readonly [number, number],
): SparklineGeometry {
  const [first, last] = extent ?? [points[0]?.[0] ?? 0, points.at(-1)?.[0] ?? 0];
  const span = last - first;
  const xOf = (step: number) => (span > 0 ? ((step - first) / span) * VIEW_WIDTH : VIEW_WIDTH / 2);
  let low = Infinity;
  let high = -Infinity;
  for (const [, value] of points) {
    if (!Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const inner = VIEW_HEIGHT - 2 * PAD;
  const yOf = (value: number) => (high > low ? PAD + ((high - value) / (high - low)) * inner : VIEW_HEIGHT / 2);
  const at = points.map(([step, value]) => ({ x: xOf(step), y: Number.isFinite(value) ? yOf(value) : null }));
  let path = '';
  let pen = false;
  for (const { x, y } of at) {
    if (y === null) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${round(x)} ${round(y)}`;
    pen = true;
  }
  return { path, at, xOf };
}

/** The index of the point logged at `step` or the nearest earlier one; -1 when every point is later. */
export function pointAtOrBefore(points: readonly ScalarPoint[], step: number): number {
  let low = 0;
  let high = points.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (points[mid]![0] <= step) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** The index of the point whose step is closest to `step` (the earlier of two as close); -1 for no points. */
export function nearestPoint(points: readonly ScalarPoint[], step: number): number {
  const before = pointAtOrBefore(points, step);
  const after = before + 1 < points.length ? before + 1 : -1;
  if (before === -1) return after;
  if (after === -1) return before;
  return step - points[before]![0] <= points[after]![0] - step ? before : after;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
