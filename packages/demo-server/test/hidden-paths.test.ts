import { readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@run-comparer/wandb-client';
import { writeDataset } from '@run-comparer/wandb-client/local';
import { shownDirectory } from '../src/hidden-paths.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { startServerProcess, type ServerProcess } from './fixtures/server-process.js';

describe('how the server names a directory', () => {
  it.each([
    ['/srv/train/wandb', '/srv/train', 'wandb'],
    ['/srv/train/runs/wandb', '/srv/train', 'runs/wandb'],
    ['runs/wandb', '/srv/train', 'runs/wandb'],
    ['/srv/train/..cache/wandb', '/srv/train', '..cache/wandb'],
    ['/srv/train', '/srv/train', 'train'],
    ['/data/wandb', '/srv/train', 'wandb'],
    ['../other/wandb', '/srv/train', 'wandb'],
    ['/', '/srv/train', '/'],
  ])('%s from %s is "%s"', (dir, cwd, shown) => {
    expect(shownDirectory(dir, cwd)).toBe(shown);
  });
});

describe('the real server process in local mode never reveals where the runs are on its disk', () => {
  let dataset: Dataset;
  let root: string;
  let dir: string;
  let server: ServerProcess;
  const answers: { what: string; text: string }[] = [];

  const get = async (path: string, init?: RequestInit) => {
    const response = await fetch(new URL(path, server.url), init);
    const text = await response.text();
    answers.push({ what: `${init?.method ?? 'GET'} ${path} → ${response.status}`, text });
    return { status: response.status, text, json: () => JSON.parse(text) };
  };

  beforeAll(async () => {
    dataset = await imageDataset({ runs: 3, lastStep: 20, every: 10, gridSize: 1, size: 16 });
    root = await mkdtemp(join(tmpdir(), 'rc-hidden-paths-'));
    // The runs sit under the working directory, reached through a symlink to their real place.
    const real = join(root, 'elsewhere', 'wandb');
    writeDataset(dataset, real);
    await mkdir(join(root, 'repo', 'runs'), { recursive: true });
    dir = join(root, 'repo', 'runs', 'wandb');
    await symlink(real, dir);
    // One run file damaged, one cut short: their warnings and errors are about files on disk.
    const runFile = (runId: string) => {
      const runDir = readdirSync(real).find((name) => name.endsWith(`-${runId}`))!;
      return join(real, runDir, `run-${runId}.wandb`);
    };
    writeFileSync(runFile('run1'), 'this is not a wandb run file at all, just text');
    truncateSync(runFile('run2'), 200);
    server = await startServerProcess({ cwd: join(root, 'repo'), args: ['--dir', dir] });
  });

  afterAll(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('names the directory relative to its working directory on the page and in /api/health', async () => {
    const health = (await get('/api/health')).json();
    expect(health.source).toEqual({ kind: 'local', description: 'local runs in runs/wandb' });
    expect((await get('/')).text).toContain('local runs in runs/wandb');
    expect(server.stderr()).toContain(`runs from  local runs in runs/wandb (${dir})`);
  });

  it('answers runs, warnings, errors and media without the absolute directory', async () => {
    const project = `${dataset.entity}/${dataset.project}`;
    const runs = (await get(`/api/projects/${project}/runs?perPage=50`)).json().runs as { id: string }[];
    expect(runs.map((r) => r.id).sort()).toEqual(['run0', 'run1', 'run2']);
    for (const runId of ['run0', 'run1', 'run2', 'ghost']) {
      const base = `/api/runs/${project}/${runId}`;
      await get(base);
      await get(`${base}/image-keys`);
      await get(`${base}/steps?keys=samples/grid`);
      await get(`${base}/images?keys=samples/grid&step=10`);
      await get(`/api/media/${project}/${runId}/media/images/missing.png`);
    }
    await get(`/api/projects/${dataset.entity}/no-such-project/runs`);
    await get('/api/index', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...dataset, runs: undefined, runIds: ['run0', 'run1', 'ghost'], keys: ['samples/grid'] }),
    });

    const warnings = answers.filter((a) => a.what.startsWith('GET /api/runs/') && /"warnings":\[\{/.test(a.text));
    expect(warnings.length, 'the damaged runs carry warnings').toBeGreaterThan(0);
    expect(
      answers.some((a) => a.text.includes('runs/wandb/')),
      'messages still name the files',
    ).toBe(true);
    for (const { what, text } of answers) {
      expect(text.includes(root), `${what} reveals ${root}: ${text.slice(0, 300)}`).toBe(false);
    }
  });
});
