/**
 * Start the fake wandb API from the command line:
 *   npx tsx --conditions=source testing/fake-wandb/src/cli.ts --data <dir> [--port 8080] [--api-key KEY]
 * Prints the base URL; point a client at it with that key. Stops on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { loadDatasetDir } from './dataset-dir.js';
import { startFakeWandb } from './server.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string', default: process.env.WANDB_API_KEY ?? 'fake-wandb-key' },
    'url-ttl': { type: 'string', default: '3600' },
  },
});

if (!values.data) {
  console.error(
    'Usage: cli.ts --data <dataset dir> [--port 8080] [--host 127.0.0.1] [--api-key KEY] [--url-ttl SECONDS]',
  );
  process.exit(2);
}

const fake = await startFakeWandb({
  datasets: await loadDatasetDir(values.data),
  apiKey: values['api-key'],
  port: Number(values.port),
  host: values.host,
  urlTtlSeconds: Number(values['url-ttl']),
});
console.log(`fake wandb listening at ${fake.url}`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
