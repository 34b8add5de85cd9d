import { createHttpSource } from '../../src/http/index.js';
import { describeRunSourceContract } from '../contract/run-source.contract.js';
import { serveApi } from './serve.js';

describeRunSourceContract('http (Run Comparer server over a memory source)', async (dataset) => {
  const served = await serveApi(dataset);
  return {
    source: createHttpSource({ baseUrl: served.baseUrl }),
    project: { entity: dataset.entity, project: dataset.project },
    close: served.close,
  };
});
