import { execFile } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { LocalSourceStats } from '../../src/local/index.js';
import { tempDir } from './helpers.js';
import { FileSink } from '../../src/local/writer/file-sink.js';
import { TRAINING_ENTITY, TRAINING_PROJECT, TrainingLogWriter } from './training-log.js';

const LOCAL = pathToFileURL(fileURLToPath(new URL('../../src/local/index.ts', import.meta.url))).href;
const TSX = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs'),
);

/** A script that lists the runs (and, with `all`, waits for every file to be read whole), then ends. */
const SCRIPT = `
import { openLocalRuns } from ${JSON.stringify(LOCAL)};
const [dir, mode] = process.argv.slice(2);
const source = openLocalRuns({ dir });
const { runs } = await source.list(${JSON.stringify({ entity: TRAINING_ENTITY, project: TRAINING_PROJECT })});
if (mode === 'all') await source.indexAll();
process.on('exit', () => console.log(JSON.stringify({ runs: runs.length, ...source.stats() })));
`;

describe('a script using the local source', () => {
  it('exits when its own work is done, without waiting for the background reading; indexAll() waits', async () => {
    const dir = await tempDir();
    const runDir = join(dir, 'wandb', 'offline-run-20260101_000000-script01');
    mkdirSync(runDir, { recursive: true });
    const file = join(runDir, 'run-script01.wandb');
    const sink = new FileSink(file);
    const writer = new TrainingLogWriter(sink.write, 'script01', { seed: 31, imageEvery: 500 });
    writer.begin(Date.UTC(2026, 0, 1));
    writer.writeUntil(20e6);
    sink.close();
    const script = join(dir, 'list.mjs');
    writeFileSync(script, SCRIPT);
    const run = async (mode: string) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--conditions=source', '--import', TSX.href, script, dir, mode],
        { timeout: 60_000 },
      );
      return JSON.parse(stdout.trim().split('\n').at(-1)!) as LocalSourceStats & { runs: number };
    };
    const size = statSync(file).size;

    const listed = await run('list');
    expect(listed.runs).toBe(1);
    expect(listed.partialRuns).toBe(1);
    expect(listed.bytesRead).toBeLessThan(size);

    const waited = await run('all');
    expect(waited.partialRuns).toBe(0);
    expect(waited.bytesRead).toBeGreaterThanOrEqual(size);
  });
});
