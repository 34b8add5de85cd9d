/**
 * Team scale, the demo server's media disk cache (issue 13): the team-scale project on the fake
 * wandb (bench/team-scale/cloud.bench.ts), the server in cloud mode in its own process. One grid:
 * the visible (newest) step of the 24 newest runs × 8 keys × 4 images, as WebP thumbnails, asked
 * as a browser does (the 24 `images` answers, then the thumbnails over 6 connections). Figures
 * (generated), each with the requests that reached wandb and its storage:
 *
 * - cold: a new server and an empty cache folder;
 * - warm: the same server again (its memory caches);
 * - restarted, warm: a new server process over the same cache folder;
 * - restarted without the disk cache (`--cache-size 0`): what every restart cost before.
 *
 *   npx tsx --conditions=source bench/team-scale/server.bench.ts
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWandbClient } from '../../packages/wandb-client/src/index.js';
import { startServerProcess } from '../../packages/demo-server/test/fixtures/server-process.js';
import { TEAM_API_KEY, startTeamFake } from './cloud.bench.js';
import { TEAM_IMAGE_KEYS } from './dataset.js';

const THUMBNAIL_WIDTH = 256;
/** What a browser opens to one host over HTTP/1.1. */
const CONNECTIONS = 6;

export interface GridFigures {
  case: string;
  seconds: number;
  thumbnails: number;
  thumbnailBytes: number;
  graphqlRequests: number;
  storageDownloads: number;
}

export interface TeamServerFigures {
  latencyMs: number;
  runs: number;
  keys: number;
  step: number;
  width: number;
  grids: GridFigures[];
  /** The cache folder after the cold grid. */
  diskBytes: number;
  diskFiles: number;
}

export async function runTeamServerBench(log: (line: string) => void = () => {}): Promise<TeamServerFigures> {
  const { fake, refs, step, dataset } = await startTeamFake();
  const keys = [...TEAM_IMAGE_KEYS];
  const cwd = await mkdtemp(join(tmpdir(), 'rc-team-server-'));
  const cacheDir = join(cwd, 'cache');
  const grids: GridFigures[] = [];
  try {
    log('warming the fake wandb up (it materialises the 24 runs)…');
    await createWandbClient({ apiKey: TEAM_API_KEY, baseUrl: fake.url }).images.index(refs, { keys: keys.slice(0, 1) });
    // ...and their files (the pictures are drawn on first use).
    for (const ref of refs) void dataset.runs.find((run) => run.id === ref.runId)!.files;

    const start = (cacheSize: string) =>
      startServerProcess({
        cwd,
        stdout: 'ignore',
        args: ['--cache-dir', cacheDir, '--cache-size', cacheSize],
        env: { WANDB_API_KEY: TEAM_API_KEY, WANDB_BASE_URL: fake.url },
      });

    /** The grid, as the page asks for it; the figures of one case. */
    const grid = async (origin: string, name: string): Promise<GridFigures> => {
      fake.requests.reset();
      const api = `${origin.replace(/\/$/, '')}/api`;
      const query = `keys=${keys.map(encodeURIComponent).join(',')}&step=${step}&missing=empty`;
      const t0 = performance.now();
      const answers = await Promise.all(
        refs.map(async (ref) => {
          const res = await fetch(`${api}/runs/${ref.entity}/${ref.project}/${ref.runId}/images?${query}`);
          if (!res.ok) throw new Error(`images answered ${res.status}: ${await res.text()}`);
          const { sets } = (await res.json()) as { sets: { images: { path: string }[] }[] };
          return sets.flatMap((set) => set.images.map((image) => ({ ref, path: image.path })));
        }),
      );
      const queue = answers.flat();
      const cells = queue.length;
      let bytes = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          for (let cell = queue.shift(); cell; cell = queue.shift()) {
            const { ref, path } = cell;
            const res = await fetch(
              `${api}/media/${ref.entity}/${ref.project}/${ref.runId}/${path}?w=${THUMBNAIL_WIDTH}`,
            );
            if (!res.ok) throw new Error(`${path} answered ${res.status}`);
            bytes += (await res.arrayBuffer()).byteLength;
          }
        }),
      );
      const figures = {
        case: name,
        seconds: (performance.now() - t0) / 1000,
        thumbnails: cells,
        thumbnailBytes: bytes,
        graphqlRequests: fake.requests.count(),
        storageDownloads: fake.requests.countKind('storage'),
      };
      log(`${name}: ${figures.seconds.toFixed(1)} s, ${figures.storageDownloads} storage downloads`);
      return figures;
    };

    let server = await start('2GB');
    try {
      grids.push(await grid(server.url, 'cold: new server, empty cache folder'));
      grids.push(await grid(server.url, 'warm: the same server again'));
    } finally {
      await server.stop();
    }
    const disk = await folderSize(cacheDir);
    server = await start('2GB');
    try {
      grids.push(await grid(server.url, 'restarted, warm: a new process over the same cache folder'));
    } finally {
      await server.stop();
    }
    server = await start('0');
    try {
      grids.push(await grid(server.url, 'restarted without the disk cache (--cache-size 0), as before'));
    } finally {
      await server.stop();
    }
    return {
      latencyMs: fake.latency.ms,
      runs: refs.length,
      keys: keys.length,
      step,
      width: THUMBNAIL_WIDTH,
      grids,
      diskBytes: disk.bytes,
      diskFiles: disk.files,
    };
  } finally {
    await fake.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

export function describeTeamServer(f: TeamServerFigures): string[] {
  return [
    `Generated: one grid of the team-scale project on the fake wandb (${f.latencyMs} ms per GraphQL request, storage on loopback): the images at step ${f.step.toLocaleString('en')} of the ${f.runs} newest runs × ${f.keys} keys × 4, as ${f.width} px WebP thumbnails, asked as a browser does (the ${f.runs} \`images\` answers, then the thumbnails over ${CONNECTIONS} connections) from the demo server in cloud mode (its own process). The disk cache held ${(f.diskBytes / 1024 ** 2).toFixed(1)} MiB in ${f.diskFiles} files after the cold grid (thumbnails only: originals fetched to make a thumbnail are not kept on disk).`,
    '',
    '| case | grid time | thumbnails | GraphQL requests | storage downloads |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...f.grids.map(
      (g) =>
        `| ${g.case} | ${g.seconds.toFixed(1)} s | ${g.thumbnails} (${(g.thumbnailBytes / 1024 ** 2).toFixed(1)} MiB) | ${g.graphqlRequests} | ${g.storageDownloads} |`,
    ),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeTeamServer(await runTeamServerBench((line) => console.error(line))).join('\n'));
}
