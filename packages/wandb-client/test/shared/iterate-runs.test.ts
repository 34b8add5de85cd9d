import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHttpSource, createMemorySource, iterateRuns, type RunPage, type RunSource } from '../../src/index.js';
import { openLocalRuns, writeDataset } from '../../src/local/index.js';
import { contractDataset } from '../contract/run-source.contract.js';
import { serveApi } from '../http/serve.js';

const dataset = contractDataset();
const project = { entity: dataset.entity, project: dataset.project };

async function idsOf(source: Pick<RunSource, 'list'>, perPage: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const run of iterateRuns(source, { ...project, perPage })) ids.push(run.id);
  return ids;
}

describe('iterateRuns', () => {
  it('yields every run once, newest first, over the pages of a memory, local and HTTP source', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iterate-runs-'));
    writeDataset(dataset, join(dir, 'wandb'));
    const served = await serveApi(dataset);
    try {
      for (const source of [
        createMemorySource(dataset),
        openLocalRuns({ dir }),
        createHttpSource({ baseUrl: served.baseUrl }),
      ]) {
        expect(await idsOf(source, 1), source.kind).toEqual(['r2beta', 'r1alpha', 'r3gamma']);
        expect(await idsOf(source, 1000), source.kind).toEqual(['r2beta', 'r1alpha', 'r3gamma']);
      }
    } finally {
      await served.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('drops a run a later page repeats, and stops with an error when a cursor comes back', async () => {
    const run = (await createMemorySource(dataset).list(project)).runs[0]!;
    const pages: RunPage[] = [
      { runs: [run], nextCursor: 'a', total: null },
      { runs: [run], nextCursor: 'b', total: null },
      { runs: [], nextCursor: 'a', total: null },
    ];
    let asked = 0;
    const looping = { list: async () => pages[Math.min(asked++, pages.length - 1)]! };
    const seen: string[] = [];
    const error = await (async () => {
      for await (const r of iterateRuns(looping, project)) seen.push(r.id);
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(seen).toEqual([run.id]);
    expect(error).toMatchObject({ code: 'upstream', message: expect.stringContaining('stopped advancing') });
    expect(asked).toBe(3);
  });

  it('passes the signal on: an aborted iteration rejects with an AbortError', async () => {
    const controller = new AbortController();
    controller.abort();
    const iteration = iterateRuns(createMemorySource(dataset), project, { signal: controller.signal });
    await expect(iteration.next()).rejects.toMatchObject({ name: 'AbortError' });
  });
});
