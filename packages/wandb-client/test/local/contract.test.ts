import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalRuns, writeDataset } from '../../src/local/index.js';
import { describeRunSourceContract } from '../contract/run-source.contract.js';

describeRunSourceContract('local', async (dataset) => {
  const dir = await mkdtemp(join(tmpdir(), 'local-contract-'));
  writeDataset(dataset, join(dir, 'wandb'));
  return {
    source: openLocalRuns({ dir }),
    project: { entity: dataset.entity, project: dataset.project },
    close: () => rm(dir, { recursive: true, force: true }),
  };
});
