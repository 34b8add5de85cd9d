import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './fixtures/app.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { listen, rawGet, type Listening } from './fixtures/listen.js';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261123;
const COUNT = 400;

const PIECES = [
  'run0',
  'samples/grid',
  'val/reference',
  '0',
  '10',
  '-1',
  '1e9',
  '9'.repeat(30),
  '',
  ' ',
  '..',
  '.',
  '%2e%2e',
  '%252e',
  '%00',
  '%ff',
  '%',
  '%E0%A4%A',
  '\\',
  '%5c',
  '/',
  '//',
  '?',
  '#',
  '%23',
  '&',
  '=',
  ',',
  ',,',
  '*',
  'null',
  'undefined',
  '[]',
  '{}',
  '%7B%22a%22%3A1%7D',
  '<script>',
  '%3Cscript%3E',
  "'",
  '"',
  '😀',
  '%F0%9F%98%80',
  'ünï',
  'x'.repeat(300),
  'media/images/a.png',
  'media/images/samples/grid_0_0123456789abcdef0123.png',
  'C:',
  '__proto__',
  'constructor',
];
const ROUTES = [
  (p: () => string) =>
    `/api/projects/${p()}/${p()}/runs?perPage=${p()}&cursor=${p()}&order=${p()}&search=${p()}&filters=${p()}`,
  (p: () => string) => `/api/runs/demo-team/img-gen/${p()}`,
  (p: () => string) => `/api/runs/demo-team/${p()}/${p()}/image-keys`,
  (p: () => string) => `/api/runs/demo-team/img-gen/run0/steps?keys=${p()}&keys=${p()}&missing=${p()}`,
  (p: () => string) => `/api/runs/demo-team/img-gen/${p()}/images?keys=${p()}&step=${p()}&step=${p()}`,
  (p: () => string) => `/api/runs/demo-team/img-gen/run0/images?keys=samples/grid&step=${p()}`,
  (p: () => string) => `/api/media/demo-team/img-gen/run0/${p()}/${p()}?w=${p()}`,
  (p: () => string) => `/api/media/${p()}/${p()}/${p()}/${p()}`,
  (p: () => string) => `/api/${p()}/${p()}`,
];

let server: Listening;
beforeAll(async () => {
  server = await listen(testApp(await imageDataset({ runs: 1, lastStep: 10, gridSize: 1, size: 32 })).app);
});
afterAll(() => server.close());

describe(`fuzzed parameters (seed ${SEED}, ${COUNT} requests)`, () => {
  it('never yield a 5xx, and every 4xx is a JSON error', async () => {
    const next = random(SEED);
    const piece = () => {
      const raw = PIECES[Math.floor(next() * PIECES.length)]!;
      // Send most pieces as they are (raw bytes) and some percent-encoded.
      return next() < 0.3 ? encodeURIComponent(raw) : raw.replace(/[ #?"'<>\\😀üï]/gu, (c) => encodeURIComponent(c));
    };
    const failures: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const path = ROUTES[Math.floor(next() * ROUTES.length)]!(piece);
      const res = await rawGet(server.port, path);
      const jsonError = () => {
        try {
          const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
          return typeof body.error?.code === 'string' && typeof body.error.message === 'string';
        } catch {
          return false;
        }
      };
      if (res.status >= 500) failures.push(`${res.status} ${path}: ${res.body.slice(0, 200)}`);
      else if (res.status >= 400 && path.startsWith('/api/') && !jsonError())
        failures.push(`${res.status} non-JSON ${path}: ${res.body.slice(0, 100)}`);
    }
    expect(failures).toEqual([]);
  });
});
