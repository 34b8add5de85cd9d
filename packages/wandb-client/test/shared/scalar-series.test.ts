import { describe, expect, it } from 'vitest';
import { ScalarColumn } from '../../src/scalars/scalar-column.js';
import { sampleSeries } from '../../src/scalars/sample-series.js';
import { scalarOfJson } from '../../src/scalars/scalar-value.js';
import type { ScalarPoint } from '../../src/types.js';
import { rng } from '../local/helpers.js';

/** Seeded random series of up to 400 points, some NaN or infinite, at every third step. */
function randomSeries(next: () => number): ScalarPoint[] {
  const length = Math.floor(next() * 401);
  return Array.from({ length }, (_, i): ScalarPoint => {
    const roll = next();
    const value = roll < 0.03 ? NaN : roll < 0.05 ? Infinity : (next() - 0.5) * 2e6;
    return [i * 3, value];
  });
}

describe('sampleSeries', () => {
  it('keeps at most `max` logged points in step order, the first and last, and the lowest and highest', () => {
    const next = rng(14);
    for (let trial = 0; trial < 300; trial++) {
      const points = randomSeries(next);
      const max = 2 + Math.floor(next() * 119);
      {
        const sampled = sampleSeries(points, max);
        expect(sampled.length).toBeLessThanOrEqual(max);
        if (points.length <= max) {
          expect(sampled).toEqual(points);
          continue;
        }
        expect(sampled[0]).toEqual(points[0]);
        expect(sampled.at(-1)).toEqual(points.at(-1));
        for (let i = 1; i < sampled.length; i++) expect(sampled[i]![0]).toBeGreaterThan(sampled[i - 1]![0]);
        for (const point of sampled) expect(points).toContainEqual(point);
        if (max >= 5) {
          const finite = points.filter(([, v]) => Number.isFinite(v)).map(([, v]) => v);
          const kept = sampled.map(([, v]) => v);
          if (finite.length > 0) {
            expect(kept).toContain(Math.min(...finite));
            expect(kept).toContain(Math.max(...finite));
          }
          const finiteOnly = (v: number) => Number.isFinite(v);
          if (!points.every(([, v]) => finiteOnly(v))) expect(kept.every(finiteOnly)).toBe(false);
        }
      }
    }
  });
});

describe('ScalarColumn', () => {
  it('answers the exact value or the nearest earlier one, at any step', () => {
    const next = rng(7);
    for (let trial = 0; trial < 200; trial++) {
      // Steps in any order (a resumed run's segments), asked anywhere, before the first and past the last too.
      const steps = [...new Set(Array.from({ length: Math.floor(next() * 60) }, () => Math.floor(next() * 500)))];
      const column = new ScalarColumn();
      for (const step of steps) column.push(step, step * 2);
      for (const asked of [0, Math.floor(next() * 600), 499, 600]) {
        const earlier = steps.filter((step) => step <= asked);
        const expected = earlier.length === 0 ? null : Math.max(...earlier);
        expect(column.at(asked)).toEqual(expected === null ? null : { step: expected, value: expected * 2 });
      }
    }
  });

  it('keeps the last value pushed for a step (a resumed run logging it again)', () => {
    const column = new ScalarColumn();
    [
      [0, 1],
      [10, 2],
      [20, 3],
      [10, 5],
      [30, 4],
    ].forEach(([step, value]) => column.push(step!, value!));
    expect(column.series(100)).toEqual({
      points: [
        [0, 1],
        [10, 5],
        [20, 3],
        [30, 4],
      ],
      sampled: false,
    });
    expect(column.exactly(10)).toBe(5);
    expect(column.exactly(11)).toBeUndefined();
  });
});

describe('scalarOfJson', () => {
  it('reads numbers as a .wandb file stores them, and nothing else', () => {
    expect(['1', '-2.5', '3e-4', '0.0003', 'NaN', 'Infinity', '-Infinity'].map(scalarOfJson)).toEqual([
      1,
      -2.5,
      0.0003,
      0.0003,
      NaN,
      Infinity,
      -Infinity,
    ]);
    expect(['"1"', 'true', 'null', '{"_type": "image-file"}', '[1, 2]', ''].map(scalarOfJson)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
