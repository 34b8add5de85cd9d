import { random } from '@run-comparer/sample-project';
import { describe, expect, it } from 'vitest';
import {
  isComplete,
  planKey,
  rowBound,
  specJson,
  splitWindow,
  stepOf,
  widthOf,
  withinBudget,
  type StepWindow,
} from '../../src/cloud/history-plan.js';
import type { Dataset, HistoryRow } from '../../src/memory/dataset.js';
import { startHarness } from './helpers.js';

function expectCovers(windows: StepWindow[], lastStep: number, samples: number) {
  expect(windows[0]!.minStep).toBe(0);
  expect(windows.at(-1)!.maxStep).toBe(lastStep);
  for (let i = 1; i < windows.length; i++) expect(windows[i]!.minStep).toBe(windows[i - 1]!.maxStep + 1);
  for (const window of windows) {
    expect(window.maxStep).toBeGreaterThanOrEqual(window.minStep);
    expect(window.samples).toBe(Math.min(samples, widthOf(window)));
  }
}

describe('history plan', () => {
  it('trusts an answer only when the window cannot hold more rows, or fewer than samples came back', () => {
    expect(isComplete({ minStep: 0, maxStep: 99, samples: 100 }, 100)).toBe(true);
    expect(isComplete({ minStep: 0, maxStep: 999, samples: 100 }, 99)).toBe(true);
    expect(isComplete({ minStep: 0, maxStep: 999, samples: 100 }, 100)).toBe(false);
  });

  it('asks one closed spec when historyKeys counts no more rows than a spec holds, none when it counts none', () => {
    expect(planKey(1000, 99_999, 1000)).toEqual([{ minStep: 0, maxStep: 99_999, samples: 1000 }]);
    expect(planKey(null, 40, 1000)).toEqual([{ minStep: 0, maxStep: 40, samples: 41 }]);
    expect(planKey(0, 40, 1000)).toEqual([]);
  });

  it('property: windows cover [0, lastStep] once, closed, half full on average, when the count is larger', () => {
    const next = random(11);
    for (let run = 0; run < 500; run++) {
      const lastStep = Math.floor(next() ** 3 * 200_000);
      const samples = 1 + Math.floor(next() * 1500);
      if (lastStep + 1 <= samples) continue;
      const expected = samples + 1 + Math.floor(next() * (lastStep - samples));
      const windows = planKey(expected, lastStep, samples);
      expectCovers(windows, lastStep, samples);
      const evenRows = (window: StepWindow) => (expected * widthOf(window)) / (lastStep + 1);
      for (const window of windows) expect(evenRows(window)).toBeLessThanOrEqual(samples / 2 + 1);
    }
  });

  it('property: halving a window gives two closed windows that meet, down to single steps', () => {
    const next = random(12);
    for (let run = 0; run < 500; run++) {
      const minStep = Math.floor(next() * 10_000);
      const window = {
        minStep,
        maxStep: minStep + Math.floor(next() ** 2 * 50_000),
        samples: 1 + Math.floor(next() * 999),
      };
      const parts = splitWindow(window, window.samples);
      expect(parts[0]!.minStep).toBe(window.minStep);
      expect(parts.at(-1)!.maxStep).toBe(window.maxStep);
      if (parts.length === 2) expect(parts[1]!.minStep).toBe(parts[0]!.maxStep + 1);
      else expect(widthOf(window)).toBe(1);
      for (const part of parts) expect(part.samples).toBe(Math.min(window.samples, widthOf(part)));
    }
  });

  it('property: grouping keeps every item once, in order, within the spec and row budget', () => {
    const next = random(13);
    for (let run = 0; run < 300; run++) {
      const budget = { specs: 1 + Math.floor(next() * 10), rows: 1 + Math.floor(next() * 2000) };
      const items = Array.from({ length: Math.floor(next() * 60) }, (_, id) => ({
        id,
        rows: Math.floor(next() * 2500),
      }));
      const groups = withinBudget(items, (item) => item.rows, budget);
      expect(
        groups
          .flat()
          .map((i) => i.id)
          .sort((a, b) => a - b),
      ).toEqual(items.map((i) => i.id));
      for (const group of groups) {
        expect(group.length).toBeLessThanOrEqual(budget.specs);
        const rows = group.reduce((n, item) => n + item.rows, 0);
        if (group.length > 1) expect(rows).toBeLessThanOrEqual(budget.rows);
      }
    }
  });

  it('bounds a spec by samples, its width and the count of the key', () => {
    expect(rowBound({ minStep: 0, maxStep: 99, samples: 1000 }, null)).toBe(100);
    expect(rowBound({ minStep: 0, maxStep: 9999, samples: 1000 }, 120)).toBe(120);
    expect(rowBound({ minStep: 0, maxStep: 9999, samples: 500 }, null)).toBe(500);
  });

  it('writes one spec per key with _step first and an explicit, inclusive maxStep', () => {
    expect(JSON.parse(specJson('img', { minStep: 0, maxStep: 4999, samples: 1000 }))).toEqual({
      keys: ['_step', 'img'],
      samples: 1000,
      minStep: 0,
      maxStep: 4999,
    });
    expect(stepOf({ _step: 1000.0 })).toBe(1000);
    expect(stepOf({ _step: 'x' })).toBeNull();
  });
});

/** One run whose image keys hold images at random steps: dense stretches, gaps, single rows. */
function randomDataset(seed: number): { dataset: Dataset; steps: Record<string, number[]> } {
  const next = random(seed);
  const lastStep = 50 + Math.floor(next() ** 2 * 6000);
  const keys = ['samples/grid', 'val/reference'];
  const history: HistoryRow[] = [];
  const steps: Record<string, number[]> = Object.fromEntries(keys.map((key) => [key, []]));
  const density = keys.map(() => next() ** 2);
  for (let step = 0; step <= lastStep; step++) {
    const row: HistoryRow = { _step: step, 'train/loss': 1 / (step + 1) };
    keys.forEach((key, k) => {
      const burst = Math.floor(step / 500) % 3 === k;
      if (next() < (burst ? 1 : density[k]!)) {
        row[key] = { _type: 'image-file', path: `media/images/${key}_${step}_x.png`, format: 'png' };
        steps[key]!.push(step);
      }
    });
    history.push(row);
  }
  const run = {
    id: `rand${seed}`,
    displayName: `random-${seed}`,
    state: 'finished' as const,
    createdAt: '2026-01-01T00:00:00Z',
    history,
  };
  return { dataset: { entity: 'lab', project: 'windows', runs: [run] }, steps };
}

describe('reading every image row, however the windows, specs and budgets fall', () => {
  it('property: the step index equals the logged steps and no request passes its budget', async () => {
    const next = random(14);
    for (let seed = 1; seed <= 12; seed++) {
      const { dataset, steps } = randomDataset(seed);
      const samples = 20 + Math.floor(next() * 400);
      const budget = { specs: 1 + Math.floor(next() * 8), rows: samples + Math.floor(next() * 1000) };
      const h = await startHarness([dataset], {
        historySamplesPerSpec: samples,
        maxHistorySpecsPerRequest: budget.specs,
        maxHistoryRowsPerRequest: budget.rows,
      });
      try {
        const ref = { entity: 'lab', project: 'windows', runId: `rand${seed}` };
        const index = await h.client.images.steps(ref, { keys: Object.keys(steps) });
        expect(index.byKey, `seed ${seed}, samples ${samples}`).toEqual(steps);
        expect(index.incomplete ?? null).toBeNull();
        for (const request of h.fake.requests.all) expect(request.specs).toBeLessThanOrEqual(budget.specs);
      } finally {
        await h.close();
      }
    }
  });
});
