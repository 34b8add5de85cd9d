import type { ScalarPoint } from '../types.js';

/**
 * A series of at most `max` points that still looks like the whole one in a sparkline: the first
 * and last points, and for each stretch of the points between them (stretches of equal count) its
 * lowest and highest value and its first non-finite one (a NaN where a loss diverged), in step
 * order. Points must be in step order; a series that fits is returned as it is.
 */
export function sampleSeries(points: readonly ScalarPoint[], max: number): ScalarPoint[] {
  return samplePoints(
    points.length,
    (i) => points[i]![0],
    (i) => points[i]![1],
    max,
  );
}

/** {@link sampleSeries} over `count` points read by index, so callers need not build them all first. */
export function samplePoints(
  count: number,
  stepAt: (i: number) => number,
  valueAt: (i: number) => number,
  max: number,
): ScalarPoint[] {
  const point = (i: number): ScalarPoint => [stepAt(i), valueAt(i)];
  if (count <= max) return Array.from({ length: count }, (_, i) => point(i));
  if (max < 2) return max === 1 ? [point(count - 1)] : [];
  const inner = count - 2;
  const buckets = Math.floor((max - 2) / 3);
  const out: ScalarPoint[] = [point(0)];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    let low = -1;
    let high = -1;
    let odd = -1;
    for (let i = from; i < to; i++) {
      const value = valueAt(i);
      if (!Number.isFinite(value)) {
        if (odd < 0) odd = i;
        continue;
      }
      if (low < 0 || value < valueAt(low)) low = i;
      if (high < 0 || value > valueAt(high)) high = i;
    }
    const kept = [...new Set([low, high, odd].filter((i) => i >= 0))].sort((x, y) => x - y);
    for (const i of kept) out.push(point(i));
  }
  out.push(point(count - 1));
  return out;
}
