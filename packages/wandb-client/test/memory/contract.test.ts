import { createMemorySource } from '../../src/memory/memory-source.js';
import { describeRunSourceContract } from '../contract/run-source.contract.js';

describeRunSourceContract('memory', async (dataset) => ({
  source: createMemorySource(dataset),
  project: { entity: dataset.entity, project: dataset.project },
}));
