import { appendFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalRuns, RunLogWriter, writeRunDirectory } from '../../src/local/index.js';
import type { DatasetRun } from '../../src/memory/dataset.js';
import { tempDir } from './helpers.js';

const PROJECT = { entity: 'team', project: 'live' };

/** A training job writing its run file as it goes: each call appends rows and flushes. */
function startJob(dir: string, runId: string) {
  const runDir = join(dir, 'wandb', `run-20261123_120000-${runId}`);
  mkdirSync(join(runDir, 'files'), { recursive: true });
  const file = join(runDir, `run-${runId}.wandb`);
  let pending: Uint8Array[] = [];
  const writer = new RunLogWriter((bytes) => pending.push(bytes.slice()), runId);
  const flush = (keep = 0) => {
    const bytes = Buffer.concat(pending);
    appendFileSync(file, bytes.subarray(0, bytes.length - keep));
    pending = keep > 0 ? [bytes.subarray(bytes.length - keep)] : [];
    return bytes.length - keep;
  };
  const started = Date.now();
  writer.header();
  writer.run({ ...PROJECT, runId, displayName: `job ${runId}`, startTime: started, config: { lr: 0.001 } });
  let step = 0;
  const log = (rows: number, imageEvery = 5) => {
    for (let i = 0; i < rows; i++, step++) {
      const row: Record<string, unknown> = { loss: 1 / (step + 1), _timestamp: Date.now() / 1000, _step: step };
      if (step % imageEvery === 0) {
        row.samples = {
          _type: 'image-file',
          path: `media/images/samples_${step}_x.png`,
          format: 'png',
          width: 8,
          height: 8,
        };
        writer.files([`media/images/samples_${step}_x.png`]);
      }
      writer.history(step, row);
    }
  };
  return { file, writer, flush, log, ref: { ...PROJECT, runId } };
}

describe('a run that is still being written', () => {
  it('reads only the new bytes on each call and follows the run step by step', async () => {
    const dir = await tempDir();
    const job = startJob(dir, 'live01');
    job.log(10);
    job.flush();
    const source = openLocalRuns({ dir });
    const first = await source.get(job.ref);
    expect(first).toMatchObject({ state: 'running', lastStep: 9, warnings: [] });
    expect(source.stats().bytesParsed).toBe(statSync(job.file).size);

    const unchanged = source.stats().bytesParsed;
    await source.get(job.ref);
    expect(source.stats().bytesParsed - unchanged).toBe(0);

    for (let round = 0; round < 3; round++) {
      const before = source.stats().bytesParsed;
      job.log(10);
      const appended = job.flush();
      const run = await source.get(job.ref);
      expect(source.stats().bytesParsed - before).toBe(appended);
      expect(run.lastStep).toBe(19 + round * 10);
    }
    expect((await source.steps(job.ref, { keys: ['samples'] })).steps).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);

    job.writer.exit(0, 12);
    job.writer.summary({ loss: 0.01, best: 1 });
    job.writer.final();
    job.writer.footer();
    job.flush();
    expect(await source.get(job.ref)).toMatchObject({ state: 'finished', summary: { loss: 0.01, best: 1 } });
  });

  it('waits for a record written halfway, without a warning, and reads it when the rest arrives', async () => {
    const dir = await tempDir();
    const job = startJob(dir, 'live02');
    job.log(3);
    job.flush();
    const source = openLocalRuns({ dir });
    expect((await source.get(job.ref)).lastStep).toBe(2);
    job.log(1);
    job.flush(20); // the buffered writer has flushed all but the last 20 bytes of step 3
    const half = await source.get(job.ref);
    expect(half).toMatchObject({ state: 'running', lastStep: 2, warnings: [] });
    job.flush();
    expect((await source.get(job.ref)).lastStep).toBe(3);
  });

  it('calls a run crashed once its file has stopped growing, without an exit record', async () => {
    const dir = await tempDir();
    const job = startJob(dir, 'live03');
    job.log(4);
    job.flush(5);
    let clock = Date.now();
    const source = openLocalRuns({ dir, now: () => clock, staleAfterMs: 60_000 });
    expect((await source.get(job.ref)).state).toBe('running');
    clock += 61_000;
    const stopped = await source.get(job.ref);
    expect(stopped.state).toBe('crashed');
    expect(stopped.warnings.map((w) => w.code)).toEqual(['truncated_file']);
  });

  it('picks up new run directories and drops deleted ones on the next call', async () => {
    const dir = await tempDir();
    const run = (id: string, createdAt: string): DatasetRun => ({
      id,
      displayName: id,
      state: 'finished',
      createdAt,
      history: [{ _step: 0, loss: 1 }],
    });
    const wandb = join(dir, 'wandb');
    const first = writeRunDirectory(run('aaa111', '2026-03-01T00:00:00Z'), wandb, PROJECT);
    const source = openLocalRuns({ dir });
    expect((await source.list(PROJECT)).runs.map((r) => r.id)).toEqual(['aaa111']);

    writeRunDirectory(run('bbb222', '2026-03-02T00:00:00Z'), wandb, PROJECT);
    expect((await source.list(PROJECT)).runs.map((r) => r.id)).toEqual(['bbb222', 'aaa111']);
    expect((await source.get({ ...PROJECT, runId: 'bbb222' })).lastStep).toBe(0);

    rmSync(first, { recursive: true });
    expect((await source.list(PROJECT)).runs.map((r) => r.id)).toEqual(['bbb222']);
    await expect(source.get({ ...PROJECT, runId: 'aaa111' })).rejects.toMatchObject({ code: 'not_found' });
    expect(source.stats().runDirs).toBe(1);
  });

  it('says clearly when the directory does not exist, and works once it appears', async () => {
    const dir = await tempDir();
    const missing = join(dir, 'later');
    const source = openLocalRuns({ dir: missing });
    await expect(source.list(PROJECT)).rejects.toMatchObject({
      code: 'run_file',
      message: expect.stringContaining('does not exist'),
    });
    writeRunDirectory(
      { id: 'ccc333', displayName: 'c', state: 'finished', createdAt: '2026-03-03T00:00:00Z', history: [] },
      join(missing, 'wandb'),
      PROJECT,
    );
    expect((await source.list(PROJECT)).runs.map((r) => r.id)).toEqual(['ccc333']);
  });
});
