import { describe, expect, it } from 'vitest';
import { createMemorySource } from '../../src/memory/memory-source.js';
import { contractDataset, describeRunSourceContract } from '../contract/run-source.contract.js';

describeRunSourceContract('memory', async (dataset) => ({
  source: createMemorySource(dataset),
  project: { entity: dataset.entity, project: dataset.project },
}));

describe('memory source filters', () => {
  it('answers wandb-style run filters', async () => {
    const dataset = contractDataset();
    const source = createMemorySource(dataset);
    const project = { entity: dataset.entity, project: dataset.project };
    const finished = await source.list({
      ...project,
      filters: { state: 'finished', 'config.learning_rate': { $lt: 0.001 } },
    });
    expect(finished.runs.map((r) => r.id)).toEqual(['r1alpha']);
    await expect(source.list({ ...project, filters: { state: { $bogus: 1 } } })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });
});
