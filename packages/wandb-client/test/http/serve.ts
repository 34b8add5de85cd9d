import type { AddressInfo } from 'node:net';
import { createApp, silentLogger, type AppOptions } from '@run-comparer/demo-server';
import { createMemorySource, type Dataset, type RunSource } from '../../src/index.js';

export interface ServedApi {
  /** The API root, e.g. http://127.0.0.1:PORT/api */
  baseUrl: string;
  close(): Promise<void>;
}

/** A real Run Comparer server on loopback (port 0), backed by the given source or dataset. */
export async function serveApi(source: RunSource | Dataset, options: AppOptions = {}): Promise<ServedApi> {
  const runSource = 'kind' in source ? source : createMemorySource(source);
  const app = createApp({
    source: runSource,
    defaults: { entity: null, project: null },
    logger: silentLogger,
    options,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
