import { startFakeWandb } from '@run-comparer/fake-wandb';
import { createWandbClient } from '../../src/cloud/index.js';
import { describeRunSourceContract } from '../contract/run-source.contract.js';

const apiKey = 'contract-key-0123456789abcdef0123456789abcdef';

describeRunSourceContract('cloud (over the fake wandb GraphQL server)', async (dataset) => {
  const fake = await startFakeWandb({ datasets: [dataset], apiKey });
  const client = createWandbClient({ apiKey, baseUrl: fake.url, retry: false });
  return {
    source: client.source,
    project: { entity: dataset.entity, project: dataset.project },
    close: () => fake.close(),
  };
});
