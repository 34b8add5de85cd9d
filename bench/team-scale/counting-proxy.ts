/**
 * A loopback HTTP proxy in front of the demo server that counts the media requests which reach it.
 * The browser's own request events are no measure of that: Firefox's WebDriver BiDi reports an
 * `<img>` served from the image cache as a request (see image-compare/thumbnail-requests.test.ts),
 * so the team bench counts here, where a real second fetch would show.
 */
import { createServer, request as forward, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** The proxy's base URL, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Media requests (`/api/media/...`) that reached the server, and the bytes of their answers. */
  media: { requests: number; bytes: number };
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const media = { requests: 0, bytes: 0 };
  const server: Server = createServer((incoming, outgoing) => {
    const isMedia = (incoming.url ?? '').startsWith('/api/media/');
    if (isMedia) media.requests++;
    const proxied = forward(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        if (isMedia) answer.on('data', (chunk: Buffer) => (media.bytes += chunk.length));
        answer.pipe(outgoing);
      },
    );
    proxied.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.on('aborted', () => proxied.destroy());
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    media,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
