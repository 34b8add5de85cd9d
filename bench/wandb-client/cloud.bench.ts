/**
 * Upstream requests and wall time of the cloud client against the fake wandb server on loopback.
 *   npx tsx --conditions=source bench/wandb-client/cloud.bench.ts
 * `runCloudBench()` returns the same figures for a combined report.
 */
import { pathToFileURL } from 'node:url';
import { startFakeWandb, syntheticDataset, type FakeWandb } from '@run-comparer/fake-wandb';
import { createWandbClient, type RunRef, type WandbClient } from '@run-comparer/wandb-client';

export interface CloudBenchFigure {
  scenario: string;
  /** GraphQL requests the client sent upstream. */
  requests: number;
  /** Root fields over those requests: one per run in an aliased batch. */
  rootFields: number;
  /** The most `sampledHistory` specs one request asked for. */
  maxSpecs: number;
  /** The largest answer, in bytes. */
  maxResponseBytes: number;
  /** All answers, in bytes. */
  responseBytes: number;
  ms: number;
  result: string;
}

const API_KEY = 'bench-key-0123456789abcdef0123456789abcdef';
const IMAGE_KEYS = ['samples/grid', 'val/reference', 'samples/uncond', 'val/depth'];

export async function runCloudBench(): Promise<CloudBenchFigure[]> {
  const runsProject = syntheticDataset({ project: 'many-runs', runs: 100, lastStep: 5, imageEvery: 5 });
  const images = syntheticDataset({
    project: 'images',
    runs: 8,
    imageKeys: IMAGE_KEYS,
    lastStep: 1000,
    imageEvery: 10,
  });
  const dense = syntheticDataset({
    project: 'dense',
    runs: 8,
    imageKeys: IMAGE_KEYS,
    lastStep: 4999,
    imageEvery: 1,
    imagesPerList: 1,
  });
  // What the real SDK logs for image generation (hashed names, sha256, ~200-character prompts), 4 per list.
  const realistic = syntheticDataset({
    project: 'realistic',
    runs: 8,
    imageKeys: IMAGE_KEYS,
    lastStep: 1499,
    imageEvery: 1,
    imagesPerList: 4,
    realistic: true,
  });
  const fake = await startFakeWandb({ datasets: [runsProject, images, dense, realistic], apiKey: API_KEY });
  const refs = (dataset: typeof images): RunRef[] =>
    dataset.runs.map((run) => ({ entity: dataset.entity, project: dataset.project, runId: run.id }));
  const figures: CloudBenchFigure[] = [];
  try {
    const many = { entity: runsProject.entity, project: runsProject.project };
    figures.push(
      await measure(fake, 'list 100 runs (perPage 100)', async (wb) => {
        const page = await wb.runs.list({ ...many, perPage: 100 });
        return `${page.runs.length} runs`;
      }),
      await measure(fake, 'iterate 100 runs (perPage 20)', async (wb) => {
        let count = 0;
        for await (const _run of wb.runs.iterate(many)) count++;
        return `${count} runs`;
      }),
      await measure(fake, 'image index, 8 runs × 4 keys × 101 steps', async (wb) => {
        const index = await wb.images.index(refs(images), { keys: IMAGE_KEYS });
        return `${countSets(index)} image sets`;
      }),
      await measure(fake, 'image index, 8 runs × 4 keys, keys not given', async (wb) => {
        const index = await wb.images.index(refs(images));
        return `${countSets(index)} image sets`;
      }),
      await measure(fake, 'image index, 8 runs × 4 keys × 5,000 steps', async (wb) => {
        const index = await wb.images.index(refs(dense), { keys: IMAGE_KEYS });
        return `${countSets(index)} image sets`;
      }),
      await measure(fake, 'image index, 8 runs × 4 keys × 1,500 steps, realistic rows (generated)', async (wb) => {
        const index = await wb.images.index(refs(realistic), { keys: IMAGE_KEYS });
        return `${countSets(index)} image sets`;
      }),
      await measure(
        fake,
        'the same, 50 ms latency per request (generated)',
        async (wb) => {
          const index = await wb.images.index(refs(realistic), { keys: IMAGE_KEYS });
          return `${countSets(index)} image sets`;
        },
        50,
      ),
      await measure(fake, 'images at one step, 8 runs × 4 keys, with URLs', async (wb) => {
        const sets = await Promise.all(refs(images).map((ref) => wb.images.at(ref, { keys: IMAGE_KEYS, step: 500 })));
        const urls = await Promise.all(
          refs(images).map((ref, i) =>
            wb.media.urls(
              ref,
              sets[i]!.flatMap((set) => set.images.map((image) => image.path)),
            ),
          ),
        );
        return `${urls.flat().length} URLs`;
      }),
    );
  } finally {
    await fake.close();
  }
  return figures;
}

async function measure(
  fake: FakeWandb,
  scenario: string,
  body: (wb: WandbClient) => Promise<string>,
  latencyMs = 0,
): Promise<CloudBenchFigure> {
  // A fresh client each time: no cached URLs, nothing warm but the server.
  const wb = createWandbClient({ apiKey: API_KEY, baseUrl: fake.url });
  fake.requests.reset();
  fake.latency.ms = latencyMs;
  const started = performance.now();
  const result = await body(wb).finally(() => (fake.latency.ms = 0));
  const ms = Math.round(performance.now() - started);
  const graphql = fake.requests.all.filter((r) => r.kind === 'graphql');
  return {
    scenario,
    requests: graphql.length,
    rootFields: graphql.reduce((n, r) => n + r.rootFields, 0),
    maxSpecs: Math.max(0, ...graphql.map((r) => r.specs)),
    maxResponseBytes: Math.max(0, ...graphql.map((r) => r.responseBytes)),
    responseBytes: graphql.reduce((n, r) => n + r.responseBytes, 0),
    ms,
    result,
  };
}

function countSets(index: Array<{ byKey: Record<string, unknown[]> }>): number {
  return index.reduce((n, entry) => n + Object.values(entry.byKey).reduce((m, sets) => m + sets.length, 0), 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runCloudBench();
  console.log('cloud client against fake wandb on loopback');
  console.table(figures);
}
