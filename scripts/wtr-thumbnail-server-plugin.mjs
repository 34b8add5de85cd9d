import { createServer } from 'node:http';

/** A 1×1 PNG: every path the server answers is this picture. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Web-test-runner commands for a real loopback HTTP server of thumbnails that counts the requests
 * it receives per URL, so element tests see what reached the network rather than what a browser's
 * protocol reports (Firefox over WebDriver BiDi also reports an `<img>` answered from its image
 * cache as a request). Each answer carries the headers the demo server gives a thumbnail
 * (`Cache-Control`, `ETag`; a matching `If-None-Match` is answered 304 and counted apart).
 * - `thumbnail-server-start` `{ cacheControl }` → `{ origin }`
 * - `thumbnail-server-requests` `{ origin }` → `{ [path]: { requests, notModified } }`
 * - `thumbnail-server-stop` `{ origin }`
 */
export function thumbnailServerPlugin() {
  const servers = new Map();
  const stop = (origin) =>
    new Promise((resolve) => {
      const entry = servers.get(origin);
      servers.delete(origin);
      if (!entry) return resolve(false);
      entry.server.closeAllConnections();
      entry.server.close(() => resolve(true));
    });
  return {
    name: 'thumbnail-server',
    async executeCommand({ command, payload }) {
      if (command === 'thumbnail-server-start') {
        const counts = {};
        const cacheControl = String(payload?.cacheControl ?? 'private, no-cache');
        const server = createServer((req, res) => {
          const path = req.url ?? '/';
          const count = (counts[path] ??= { requests: 0, notModified: 0 });
          count.requests++;
          const etag = `"${Buffer.from(path).toString('base64url')}"`;
          const headers = { 'Cache-Control': cacheControl, ETag: etag };
          if (req.headers['if-none-match'] === etag) {
            count.notModified++;
            res.writeHead(304, headers).end();
            return;
          }
          res.writeHead(200, { ...headers, 'Content-Type': 'image/png', 'Content-Length': PNG.byteLength }).end(PNG);
        });
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        const origin = `http://127.0.0.1:${server.address().port}`;
        servers.set(origin, { server, counts });
        return { origin };
      }
      if (command === 'thumbnail-server-requests') return servers.get(payload?.origin)?.counts ?? {};
      if (command === 'thumbnail-server-stop') return stop(payload?.origin);
      return undefined;
    },
    async serverStop() {
      await Promise.all([...servers.keys()].map(stop));
    },
  };
}
