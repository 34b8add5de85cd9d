import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWandb, type FakeWandb } from '@run-comparer/fake-wandb';
import type { Dataset } from '@run-comparer/wandb-client';
import { createApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { createJsonLogger } from '../src/logger.js';
import { sourceFromConfig } from '../src/source-from-config.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { listen, type Listening } from './fixtures/listen.js';

const API_KEY = 'media-urls-ahead-key-0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/**
 * A step's images in cloud mode: the first of them the server downloads asks wandb for the signed
 * URLs of all of them, in one request, instead of one request per image as the browser asks for each.
 */
describe('signed URLs of a step asked for ahead', () => {
  let dataset: Dataset;
  let fake: FakeWandb;
  let server: Listening;

  beforeAll(async () => {
    dataset = await imageDataset({ runs: 3, lastStep: 10, every: 10, gridSize: 4, size: 32 });
    fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY });
    fake.latency.ms = 30;
    const opened = await sourceFromConfig(
      readConfig([], { WANDB_API_KEY: API_KEY, WANDB_BASE_URL: fake.url }, '/nonexistent'),
    );
    const app = createApp({
      source: opened.source,
      defaults: { entity: dataset.entity, project: dataset.project },
      logger: createJsonLogger({ write: () => {}, secrets: opened.secrets }),
      options: { secrets: opened.secrets },
    });
    server = await listen(app);
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it('loads a grid of 3 runs × 5 images with at most one request for URLs per run, not one per image', async () => {
    const api = `http://127.0.0.1:${server.port}/api`;
    fake.requests.reset();
    const keys = 'samples/grid,val/reference';
    const cells = (
      await Promise.all(
        dataset.runs.map(async (run) => {
          const res = await fetch(
            `${api}/runs/${dataset.entity}/${dataset.project}/${run.id}/images?keys=${keys}&step=10`,
          );
          const { sets } = (await res.json()) as { sets: { images: { path: string }[] }[] };
          return sets.flatMap((set) => set.images.map((image) => ({ runId: run.id, path: image.path })));
        }),
      )
    ).flat();
    expect(cells).toHaveLength(15);
    // As a browser: every thumbnail at once, as soon as the step's images are known.
    const thumbs = await Promise.all(
      cells.map((cell) =>
        fetch(`${api}/media/${dataset.entity}/${dataset.project}/${cell.runId}/${cell.path}?w=64`).then(
          async (res) => ({
            status: res.status,
            type: res.headers.get('content-type'),
            bytes: (await res.arrayBuffer()).byteLength,
          }),
        ),
      ),
    );
    expect(thumbs.every((t) => t.status === 200 && t.type === 'image/webp' && t.bytes > 0)).toBe(true);
    expect(fake.requests.countKind('storage')).toBe(15);
    // One request per run at most (runs asked in the same tick share one), none per image.
    const urlRequests = fake.requests.all.filter((r) => r.operation === 'RunFiles');
    expect(urlRequests.length).toBeGreaterThan(0);
    expect(urlRequests.length).toBeLessThanOrEqual(dataset.runs.length);
  });
});
