import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeWandb } from '@run-comparer/fake-wandb';
import { createWandbClient } from '../../src/cloud/index.js';
import { createHttpSource } from '../../src/http/index.js';
import { openLocalRuns, writeDataset } from '../../src/local/index.js';
import { describeRunSourceContract } from '../contract/run-source.contract.js';
import { serveApi } from './serve.js';

// The same contract, end to end: the HTTP source → a Run Comparer server → each real source.

describeRunSourceContract('http over a server reading local run files', async (dataset) => {
  const dir = await mkdtemp(join(tmpdir(), 'http-local-contract-'));
  writeDataset(dataset, join(dir, 'wandb'));
  const served = await serveApi(openLocalRuns({ dir }));
  return {
    source: createHttpSource({ baseUrl: served.baseUrl }),
    project: { entity: dataset.entity, project: dataset.project },
    close: async () => {
      await served.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describeRunSourceContract('http over a server on the wandb cloud (fake GraphQL server)', async (dataset) => {
  const apiKey = 'http-contract-key-0123456789abcdef0123456789';
  const fake = await startFakeWandb({ datasets: [dataset], apiKey });
  const served = await serveApi(createWandbClient({ apiKey, baseUrl: fake.url, retry: false }).source, {
    secrets: [apiKey],
  });
  return {
    source: createHttpSource({ baseUrl: served.baseUrl }),
    project: { entity: dataset.entity, project: dataset.project },
    close: async () => {
      await served.close();
      await fake.close();
    },
  };
});
