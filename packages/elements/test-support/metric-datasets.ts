import type { Dataset, HistoryRow } from '@run-comparer/wandb-client';
import { datasetRun, project } from './datasets.js';

/** Test data for <run-metrics> and <run-config-diff>. */

/** Add scalar values to a run's history rows (a row per step, made when missing). */
function withScalars(history: HistoryRow[], scalars: Record<string, Record<number, number>>): HistoryRow[] {
  const rows = new Map(history.map((row) => [row._step, { ...row }]));
  for (const [key, byStep] of Object.entries(scalars)) {
    for (const [step, value] of Object.entries(byStep)) {
      const row = rows.get(Number(step)) ?? { _step: Number(step) };
      row[key] = value;
      rows.set(Number(step), row);
    }
  }
  return [...rows.values()].sort((a, b) => a._step - b._step);
}

const every = (last: number, by: number, value: (step: number) => number): Record<number, number> =>
  Object.fromEntries(Array.from({ length: last / by + 1 }, (_, i) => [i * by, value(i * by)]));

/**
 * Two runs with images and metrics: `alpha` logs `train/loss` every 50 steps to 400, `eval/fid`
 * at 0, 200 and 400, and `epoch`; images at 0, 200, 400. `beta` logs `train/loss` every 100 steps
 * to 300 (no `eval/fid`), `epoch`, and images at 0, 100, 300.
 */
export function metricRuns(): Dataset {
  const alpha = datasetRun({
    id: 'alpha',
    displayName: 'alpha-run',
    ageMinutes: 5,
    images: { 'samples/grid': [0, 200, 400] },
  });
  alpha.history = withScalars(alpha.history, {
    'train/loss': every(400, 50, (step) => 1 - step / 1000),
    'eval/fid': { 0: 80, 200: 40, 400: 20.5 },
    epoch: every(400, 50, (step) => step / 100),
  });
  const beta = datasetRun({
    id: 'beta',
    displayName: 'beta-run',
    ageMinutes: 50,
    images: { 'samples/grid': [0, 100, 300] },
  });
  beta.history = withScalars(beta.history, {
    'train/loss': every(300, 100, (step) => 2 - step / 1000),
    epoch: every(300, 100, (step) => step / 200),
  });
  return { ...project([]), runs: [alpha, beta] };
}

/** One run with `count` scalar keys `metric/000` .. (values equal to the step). */
export function manyMetricsRun(count: number): Dataset {
  const run = datasetRun({ id: 'wide', displayName: 'wide-run', images: { 'samples/grid': [0, 100] } });
  run.history = withScalars(
    run.history,
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`metric/${String(i).padStart(3, '0')}`, { 0: i, 100: i + 1 }]),
    ),
  );
  return { ...project([]), runs: [run] };
}

/** A prompt longer than the config diff shows in full. */
export const LONG_PROMPT = 'a watercolor painting of a lighthouse on a cliff at sunset, seagulls, high detail';

/**
 * Three runs of a sweep whose configs differ in `learning_rate`, `seed` and the nested
 * `optimizer.betas`, and share the rest; `gamma01` has `ema` that the others lack, and `copy03`
 * has exactly the config of `alpha01`.
 */
export function configRuns(): Dataset {
  const base = { lora_rank: 16, prompt: LONG_PROMPT, dataset: { name: 'toy-scenes', size: 2000 } };
  const spec = [
    {
      id: 'alpha01',
      config: { ...base, learning_rate: 1e-4, seed: 1, optimizer: { name: 'adamw', betas: [0.9, 0.999] } },
    },
    {
      id: 'beta02',
      config: { ...base, learning_rate: 3e-4, seed: 2, optimizer: { name: 'adamw', betas: [0.9, 0.99] } },
    },
    {
      id: 'gamma01',
      config: { ...base, learning_rate: 1e-4, seed: 1, ema: true, optimizer: { name: 'adamw', betas: [0.9, 0.999] } },
    },
    {
      id: 'copy03',
      config: { ...base, learning_rate: 1e-4, seed: 1, optimizer: { name: 'adamw', betas: [0.9, 0.999] } },
    },
  ];
  return {
    ...project([]),
    runs: spec.map(({ id, config }, i) => ({
      ...datasetRun({ id, displayName: `${id}-run`, ageMinutes: 5 + i }),
      config,
    })),
  };
}

/** Two runs with `count` config keys `param_000` ..., of which every tenth differs. */
export function wideConfigRuns(count: number): Dataset {
  const config = (seed: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`param_${String(i).padStart(3, '0')}`, i % 10 ? i : i + seed]),
    );
  return {
    ...project([]),
    runs: [1, 2].map((seed) => ({
      ...datasetRun({ id: `wide${seed}`, displayName: `wide-${seed}` }),
      config: config(seed),
    })),
  };
}
