import type { AddressInfo } from 'node:net';
import { createApp, silentLogger, type AppOptions } from '@run-comparer/demo-server';
import { createHttpSource, createMemorySource, type Dataset, type RunSource } from '../../src/index.js';

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

/** A server whose one run (`e/p/r`) logged one PNG, `width`×`height`, at step 0; and that image's URL from the HTTP source. */
export async function serveOneImage(
  png: Uint8Array,
  width: number,
  height: number,
): Promise<ServedApi & { source: RunSource; url: string }> {
  const path = 'media/images/sample_0_0123456789abcdef0123.png';
  const served = await serveApi({
    entity: 'e',
    project: 'p',
    runs: [
      {
        id: 'r',
        displayName: 'r',
        state: 'finished',
        createdAt: '2026-01-01T00:00:00Z',
        history: [{ _step: 0, sample: { _type: 'image-file', path, format: 'png', width, height } }],
        files: { [path]: png },
      },
    ],
  });
  const source = createHttpSource({ baseUrl: served.baseUrl });
  const [media] = await source.mediaUrl({ entity: 'e', project: 'p', runId: 'r' }, [path]);
  return { ...served, source, url: media!.url! };
}
