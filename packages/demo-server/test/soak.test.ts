import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@run-comparer/wandb-client';
import { writeDataset } from '@run-comparer/wandb-client/local';
import { imageDataset } from './fixtures/image-dataset.js';

/**
 * A bounded soak: the server over local run files under a steady request rate (the page's mix of
 * run lists, steps, image sets, the index and thumbnails) for SOAK_SECONDS (default 60). The
 * server runs in a child process that reports its memory after a full GC, and its open handles,
 * over IPC; nothing is added to the server for it. Afterwards no request has failed, and memory
 * and handles are back where they were after the warm-up.
 */

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const RATE = Number(process.env.SOAK_RATE ?? 150);
const PACKAGES = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(PACKAGES, 'demo-server', 'src', 'index.ts');
const LOCAL = join(PACKAGES, 'wandb-client', 'src', 'local', 'index.ts');
const TSX = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
);

// autocannon 9 takes a steady overall rate and counts timeouts; bench/autocannon.d.ts types less of it.
type CannonOptions = Parameters<typeof autocannon>[0] & { overallRate?: number };
type CannonResult = Awaited<ReturnType<typeof autocannon>> & { timeouts: number };
const cannon = autocannon as unknown as (options: CannonOptions) => Promise<CannonResult>;

/** The child: createApp over local runs, a logger that formats every line (as the real one) but writes none. */
const CHILD = `
import { openLocalRuns } from ${JSON.stringify(pathToFileURL(LOCAL).href)};
import { createApp, createJsonLogger } from ${JSON.stringify(pathToFileURL(SRC).href)};
const [dir, entity, project] = process.argv.slice(2);
const app = createApp({
  source: openLocalRuns({ dir }),
  defaults: { entity, project },
  logger: createJsonLogger({ write: () => {} }),
});
const server = app.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }));
process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc();
    globalThis.gc();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    process.send({ type: 'memory', rss, heapUsed, external, arrayBuffers, handles: process.getActiveResourcesInfo() });
  } else if (message === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
`;

interface MemoryReport {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  handles: string[];
}

let dataset: Dataset;
let workDir: string;
let child: ChildProcess;
let origin: string;

/** The next message from the child; rejects if it exits first, so nothing waits forever. */
function reply<T>(): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the server process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

function ask(): Promise<MemoryReport> {
  const answer = reply<MemoryReport>();
  child.send('memory');
  return answer;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const sockets = (report: MemoryReport) => report.handles.filter((h) => h === 'TCPSocketWrap').length;

beforeAll(async () => {
  dataset = await imageDataset({ runs: 4, lastStep: 100, every: 10, gridSize: 3, size: 128 });
  workDir = await mkdtemp(join(tmpdir(), 'rc-soak-'));
  writeDataset(dataset, join(workDir, 'wandb'));
  const script = join(workDir, 'child.mjs');
  await writeFile(script, CHILD);
  child = fork(script, [join(workDir, 'wandb'), dataset.entity, dataset.project], {
    execArgv: ['--expose-gc', '--conditions=source', '--import', TSX.href],
    cwd: join(dirname(SRC), '..'),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { port } = await reply<{ port: number }>();
  origin = `http://127.0.0.1:${port}`;
}, 60_000);

afterAll(async () => {
  if (child?.connected) {
    child.send('stop');
    await once(child, 'exit');
  }
  await rm(workDir, { recursive: true, force: true });
});

/** The requests a page makes while people compare: lists, steps, image sets, the index, thumbnails. */
type Requests = NonNullable<Parameters<typeof autocannon>[0]['requests']>;

function pageTraffic(): Requests {
  const base = `/api/runs/${dataset.entity}/${dataset.project}`;
  const runIds = dataset.runs.map((run) => run.id);
  const requests: Requests = [
    { method: 'GET', path: `/api/projects/${dataset.entity}/${dataset.project}/runs?perPage=20` },
    {
      method: 'POST',
      path: '/api/index',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entity: dataset.entity, project: dataset.project, runIds, keys: ['samples/grid'] }),
    },
  ];
  for (const run of dataset.runs) {
    requests.push({ method: 'GET', path: `${base}/${run.id}` });
    requests.push({ method: 'GET', path: `${base}/${run.id}/image-keys` });
    requests.push({ method: 'GET', path: `${base}/${run.id}/steps?keys=samples/grid,val/reference&missing=empty` });
    for (const row of run.history) {
      requests.push({
        method: 'GET',
        path: `${base}/${run.id}/images?keys=samples/grid,val/reference&step=${row._step}`,
      });
      const grid = row['samples/grid'] as { filenames: string[] };
      for (const [i, path] of grid.filenames.entries()) {
        requests.push({
          method: 'GET',
          path: `/api/media/${dataset.entity}/${dataset.project}/${run.id}/${path}?w=${[64, 128, 256][i % 3]}`,
        });
      }
    }
  }
  return requests;
}

async function load(seconds: number) {
  const result = await cannon({
    url: origin,
    connections: 8,
    duration: seconds,
    overallRate: RATE,
    requests: pageTraffic(),
  });
  return result;
}

describe(`soak: ${SECONDS} s at ${RATE} requests/s over local run files`, () => {
  it(
    'serves every request, and memory and open handles are flat afterwards',
    async () => {
      // Warm up: caches fill, code gets compiled, V8 sizes its heap.
      const warm = await load(Math.max(10, Math.round(SECONDS / 3)));
      expect(warm.errors + warm.timeouts + warm.non2xx).toBe(0);
      const before = await ask();

      const samples: MemoryReport[] = [];
      const sampler = setInterval(() => void ask().then((report) => samples.push(report)), 10_000);
      const soak = await load(SECONDS);
      clearInterval(sampler);

      // The soak's connections are gone once the server has seen them close.
      await expect.poll(async () => sockets(await ask()), { timeout: 15_000 }).toBe(sockets(before));
      // Work still finishing (a disk-cache write, a timer about to fire) holds a handle for a moment;
      // a leaked one stays.
      let after = await ask();
      for (const until = Date.now() + 15_000; after.handles.length > before.handles.length && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        after = await ask();
      }

      const heapGrowth = after.heapUsed - before.heapUsed;
      const rssGrowth = after.rss - before.rss;
      console.log(
        [
          `soak ${SECONDS} s at ${RATE} req/s: ${soak.requests.total} requests, p50 ${soak.latency.p50} ms, p99 ${soak.latency.p99} ms`,
          `  errors ${soak.errors}, timeouts ${soak.timeouts}, non-2xx ${soak.non2xx}`,
          `  heap after GC ${mib(before.heapUsed)} → ${mib(after.heapUsed)} MiB (samples ${samples.map((s) => mib(s.heapUsed)).join(', ')})`,
          `  buffers after GC ${mib(before.arrayBuffers)} → ${mib(after.arrayBuffers)} MiB`,
          `  RSS ${mib(before.rss)} → ${mib(after.rss)} MiB (samples ${samples.map((s) => mib(s.rss)).join(', ')})`,
          `  handles ${before.handles.length} → ${after.handles.length} (${after.handles.join(', ')})`,
        ].join('\n'),
      );

      expect(soak.errors).toBe(0);
      expect(soak.timeouts).toBe(0);
      expect(soak.non2xx).toBe(0);
      expect(soak.requests.total).toBeGreaterThan(RATE * SECONDS * 0.8);
      // Flat: a leak of even a few hundred bytes per request would show here.
      expect(heapGrowth, `heap grew ${mib(heapGrowth)} MiB`).toBeLessThan(
        Math.max(8 * 2 ** 20, before.heapUsed * 0.15),
      );
      expect(after.arrayBuffers - before.arrayBuffers, 'buffers held after GC').toBeLessThan(16 * 2 ** 20);
      // Resident memory also holds what the allocator keeps for reuse: a looser bound.
      expect(rssGrowth, `RSS grew ${mib(rssGrowth)} MiB`).toBeLessThan(96 * 2 ** 20);
      expect(after.handles.length, `handles: ${after.handles.join(', ')}`).toBeLessThanOrEqual(before.handles.length);
    },
    (SECONDS + 120) * 1000,
  );
});
