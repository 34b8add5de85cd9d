import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSource } from '../../src/http/index.js';
import { createMemorySource } from '../../src/memory/index.js';
import { isWandbError, RateLimitError, type WandbErrorCode } from '../../src/errors.js';
import { contractDataset } from '../contract/run-source.contract.js';
import { serveApi, serveOneImage, type ServedApi } from './serve.js';

const dataset = contractDataset();
const project = { entity: dataset.entity, project: dataset.project };
const alpha = { ...project, runId: 'r1alpha' };

/** A loopback server answering every request with one canned response (for what a real server won't do on demand). */
async function cannedServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    answer(req, res);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

async function failure(promise: Promise<unknown>, code: WandbErrorCode) {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(isWandbError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as Error & { status: number | null };
}

describe('createHttpSource against a real server', () => {
  let served: ServedApi;
  const requests: string[] = [];
  const countingFetch: typeof fetch = (input, init) => {
    requests.push(
      `${init?.method ?? (input as Request).method ?? 'GET'} ${input instanceof Request ? input.url : String(input)}`,
    );
    return fetch(input, init);
  };
  beforeAll(async () => {
    served = await serveApi(createMemorySource(dataset));
  });
  afterAll(() => served.close());

  it('builds media URLs for paths it has seen without a round trip', async () => {
    const source = createHttpSource({ baseUrl: served.baseUrl, fetch: countingFetch });
    const [set] = await source.at(alpha, { keys: ['val/reference'], step: 15 });
    requests.length = 0;
    const [media] = await source.mediaUrl(alpha, [set!.images[0]!.path]);
    expect(requests).toEqual([]);
    expect(media!.url).toBe(`${served.baseUrl}/media/contract-team/img-gen/r1alpha/${set!.images[0]!.path}`);
    const bytes = new Uint8Array(await (await fetch(media!.url!)).arrayBuffer());
    expect(Buffer.from(bytes)).toEqual(Buffer.from(dataset.runs[0]!.files![set!.images[0]!.path]!));
  });

  it('asks the server once about paths it has not seen, then remembers them', async () => {
    const source = createHttpSource({ baseUrl: served.baseUrl, fetch: countingFetch });
    const path = 'media/images/samples/legacy_5_0.png';
    requests.length = 0;
    await source.mediaUrl({ ...project, runId: 'r2beta' }, [path, path]);
    await source.mediaUrl({ ...project, runId: 'r2beta' }, [path]);
    expect(requests).toEqual([`POST ${served.baseUrl}/runs/contract-team/img-gen/r2beta/media`]);
  });

  it('refuses traversal paths before any request', async () => {
    const source = createHttpSource({ baseUrl: served.baseUrl, fetch: countingFetch });
    requests.length = 0;
    for (const path of [
      '../x.png',
      'media/../../x.png',
      '/etc/passwd',
      'media\\x.png',
      'a//b.png',
      'media/%2e%2e/x.png',
      'x\u0000.png',
    ]) {
      await failure(source.mediaUrl(alpha, [path]), 'invalid_argument');
    }
    expect(requests).toEqual([]);
  });

  it('maps server errors back to typed errors with the server’s message', async () => {
    const source = createHttpSource({ baseUrl: served.baseUrl });
    const missing = await failure(source.get({ ...project, runId: 'ghost' }), 'not_found');
    expect(missing.message).toContain('ghost');
    expect(missing.status).toBe(404);
    expect(missing).toMatchObject({ kind: 'run' });
    const bad = await failure(source.list({ ...project, perPage: 0 }), 'invalid_argument');
    expect(bad.message).toMatch(/perPage must be from 1 to 1000/);
  });

  it('sends the access token as a Bearer header', async () => {
    const guarded = await serveApi(createMemorySource(dataset), { token: 'tok-0123456789' });
    try {
      await failure(createHttpSource({ baseUrl: guarded.baseUrl }).get(alpha), 'auth');
      const run = await createHttpSource({ baseUrl: guarded.baseUrl, token: 'tok-0123456789' }).get(alpha);
      expect(run.id).toBe('r1alpha');
    } finally {
      await guarded.close();
    }
  });

  it('aborts the request when the signal fires', async () => {
    const slow = await serveApi(createMemorySource(dataset, { latencyMs: 5_000 }));
    try {
      const controller = new AbortController();
      const pending = createHttpSource({ baseUrl: slow.baseUrl }).get(alpha, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'aborted' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await slow.close();
    }
  });
});

describe('thumbnails through the media URLs', () => {
  it('a media URL with ?w= loads a WebP no wider than w', async () => {
    // A 40×30 PNG, logged as a single image.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAPUlEQVRIie3VQQ0AMAwCwIlAGLKRNRnb45L+mzSUO2uezLG4Tj3hineqApnKDCSKxWCxWBwWg8VicV+xeAG6J36MXc08kwAAAABJRU5ErkJggg==',
      'base64',
    );
    const served = await serveOneImage(png, 40, 30);
    try {
      const response = await fetch(`${served.url}?w=16`);
      expect(response.headers.get('content-type')).toBe('image/webp');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(new TextDecoder().decode(bytes.subarray(8, 12))).toBe('WEBP');
      // VP8 lossy frame header: 14-bit width at byte 26 of a simple WebP file.
      expect(((bytes[27]! << 8) | bytes[26]!) & 0x3fff).toBe(16);
    } finally {
      await served.close();
    }
  });
});

describe('createHttpSource against misbehaving servers', () => {
  it('429 becomes a RateLimitError with retryAfterMs from Retry-After', async () => {
    const canned = await cannedServer((_req, res) =>
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '12' }).end(
        JSON.stringify({
          error: { code: 'rate_limited', message: 'wandb is rate limiting this server.', retryAfterMs: 3_000 },
        }),
      ),
    );
    try {
      const error = await failure(createHttpSource({ baseUrl: canned.baseUrl }).get(alpha), 'rate_limited');
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(12_000);
      expect(error.message).toBe('wandb is rate limiting this server.');
      expect(canned.requests).toHaveLength(1);
    } finally {
      await canned.close();
    }
  });

  it('a GET answered 503 is asked once more; a POST, a second 503 or a long Retry-After is not', async () => {
    const unavailable = JSON.stringify({ error: { code: 'network', message: 'Could not reach wandb.' } });
    let answers: Array<{ status: number; headers?: Record<string, string>; body: string }> = [];
    const canned = await cannedServer((_req, res) => {
      const next = answers.shift() ?? { status: 500, body: '{}' };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body);
    });
    const source = createHttpSource({ baseUrl: canned.baseUrl });
    try {
      answers = [
        { status: 503, body: unavailable },
        { status: 200, body: JSON.stringify({ keys: ['samples/grid'] }) },
      ];
      expect(await source.keys(alpha)).toEqual(['samples/grid']);
      expect(canned.requests).toHaveLength(2);

      answers = [503, 503, 200].map((status) => ({ status, body: status === 200 ? '{"keys":[]}' : unavailable }));
      await failure(source.keys(alpha), 'network');
      expect(canned.requests).toHaveLength(4);

      answers = [{ status: 503, body: unavailable }];
      await failure(source.index([alpha], { keys: ['samples/grid'] }), 'network');
      expect(canned.requests).toHaveLength(5);

      answers = [{ status: 503, headers: { 'retry-after': '60' }, body: unavailable }];
      const started = Date.now();
      await failure(source.keys(alpha), 'network');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(canned.requests).toHaveLength(6);
    } finally {
      await canned.close();
    }
  });

  it('a 502 that is not our JSON becomes an UpstreamError naming the status', async () => {
    const canned = await cannedServer((_req, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'),
    );
    try {
      const error = await failure(createHttpSource({ baseUrl: canned.baseUrl }).keys(alpha), 'upstream');
      expect(error.message).toMatch(/answered 502/);
    } finally {
      await canned.close();
    }
  });

  it('a body of the wrong shape becomes a SchemaError saying where', async () => {
    const canned = await cannedServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":"samples/grid"}'),
    );
    try {
      const error = await failure(createHttpSource({ baseUrl: canned.baseUrl }).keys(alpha), 'schema');
      expect(error.message).toMatch(/keys/);
    } finally {
      await canned.close();
    }
  });

  it('a server that is not there becomes a NetworkError saying so', async () => {
    const canned = await cannedServer(() => {});
    await canned.close();
    const error = await failure(createHttpSource({ baseUrl: canned.baseUrl }).get(alpha), 'network');
    expect(error.message).toMatch(/Could not reach the Run Comparer server/);
  });

  it('a server that never answers becomes a TimeoutError', async () => {
    const canned = await cannedServer(() => {});
    try {
      await failure(createHttpSource({ baseUrl: canned.baseUrl, timeoutMs: 200 }).get(alpha), 'timeout');
    } finally {
      await canned.close();
    }
  });

  it('never puts the token into an error message', async () => {
    const token = 'secret-token-abcdef0123456789';
    const canned = await cannedServer((req, res) =>
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'invalid_argument', message: `echo: ${req.headers.authorization}` } })),
    );
    try {
      const error = await failure(createHttpSource({ baseUrl: canned.baseUrl, token }).get(alpha), 'invalid_argument');
      expect(error.message).not.toContain(token);
    } finally {
      await canned.close();
    }
  });
});
