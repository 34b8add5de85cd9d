import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWandb, type FakeWandb } from '@run-comparer/fake-wandb';
import type { Dataset, RunSource } from '@run-comparer/wandb-client';
import { openLocalRuns, writeDataset } from '@run-comparer/wandb-client/local';
import { createApp, type AppOptions } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { sourceFromConfig } from '../src/source-from-config.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { listen, type Listening } from './fixtures/listen.js';

/**
 * A bounded, seeded fuzz of every API route (`fuzz.test.ts` covers the GET parameters of the
 * read routes): both POST routes with hostile bodies and content types, every route with the
 * wrong method, hostile headers (conditional requests, ranges, origins, tokens), traversal and
 * oversized values in paths and queries, over each kind of source the server runs with (memory,
 * local run files, the wandb cloud through the fake) and with an access token. No answer may be
 * a 5xx, none may take long, and every 4xx under /api is `{ error: { code, message } }`.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 7_340_117);
const PER_SERVER = Number(process.env.FUZZ_COUNT ?? 400);
const API_KEY = 'fuzz-all-key-4e8a1b6c2d9f0357';
const TOKEN = 'fuzz-all-token-0a1b2c3d';

/** xorshift32: seeded, so a failure replays with FUZZ_SEED. */
function generator(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof generator>;

/** A hostile string built from parts, rather than drawn from a fixed list. */
function hostileText(r: Random): string {
  const makers: (() => string)[] = [
    () => '../'.repeat(1 + r.int(6)) + r.pick(['etc/passwd', 'package.json', '.env', '']),
    () => r.pick(['%2e%2e%2f', '%252e%252e%252f', '..%5c', '%c0%ae%c0%ae/', '.%00./']).repeat(1 + r.int(3)),
    () => String.fromCharCode(...Array.from({ length: 1 + r.int(12) }, () => r.int(0x3000))),
    () => r.pick(['a', '9', '-', '%', '_']).repeat(r.pick([0, 1, 129, 257, 1025, 5000])),
    () => String(r.pick([-1, 0, 1, 2 ** 31, 2 ** 53 + 1, 1e308, -0.5, Number.NaN])),
    () => r.pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']),
    () => r.pick(['null', 'undefined', 'true', '[]', '{}', '{"$ne":null}', '{"$where":"1"}', '"quoted"']),
    () => r.pick(['<svg onload=alert(1)>', "'; DROP TABLE runs;--", '${7*7}', '{{7*7}}', '\\\\server\\share']),
    () => r.pick(['C:\\Windows', '/absolute/path', 'file:///etc/passwd', 'http://169.254.169.254/', '//evil.example']),
    () => r.pick(['run0', 'run1', 'samples/grid', 'val/reference', '10', '0']),
  ];
  return r.pick(makers)();
}

/** Percent-encode what HTTP cannot carry raw; leave the rest (including `%`, `..`, `\`) as it is. */
const raw = (text: string) => text.replace(/[^\x21-\x7e]|[#?]/g, (c) => encodeURIComponent(c));
const segment = (r: Random, valid: string) =>
  r.chance(0.55) ? valid : r.chance(0.5) ? raw(hostileText(r)) : encodeURIComponent(hostileText(r));

function query(r: Random, names: readonly string[]): string {
  const parts: string[] = [];
  for (const name of [...names, ...(r.chance(0.3) ? [raw(hostileText(r))] : [])]) {
    const times = r.pick([0, 1, 1, 1, 2]);
    for (let i = 0; i < times; i++)
      parts.push(`${name}=${r.chance(0.4) ? raw(hostileText(r)) : encodeURIComponent(hostileText(r))}`);
  }
  if (r.chance(0.05)) parts.push(Array.from({ length: 500 }, (_, i) => `p${i}=${i}`).join('&'));
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A JSON value of any shape, sometimes near the body limit or deeply nested. */
function jsonValue(r: Random, depth = 0): unknown {
  const kind = depth > 6 ? r.int(4) : r.int(8);
  switch (kind) {
    case 0:
      return hostileText(r);
    case 1:
      return r.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53]);
    case 2:
      return r.pick([null, true, false]);
    case 3:
      return r.pick(['run0', 'samples/grid', 'media/images/samples/grid_0_0123456789abcdef0123.png']);
    case 4:
      return Array.from({ length: r.pick([0, 1, 3, 101, 501, 2000]) }, () => (r.chance(0.7) ? 'run0' : hostileText(r)));
    case 5: {
      let nested: unknown = 'deep';
      for (let i = 0; i < r.pick([10, 100, 1000]); i++) nested = [nested];
      return nested;
    }
    default:
      return Object.fromEntries(
        Array.from({ length: 1 + r.int(4) }, () => [
          r.pick(['entity', 'project', 'runIds', 'keys', 'paths', '__proto__', 'constructor', hostileText(r)]),
          jsonValue(r, depth + 1),
        ]),
      );
  }
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

function body(r: Random, fields: () => Record<string, unknown>): Pick<FuzzRequest, 'headers' | 'body'> {
  const type = r.pick([
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    '',
  ]);
  const text = r.pick([
    () => JSON.stringify(fields()),
    () => JSON.stringify(jsonValue(r)),
    () => JSON.stringify(fields()).slice(0, 1 + r.int(20)),
    () => '{"entity":"' + 'x'.repeat(70_000) + '"}',
    () => hostileText(r),
    () => '',
  ])();
  return { headers: type ? { 'content-type': type } : {}, body: Buffer.from(text) };
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function nextRequest(r: Random, dataset: Dataset, token: string | null): FuzzRequest {
  const e = () => segment(r, dataset.entity);
  const p = () => segment(r, dataset.project);
  const run = () => segment(r, r.pick(['run0', 'run1']));
  const runPath = () => `/api/runs/${e()}/${p()}/${run()}`;
  const grid = dataset.runs[0]!.history[1]!['samples/grid'] as { filenames: string[] };
  const routes: (() => FuzzRequest)[] = [
    () => ({ method: 'GET', path: `/api/health${query(r, [])}`, headers: {} }),
    () => ({
      method: 'GET',
      path: `/api/projects/${e()}/${p()}/runs${query(r, ['perPage', 'cursor', 'order', 'search', 'filters'])}`,
      headers: {},
    }),
    () => ({ method: 'GET', path: runPath(), headers: {} }),
    () => ({ method: 'GET', path: `${runPath()}/image-keys`, headers: {} }),
    () => ({ method: 'GET', path: `${runPath()}/steps${query(r, ['keys', 'missing'])}`, headers: {} }),
    () => ({ method: 'GET', path: `${runPath()}/images${query(r, ['keys', 'step', 'missing'])}`, headers: {} }),
    () => ({
      method: 'GET',
      path: `/api/media/${e()}/${p()}/${run()}/${r.chance(0.5) ? grid.filenames[0] : segment(r, 'media/images/a.png')}${query(r, ['w'])}`,
      headers: {},
    }),
    () => ({
      method: 'POST',
      path: '/api/index',
      ...body(r, () => ({
        entity: r.chance(0.7) ? dataset.entity : jsonValue(r),
        project: r.chance(0.7) ? dataset.project : jsonValue(r),
        runIds: r.chance(0.6) ? ['run0', 'run1'] : jsonValue(r),
        keys: r.chance(0.6) ? ['samples/grid'] : jsonValue(r),
      })),
    }),
    () => ({
      method: 'POST',
      path: `${runPath()}/media`,
      ...body(r, () => ({ paths: r.chance(0.5) ? [grid.filenames[0], hostileText(r)] : jsonValue(r) })),
    }),
    () => ({
      method: r.pick(METHODS),
      path: `/api/${segment(r, 'runs')}/${segment(r, 'x')}${query(r, [])}`,
      headers: {},
    }),
  ];
  const request = r.pick(routes)();
  // The wrong method for the route, now and then.
  if (r.chance(0.15)) request.method = r.pick(METHODS);
  if (request.method === 'GET' || request.method === 'HEAD') delete request.body;
  // A server with an access token mostly gets it, so requests reach the routes behind it.
  if (token && r.chance(0.8)) request.headers.authorization = `Bearer ${token}`;
  // Hostile headers, now and then.
  if (r.chance(0.1))
    request.headers['if-none-match'] = r.pick(['*', '"x"', 'W/"p123"', raw(hostileText(r)).slice(0, 200)]);
  if (r.chance(0.05)) request.headers.range = r.pick(['bytes=0-0', 'bytes=-1', 'bytes=99999999-', 'bytes=a-b']);
  if (r.chance(0.05))
    request.headers.origin = r.pick(['https://evil.example', 'null', raw(hostileText(r)).slice(0, 200)]);
  if (r.chance(0.1))
    request.headers.authorization = r.pick([
      'Bearer ',
      `Bearer ${TOKEN}x`,
      'Basic Og==',
      `Bearer ${raw(hostileText(r)).slice(0, 300)}`,
    ]);
  if (r.chance(0.05)) request.headers.cookie = `rc_token=${raw(hostileText(r)).slice(0, 300)}`;
  if (r.chance(0.05))
    request.headers.accept = r.pick(['text/html', 'image/*', '*/*;q=0', raw(hostileText(r)).slice(0, 100)]);
  return request;
}

interface Answer {
  status: number;
  type: string;
  text: string;
  ms: number;
}

function send(port: number, request: FuzzRequest): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.byteLength) } : {}) },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${request.method} ${request.path.slice(0, 120)} hung for 10 s`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

/**
 * Known and left as they are (see the e2e report): in cloud mode a run-list `cursor`, `order` or
 * `filters` that wandb itself rejects comes back as wandb's GraphQL error, a 502 that names it.
 */
function upstreamRejectedListParameter(request: FuzzRequest, answer: Answer): boolean {
  return (
    answer.status === 502 &&
    /^\/api\/projects\/[^/]+\/[^/]+\/runs\?/.test(request.path) &&
    /[?&](cursor|order|filters)=/.test(request.path) &&
    /"code":"graphql".*wandb answered with GraphQL errors: (invalid cursor|unsupported filter)/.test(answer.text)
  );
}

/** What is wrong with an answer, or null. */
function problemWith(request: FuzzRequest, answer: Answer, cloud: boolean): string | null {
  const what = `${request.method} ${request.path.slice(0, 160)} → ${answer.status}`;
  if (cloud && upstreamRejectedListParameter(request, answer)) return null;
  if (answer.status >= 500) return `${what}: ${answer.text.slice(0, 200)}`;
  // Node's HTTP parser refuses a request line and headers over 16 KiB itself, before the app.
  if (answer.status === 431 && answer.text === '') return null;
  if (answer.status < 400 || request.method === 'HEAD' || !request.path.startsWith('/api/')) return null;
  try {
    const { error } = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof error?.code !== 'string' || typeof error.message !== 'string' || error.message.length < 10)
      return `${what}: not { error: { code, message } }: ${answer.text.slice(0, 120)}`;
    if (!answer.type.includes('application/json')) return `${what}: content-type ${answer.type}`;
    if (answer.text.includes(API_KEY) || answer.text.includes(TOKEN)) return `${what}: leaks a secret`;
  } catch {
    return `${what}: not JSON: ${answer.text.slice(0, 120)}`;
  }
  return null;
}

let dataset: Dataset;
let workDir: string;
let fake: FakeWandb;
const servers: Listening[] = [];

async function serve(source: RunSource, options: AppOptions = {}): Promise<Listening> {
  const app = createApp({
    source,
    defaults: { entity: dataset.entity, project: dataset.project },
    logger: silentLogger,
    options: { secrets: [API_KEY], ...options },
  });
  const server = await listen(app);
  servers.push(server);
  return server;
}

beforeAll(async () => {
  dataset = await imageDataset({ runs: 2, lastStep: 20, every: 10, gridSize: 2, size: 32 });
  workDir = await mkdtemp(join(tmpdir(), 'rc-fuzz-all-'));
  writeDataset(dataset, join(workDir, 'wandb'));
  fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await fake?.close();
  await rm(workDir, { recursive: true, force: true });
});

const SOURCES: [string, () => Promise<Listening>, string | null][] = [
  ['memory', async () => serve((await import('@run-comparer/wandb-client')).createMemorySource(dataset)), null],
  ['local run files', () => serve(openLocalRuns({ dir: join(workDir, 'wandb') })), null],
  [
    'the wandb cloud (fake)',
    async () =>
      serve(
        (await sourceFromConfig(readConfig([], { WANDB_API_KEY: API_KEY, WANDB_BASE_URL: fake.url }, '/nonexistent')))
          .source,
      ),
    null,
  ],
  [
    'memory, behind an access token',
    async () =>
      serve((await import('@run-comparer/wandb-client')).createMemorySource(dataset), {
        token: TOKEN,
        corsOrigins: ['https://dash.example'],
      }),
    TOKEN,
  ],
];

describe(`every route, fuzzed (seed ${SEED}, ${PER_SERVER} requests per server)`, () => {
  it.each(SOURCES.map(([name, start, token], i) => [name, start, token, i] as const))(
    'over %s: no 5xx, no hang, every 4xx a JSON error',
    async (_name, start, token, i) => {
      const server = await start();
      const r = generator(SEED + i);
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      let slowest = 0;
      for (let n = 0; n < PER_SERVER; n++) {
        const request = nextRequest(r, dataset, token);
        const answer = await send(server.port, request);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        slowest = Math.max(slowest, answer.ms);
        const problem = problemWith(request, answer, _name.includes('cloud'));
        if (problem) problems.push(problem);
      }
      expect(problems).toEqual([]);
      // The fuzz reached past validation: some requests succeeded, many were refused.
      const count = (from: number, to: number) =>
        [...statuses].filter(([s]) => s >= from && s < to).reduce((sum, [, n]) => sum + n, 0);
      expect(count(200, 400)).toBeGreaterThan(PER_SERVER * 0.05);
      expect(count(400, 500)).toBeGreaterThan(PER_SERVER * 0.3);
      expect(slowest).toBeLessThan(10_000);
      // And the server still answers normally afterwards.
      expect(
        (await send(server.port, { method: 'GET', path: '/api/health', headers: { authorization: `Bearer ${TOKEN}` } }))
          .status,
      ).toBe(200);
    },
  );
});
