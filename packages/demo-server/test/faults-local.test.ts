import { readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dataset, DatasetRun } from '@run-comparer/wandb-client';
import { writeDataset, writeRunDirectory } from '@run-comparer/wandb-client/local';
import { imageDataset } from './fixtures/image-dataset.js';
import { startServerProcess, type ServerProcess } from './fixtures/server-process.js';

/**
 * Run files changing under the real server process (local mode) while it serves them: a run
 * appears, one is cut short, one is damaged, one is deleted. Each shows in the API within the
 * cache's few seconds, without a restart, and nothing answers 5xx or hangs.
 */

let dataset: Dataset;
let root: string;
let dir: string;
let server: ServerProcess;

beforeAll(async () => {
  dataset = await imageDataset({ runs: 3, lastStep: 100, every: 10, gridSize: 2, size: 32 });
});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'rc-faults-local-'));
  dir = join(root, 'wandb');
  writeDataset(dataset, dir);
  server = await startServerProcess({ cwd: root, args: ['--dir', dir] });
});

afterEach(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

const api = async (path: string) => {
  const response = await fetch(new URL(`api${path}`, server.url));
  const body = (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } };
  return { status: response.status, body };
};
/** imageDataset's entity and project. */
const project = 'demo-team/img-gen';
const runIds = async () =>
  ((await api(`/projects/${project}/runs?perPage=50`)).body.runs as { id: string }[]).map((r) => r.id).sort();
const stepsOf = async (runId: string) =>
  (await api(`/runs/${project}/${runId}/steps?keys=samples/grid&missing=empty`)).body.steps as number[];
const runFile = (runId: string) => {
  const runDir = join(
    dir,
    readdirSync(dir).find((name) => name.endsWith(`-${runId}`))!,
  );
  return { runDir, file: join(runDir, `run-${runId}.wandb`) };
};
// A refresh within the server's cache lifetime may still see the old answer; the next ones must not.
const within = { timeout: 12_000, interval: 500 };

describe('local run files changing while the server runs', () => {
  it('a new run appears in the list and serves its images', async () => {
    expect(await runIds()).toEqual(['run0', 'run1', 'run2']);
    const newcomer: DatasetRun = {
      ...structuredClone(dataset.runs[0]!),
      id: 'late9',
      displayName: 'late-arrival',
      createdAt: '2026-02-01T00:00:00.000Z',
    };
    writeRunDirectory(newcomer, dir, { entity: dataset.entity, project: dataset.project });
    await expect.poll(runIds, within).toEqual(['late9', 'run0', 'run1', 'run2']);
    expect(await stepsOf('late9')).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const images = await api(`/runs/${project}/late9/images?keys=samples/grid&step=50`);
    const path = (images.body.sets as { images: { path: string }[] }[])[0]!.images[0]!.path;
    const media = await fetch(new URL(`api/media/${project}/late9/${path}?w=16`, server.url));
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/webp');
  });

  it('a run file cut short shows as a crashed run with fewer steps and says why', async () => {
    // As the page does: list the runs (the server learns they are finished), then read steps.
    expect(await runIds()).toEqual(['run0', 'run1', 'run2']);
    expect(await stepsOf('run1')).toHaveLength(11);
    const { file } = runFile('run1');
    truncateSync(file, Math.floor(statSync(file).size * 0.45));
    await expect.poll(async () => (await stepsOf('run1')).length, within).toBeLessThan(11);
    const run = (await api(`/runs/${project}/run1`)).body as { state: string; warnings: { code: string }[] };
    expect(run.state).toBe('crashed');
    expect(run.warnings.map((w) => w.code)).toContain('truncated_file');
    // An image of a step that is no longer in the file is not the run's any more: 404, not 5xx.
    const last = (await stepsOf('run1')).at(-1)!;
    const lostPath = (dataset.runs[1]!.history.at(-1)!['samples/grid'] as { filenames: string[] }).filenames[0]!;
    expect(last).toBeLessThan(100);
    const lost = await fetch(new URL(`api/media/${project}/run1/${lostPath}`, server.url));
    expect(lost.status).toBe(404);
  });

  it('a run file replaced by a damaged copy is read again; no request fails with 5xx', async () => {
    const { file } = runFile('run2');
    const bytes = readFileSync(file);
    bytes.fill(0xab, Math.floor(bytes.length * 0.3), Math.floor(bytes.length * 0.3) + 4096);
    writeFileSync(`${file}.tmp`, bytes);
    renameSync(`${file}.tmp`, file);
    await expect
      .poll(async () => ((await api(`/runs/${project}/run2`)).body.warnings as { code: string }[]).length, within)
      .toBeGreaterThan(0);
    const run = (await api(`/runs/${project}/run2`)).body as { warnings: { code: string; message: string }[] };
    expect(run.warnings.map((w) => w.code).join(' ')).toMatch(/damaged_file|unreadable_records/);
    expect(run.warnings[0]!.message.length).toBeGreaterThan(20);
    for (const path of [
      `/projects/${project}/runs`,
      `/runs/${project}/run2/image-keys`,
      `/runs/${project}/run2/steps?keys=samples/grid`,
      `/runs/${project}/run2/images?keys=samples/grid&step=0`,
    ]) {
      expect((await api(path)).status, path).toBeLessThan(500);
    }
  });

  it('a deleted run leaves the list; asking for it is a 404 that names it', async () => {
    expect(await runIds()).toEqual(['run0', 'run1', 'run2']);
    expect(await stepsOf('run0')).toHaveLength(11);
    rmSync(runFile('run0').runDir, { recursive: true });
    await expect.poll(runIds, within).toEqual(['run1', 'run2']);
    await expect
      .poll(async () => (await api(`/runs/${project}/run0/steps?keys=samples/grid`)).status, within)
      .toBe(404);
    const gone = await api(`/runs/${project}/run0/steps?keys=samples/grid`);
    expect(gone.body.error!.message).toContain('run0');
  });
});
