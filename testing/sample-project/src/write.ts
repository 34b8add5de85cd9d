import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeDataset } from '@run-comparer/wandb-client/local';
import { buildSampleDataset } from './dataset.js';

/** Where the demo server finds the committed sample: `packages/demo-server/sample/wandb`. */
export const SAMPLE_OUTPUT = fileURLToPath(new URL('../../../packages/demo-server/sample/wandb', import.meta.url));

/**
 * Write the sample project as real wandb run directories (replacing what is there). The killed
 * run ends the way a SIGKILLed wandb writer leaves a file: a chunk header without its payload.
 */
export function writeSampleProject(wandbDir = SAMPLE_OUTPUT): string[] {
  const dataset = buildSampleDataset();
  rmSync(wandbDir, { recursive: true, force: true });
  const crashed = dataset.runs.filter((run) => run.state === 'crashed').map((run) => [run.id, { tornTail: true }]);
  return writeDataset(dataset, wandbDir, { runs: Object.fromEntries(crashed) });
}
