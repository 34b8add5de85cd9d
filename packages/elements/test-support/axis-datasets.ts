import type { Dataset, HistoryRow } from '@run-comparer/wandb-client';
import { datasetRun, type RunSpec } from './datasets.js';

/** A run whose image rows carry `epoch` as `epochOf(step)` gives it (undefined: the row has none). */
function withEpochs(spec: RunSpec, epochOf: (step: number) => number | undefined) {
  const run = datasetRun(spec);
  run.history = run.history.map((row): HistoryRow => {
    const epoch = epochOf(row._step);
    return epoch === undefined ? row : { ...row, epoch };
  });
  return run;
}

/**
 * Test data for a step axis: `fast` trains 100 steps an epoch with images every 100 steps to 400
 * (epochs 0..4); `slow` 200 steps an epoch with images every 200 steps to 600 (epochs 0..3);
 * `gappy` logs images every 150 steps to 450 but `epoch` only in the rows of 0 and 300 (epochs 0
 * and 2), so at epoch 1 it shows its epoch-0 image, nearest earlier.
 */
export function axisRuns(): Dataset {
  return {
    entity: 'acme',
    project: 'epochs',
    runs: [
      withEpochs(
        { id: 'fast', displayName: 'fast-run', ageMinutes: 5, images: { 'samples/grid': [0, 100, 200, 300, 400] } },
        (s) => s / 100,
      ),
      withEpochs(
        { id: 'slow', displayName: 'slow-run', ageMinutes: 10, images: { 'samples/grid': [0, 200, 400, 600] } },
        (s) => s / 200,
      ),
      withEpochs(
        { id: 'gappy', displayName: 'gappy-run', ageMinutes: 15, images: { 'samples/grid': [0, 150, 300, 450] } },
        (s) => (s === 0 ? 0 : s === 300 ? 2 : undefined),
      ),
    ],
  };
}
