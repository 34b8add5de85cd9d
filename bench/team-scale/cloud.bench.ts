/**
 * Team scale, the wandb cloud (issue 13): the team-scale project (bench/team-scale/dataset.ts: 100
 * runs, 8 image keys of 4 captioned PNGs every 500 steps over 200,000 steps, 20 scalars a row)
 * served by the fake wandb with a fixed latency per GraphQL request. Of its runs the 24 newest are
 * selected, as a team compares them. Figures (generated):
 *
 * - the image index of the 24 runs × 8 keys through the cloud client: requests, the bytes answered,
 *   the largest answer, the most specs in one request, seconds;
 * - the images at the visible (latest) step of the 24 runs: what the first grid needs;
 * - through the demo server (its own process, in cloud mode): how long the visible step's images
 *   (`GET /images` for the 24 runs) take while a `POST /api/index` of the same runs is still
 *   loading, and how long that index takes.
 *
 *   npx tsx --conditions=source bench/team-scale/cloud.bench.ts
 *
 * BENCH_TEAM_LATENCY_MS sets the latency (default 50 ms, as the fidelity figures of the cloud bench).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeWandb, type FakeWandb } from '@run-comparer/fake-wandb';
import { createWandbClient, type RunRef } from '../../packages/wandb-client/src/index.js';
import { startServerProcess } from '../../packages/demo-server/test/fixtures/server-process.js';
import { TEAM_IMAGE_KEYS, TeamScaleProject } from './dataset.js';

export const TEAM_API_KEY = 'team-bench-key-0123456789abcdef0123456789abcdef';
const SELECTED = 24;
/** A history row every 10 steps, as the local run files of the team bench (20,000 rows a run plus the image rows). */
const ROW_EVERY = 10;
const LATENCY_MS = Number(process.env.BENCH_TEAM_LATENCY_MS ?? 50);

export interface RequestFigures {
  /** GraphQL requests sent upstream. */
  requests: number;
  /** Bytes of every answer. */
  bytes: number;
  largestResponse: number;
  /** The most `sampledHistory` specs one request asked. */
  largestRequestSpecs: number;
}

export interface TeamCloudFigures {
  latencyMs: number;
  runs: number;
  selected: number;
  keys: number;
  imageSteps: number;
  rowsPerRun: number;
  /** The visible step: the newest image step. */
  step: number;
  index: RequestFigures & { seconds: number; imageSets: number };
  at: RequestFigures & { ms: number; images: number };
  server: {
    /** From asking `images` for the visible step of every run to the last answer, with the index loading. */
    atWhileIndexingMs: number;
    /** Whether the index was still loading when the last `images` answer came. */
    indexStillLoading: boolean;
    indexSeconds: number;
    /** The size of that index's answer. */
    indexBytes: number;
    images: number;
  };
}

/** The team-scale project as the fake wandb serves it, and the refs of the selected runs. */
export async function startTeamFake(latencyMs = LATENCY_MS) {
  const project = new TeamScaleProject({ rowEvery: ROW_EVERY });
  const dataset = project.dataset();
  const fake = await startFakeWandb({ datasets: [dataset], apiKey: TEAM_API_KEY });
  fake.latency.ms = latencyMs;
  const newest = [...project.runs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const selected = newest.slice(0, SELECTED);
  const refs: RunRef[] = selected.map((run) => ({ entity: project.entity, project: project.project, runId: run.id }));
  const step = Math.max(...selected.map((run) => project.imageSteps(run).at(-1)!));
  return { project, dataset, fake, refs, step, selected };
}

function requestFigures(fake: FakeWandb): RequestFigures {
  const graphql = fake.requests.all.filter((r) => r.kind === 'graphql');
  return {
    requests: graphql.length,
    bytes: graphql.reduce((n, r) => n + r.responseBytes, 0),
    largestResponse: Math.max(0, ...graphql.map((r) => r.responseBytes)),
    largestRequestSpecs: Math.max(0, ...graphql.map((r) => r.specs)),
  };
}

export async function runTeamCloudBench(log: (line: string) => void = () => {}): Promise<TeamCloudFigures> {
  const { project, fake, refs, step, selected } = await startTeamFake();
  const keys = [...TEAM_IMAGE_KEYS];
  const cwd = await mkdtemp(join(tmpdir(), 'rc-team-cloud-'));
  try {
    // Warm the fake (it builds each run's rows when first read), so the figures are the client's.
    const warm = createWandbClient({ apiKey: TEAM_API_KEY, baseUrl: fake.url });
    log('warming the fake wandb up (it materialises the 24 runs)…');
    await warm.images.index(refs, { keys: keys.slice(0, 1) });

    const client = () => createWandbClient({ apiKey: TEAM_API_KEY, baseUrl: fake.url });
    fake.requests.reset();
    let t0 = performance.now();
    const index = await client().images.index(refs, { keys });
    const indexSeconds = (performance.now() - t0) / 1000;
    const indexRequests = requestFigures(fake);
    const imageSets = index.reduce((n, e) => n + Object.values(e.byKey).reduce((m, sets) => m + sets.length, 0), 0);
    log(`index: ${indexSeconds.toFixed(1)} s, ${indexRequests.requests} requests`);

    fake.requests.reset();
    const atClient = client();
    t0 = performance.now();
    const sets = await Promise.all(refs.map((ref) => atClient.images.at(ref, { keys, step })));
    const atMs = performance.now() - t0;
    const atRequests = requestFigures(fake);
    const images = sets.flat().reduce((n, set) => n + set.images.length, 0);
    log(`at: ${atMs.toFixed(0)} ms, ${atRequests.requests} requests`);

    const server = await startServerProcess({
      cwd,
      stdout: 'ignore',
      env: { WANDB_API_KEY: TEAM_API_KEY, WANDB_BASE_URL: fake.url },
    });
    try {
      const api = server.url.replace(/\/$/, '') + '/api';
      let indexDone = false;
      t0 = performance.now();
      const indexing = fetch(`${api}/index`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          entity: project.entity,
          project: project.project,
          runIds: refs.map((r) => r.runId),
          keys,
        }),
      }).then(async (res) => {
        if (!res.ok) throw new Error(`index answered ${res.status}: ${await res.text()}`);
        const bytes = (await res.arrayBuffer()).byteLength;
        indexDone = true;
        return { seconds: (performance.now() - t0) / 1000, bytes };
      });
      // The browser asks for the visible step right after the index, as the page opens.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const query = `keys=${keys.map(encodeURIComponent).join(',')}&step=${step}&missing=empty`;
      const t1 = performance.now();
      const visible = await Promise.all(
        refs.map(async (ref) => {
          const res = await fetch(`${api}/runs/${ref.entity}/${ref.project}/${ref.runId}/images?${query}`);
          if (!res.ok) throw new Error(`images answered ${res.status}: ${await res.text()}`);
          return (await res.json()) as { sets: { images: unknown[] }[] };
        }),
      );
      const atWhileIndexingMs = performance.now() - t1;
      const indexStillLoading = !indexDone;
      const serverIndex = await indexing;
      log(`server: at while indexing ${atWhileIndexingMs.toFixed(0)} ms, index ${serverIndex.seconds.toFixed(1)} s`);
      return {
        latencyMs: LATENCY_MS,
        runs: project.runs.length,
        selected: refs.length,
        keys: keys.length,
        imageSteps: project.imageSteps(selected[0]!).length,
        rowsPerRun: Math.ceil(200_000 / ROW_EVERY) + project.imageSteps(selected[0]!).length,
        step,
        index: { ...indexRequests, seconds: indexSeconds, imageSets },
        at: { ...atRequests, ms: atMs, images },
        server: {
          atWhileIndexingMs,
          indexStillLoading,
          indexSeconds: serverIndex.seconds,
          indexBytes: serverIndex.bytes,
          images: visible.reduce((n, answer) => n + answer.sets.reduce((m, s) => m + s.images.length, 0), 0),
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await fake.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

export function describeTeamCloud(f: TeamCloudFigures): string[] {
  const requests = (r: RequestFigures) =>
    `${r.requests} requests, ${mib(r.bytes)} answered, largest answer ${kib(r.largestResponse)}, at most ${r.largestRequestSpecs} specs a request`;
  return [
    `Generated: the team-scale project (${f.runs} runs, ${f.keys} image keys × 4 PNGs every 500 steps: ${f.imageSteps} image steps, ${f.rowsPerRun.toLocaleString('en')} history rows of 20 scalars per run) served by the fake wandb on loopback with ${f.latencyMs} ms per GraphQL request; the ${f.selected} newest runs selected. The client's bounds: at most 8 specs and 1,000 rows a request, 4 requests at once.`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| image index, ${f.selected} runs × ${f.keys} keys (${f.index.imageSets.toLocaleString('en')} image sets), cloud client | ${f.index.seconds.toFixed(1)} s; ${requests(f.index)} |`,
    `| images at the visible step ${f.step.toLocaleString('en')}, ${f.selected} runs × ${f.keys} keys (${f.at.images} images), cloud client | ${f.at.ms.toFixed(0)} ms; ${requests(f.at)} |`,
    `| through the demo server: \`images\` of the visible step for the ${f.selected} runs, asked 0.1 s after \`POST /api/index\` of the same runs | ${f.server.atWhileIndexingMs.toFixed(0)} ms to the last answer (${f.server.images} images), the index ${f.server.indexStillLoading ? 'still loading' : 'already done'} |`,
    `| that index, through the demo server | ${f.server.indexSeconds.toFixed(1)} s, an answer of ${mib(f.server.indexBytes)} |`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeTeamCloud(await runTeamCloudBench((line) => console.error(line))).join('\n'));
}
