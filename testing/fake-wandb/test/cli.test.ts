import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetDir, syntheticDataset } from '../src/index.js';
import { basic, post } from './helpers.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dataset = syntheticDataset({ runs: 2, lastStep: 4, imageEvery: 2 });

/** Write a dataset directory: dataset.json plus files/<runId>/<path>. */
async function writeDatasetDir(dir: string) {
  const runs = dataset.runs.map(({ files: _files, ...run }) => run);
  await writeFile(join(dir, 'dataset.json'), JSON.stringify({ ...dataset, runs }));
  for (const run of dataset.runs) {
    for (const [path, bytes] of Object.entries(run.files!)) {
      const target = join(dir, 'files', run.id, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
  }
}

describe('fake wandb from a dataset directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-wandb-'));
    await mkdir(join(dir, 'one'));
    await writeDatasetDir(join(dir, 'one'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads datasets and their files from disk', async () => {
    const [loaded] = await loadDatasetDir(dir);
    expect(loaded!.runs.map((r) => r.id)).toEqual(dataset.runs.map((r) => r.id));
    expect(loaded!.runs[0]!.files).toEqual(dataset.runs[0]!.files);
  });

  it('starts from the command line on a given port and serves the dataset', async () => {
    const key = 'cli-key-0123456789';
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        join(root, 'src/cli.ts'),
        '--data',
        dir,
        '--port',
        '0',
        '--api-key',
        key,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening at (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
      });
      const fake = { url } as Parameters<typeof post>[0];
      const query = `query { project(name: "${dataset.project}", entityName: "${dataset.entity}") { runCount } }`;
      expect((await post(fake, query, {}, { authorization: basic(key) })).body).toEqual({
        data: { project: { runCount: 2 } },
      });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
