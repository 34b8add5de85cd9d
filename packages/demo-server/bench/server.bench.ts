/**
 * Demo-server benchmark: `npm run bench -w @run-comparer/demo-server` (or `npx tsx bench/server.bench.ts`).
 * Starts the real server process on loopback over the bundled sample project and over a generated
 * project of larger images (both as real run files, local mode), then measures with autocannon:
 *   - warm `images` requests (the step slider's call),
 *   - cached thumbnails (the grid's image loads),
 *   - server memory (RSS) at start, after each warm-up round and after each measured round,
 *   - the bytes a 4-run × 4-key grid costs as thumbnails versus originals.
 * Targets: warm `images` p99 < 20 ms, thumbnails < 15% of original bytes, memory flat after warm-up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { imageDataset } from '../test/fixtures/image-dataset.js';
import { startServerProcess } from '../test/fixtures/server-process.js';

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface ServerBenchFigures {
  dataset: string;
  grid: { runs: number; keys: number; images: number; thumbnailWidth: number };
  images: LoadFigures;
  thumbnails: LoadFigures;
  bytes: { originals: number; thumbnails: number; ratio: number };
  /** Resident memory at start, after each warm-up round (V8 sizes its heap to the load), then after each measured round. */
  memoryMiB: { start: number; warmUp: number[]; measured: number[] };
  targets: { imagesP99Under20ms: boolean; thumbnailsUnder15Percent: boolean; memoryFlat: boolean };
}

export interface ServerBenchOptions {
  /** Seconds per autocannon run. Default 4. */
  durationSeconds?: number;
  /** Rounds (of `images` then thumbnails) before measuring. Default 2. */
  warmUpRounds?: number;
  /** Measured rounds; the load figures are the last one's. Default 3. */
  rounds?: number;
  connections?: number;
  thumbnailWidth?: number;
  log?: (line: string) => void;
}

const SAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'sample', 'wandb');

/**
 * Run the benchmark and return its figures (for a combined report): over the bundled sample
 * project when it is there, and over a generated project of 512 px images (bigger than the
 * sample's 128 px ones, so thumbnails really shrink them).
 */
export async function runServerBench(options: ServerBenchOptions = {}): Promise<ServerBenchFigures[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const workDir = await mkdtemp(join(tmpdir(), 'rc-bench-'));
  try {
    const figures: ServerBenchFigures[] = [];
    if (existsSync(SAMPLE_DIR))
      figures.push(await benchDirectory(SAMPLE_DIR, 'the bundled sample project', workDir, options, log));
    else log('(the bundled sample project is not there yet; only the generated project is measured)');
    const dataset = await imageDataset({
      runs: 4,
      lastStep: 100,
      every: 10,
      gridSize: 1,
      size: 512,
      singleKeys: ['val/reference', 'samples/portrait', 'samples/landscape'],
    });
    const { writeDataset } = await import('@run-comparer/wandb-client/local');
    writeDataset(dataset, join(workDir, 'wandb'));
    figures.push(
      await benchDirectory(
        join(workDir, 'wandb'),
        'a generated project (4 runs × 4 keys, 512 px PNGs)',
        workDir,
        options,
        log,
      ),
    );
    return figures;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function benchDirectory(
  dir: string,
  name: string,
  cwd: string,
  options: ServerBenchOptions,
  log: (line: string) => void,
): Promise<ServerBenchFigures> {
  const duration = options.durationSeconds ?? 4;
  const connections = options.connections ?? 10;
  const width = options.thumbnailWidth ?? 256;
  log(
    `\n${name}   (machine load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${availableParallelism()} cores)`,
  );
  const server = await startServerProcess({ cwd, args: ['--dir', dir], stdout: 'ignore' });
  try {
    const origin = server.url.replace(/\/$/, '');
    const rss = () => residentMiB(server.child.pid!);
    const api = async (path: string, init?: RequestInit) => {
      const response = await fetch(`${origin}${path}`, init);
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      return response;
    };
    const memoryStart = rss();

    const { entity, project } = (
      (await (await api('/api/health')).json()) as { defaults: { entity: string; project: string } }
    ).defaults;
    const page = (await (await api(`/api/projects/${entity}/${project}/runs?perPage=4`)).json()) as {
      runs: { id: string }[];
    };
    const runIds = page.runs.map((r) => r.id);
    const keySets = await Promise.all(
      runIds.map(
        async (runId) =>
          ((await (await api(`/api/runs/${entity}/${project}/${runId}/image-keys`)).json()) as { keys: string[] }).keys,
      ),
    );
    const keys = [...new Set(keySets.flat())].sort().slice(0, 4);
    const index = (await (
      await api('/api/index', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entity, project, runIds, keys }),
      })
    ).json()) as { runs: { byKey: Record<string, { step: number; images: { path: string }[] }[]> }[] };

    // The grid: each run's latest images of each key, as the comparison shows them at the last step.
    const cells = index.runs.flatMap((entry, i) =>
      keys.flatMap((key) => {
        const latest = (entry.byKey[key] ?? []).filter((set) => set.images.length > 0).at(-1);
        return latest
          ? [{ runId: runIds[i]!, step: latest.step, paths: latest.images.map((image) => image.path) }]
          : [];
      }),
    );
    const mediaUrl = (runId: string, path: string) => `/api/media/${entity}/${project}/${runId}/${path}`;
    const imagesPaths = cells.map(
      (c) =>
        `/api/runs/${entity}/${project}/${c.runId}/images?keys=${keys.map(encodeURIComponent).join(',')}&step=${c.step}&missing=empty`,
    );
    const thumbPaths = cells.flatMap((c) => c.paths.map((path) => `${mediaUrl(c.runId, path)}?w=${width}`));
    log(`grid: ${runIds.length} runs × ${keys.length} keys (${keys.join(', ')}): ${thumbPaths.length} images`);

    let originals = 0;
    let thumbnails = 0;
    for (const c of cells) {
      for (const path of c.paths) {
        originals += (await (await api(mediaUrl(c.runId, path))).arrayBuffer()).byteLength;
        thumbnails += (await (await api(`${mediaUrl(c.runId, path)}?w=${width}`)).arrayBuffer()).byteLength;
      }
    }

    const load = (paths: string[]) => measure(origin, paths, duration, connections);
    const warmUp: number[] = [];
    for (let i = 0; i < (options.warmUpRounds ?? 2); i++) {
      await load(imagesPaths);
      await load(thumbPaths);
      warmUp.push(rss());
    }
    const measured: number[] = [];
    let images!: LoadFigures;
    let thumbs!: LoadFigures;
    for (let i = 0; i < Math.max(2, options.rounds ?? 3); i++) {
      images = await load(imagesPaths);
      thumbs = await load(thumbPaths);
      measured.push(rss());
    }
    const warm = warmUp.at(-1) ?? memoryStart;
    const growth = Math.max(...measured.slice(1).map((value, i) => value - measured[i]!));

    const ratio = thumbnails / originals;
    const figures: ServerBenchFigures = {
      dataset: name,
      grid: { runs: runIds.length, keys: keys.length, images: thumbPaths.length, thumbnailWidth: width },
      images,
      thumbnails: thumbs,
      bytes: { originals, thumbnails, ratio },
      memoryMiB: { start: memoryStart, warmUp, measured },
      targets: {
        imagesP99Under20ms: images.p99Ms < 20,
        thumbnailsUnder15Percent: ratio < 0.15,
        // Flat: once warmed up, no further round grows the server by 5% of its size or more (a leak would).
        memoryFlat: growth < warm * 0.05,
      },
    };
    report(figures, log);
    return figures;
  } finally {
    if (server.child.exitCode === null) await server.stop('SIGTERM');
  }
}

async function measure(origin: string, paths: string[], duration: number, connections: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: origin,
    connections,
    duration,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Resident memory of a process, from /proc (Linux). */
function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

function report(f: ServerBenchFigures, log: (line: string) => void): void {
  const line = (name: string, l: LoadFigures) =>
    `${name.padEnd(22)} ${String(l.requestsPerSecond).padStart(7)} req/s   p50 ${l.p50Ms} ms   p99 ${l.p99Ms} ms   (${l.requests} requests, ${l.non2xx} non-2xx, ${l.errors} errors)`;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
  log(line('warm images', f.images));
  log(line(`cached thumbnails w=${f.grid.thumbnailWidth}`, f.thumbnails));
  log(
    `grid bytes             originals ${kb(f.bytes.originals)}   thumbnails ${kb(f.bytes.thumbnails)}   (${(f.bytes.ratio * 100).toFixed(1)}%)`,
  );
  const mib = (values: number[]) => values.map((v) => `${v}`).join(' → ');
  log(
    `server RSS (MiB)       start ${f.memoryMiB.start}   warm-up rounds ${mib(f.memoryMiB.warmUp)}   measured rounds ${mib(f.memoryMiB.measured)}`,
  );
  log(
    `targets                images p99 < 20 ms: ${ok(f.targets.imagesP99Under20ms)}   thumbnails < 15%: ${ok(f.targets.thumbnailsUnder15Percent)}   memory flat: ${ok(f.targets.memoryFlat)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 4);
  await runServerBench({ durationSeconds: seconds });
}
