import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalRuns, RunLogWriter, writeRunDirectory } from '../../src/local/index.js';
import type { DatasetRun } from '../../src/memory/dataset.js';
import { tempDir } from './helpers.js';

const PROJECT = { entity: 'team', project: 'scalars' };

describe('local scalar history', () => {
  it('follows a run that is still being written, a record cut halfway counted once it is whole', async () => {
    const dir = await tempDir();
    const runId = 'grow01';
    const runDir = join(dir, 'wandb', `run-20261203_120000-${runId}`);
    mkdirSync(join(runDir, 'files'), { recursive: true });
    const file = join(runDir, `run-${runId}.wandb`);
    let pending: Uint8Array[] = [];
    const writer = new RunLogWriter((bytes) => pending.push(bytes.slice()), runId);
    const flush = (keep = 0) => {
      const bytes = Buffer.concat(pending);
      appendFileSync(file, bytes.subarray(0, bytes.length - keep));
      pending = keep > 0 ? [bytes.subarray(bytes.length - keep)] : [];
    };
    writer.header();
    writer.run({ ...PROJECT, runId, displayName: 'growing', startTime: Date.now(), config: {} });
    let step = 0;
    const log = (rows: number) => {
      for (let i = 0; i < rows; i++, step++)
        writer.history(step, { _step: step, loss: 1 / (step + 1), epoch: step / 4 });
    };
    log(10);
    flush();
    const source = openLocalRuns({ dir });
    const ref = { ...PROJECT, runId };
    const losses = async () => (await source.history(ref, { keys: ['loss'] })).byKey.loss!.points.map(([s]) => s);
    expect(await losses()).toEqual([...Array(10).keys()]);

    log(10);
    flush(7); // the last row is cut: its record waits for the rest
    expect(await losses()).toEqual([...Array(19).keys()]);
    expect((await source.historyAt(ref, { keys: ['loss', 'epoch'], step: 100 })).byKey).toEqual({
      loss: { step: 18, value: 1 / 19 },
      epoch: { step: 18, value: 4.5 },
    });
    flush();
    expect(await losses()).toEqual([...Array(20).keys()]);
    expect((await source.historyAt(ref, { keys: ['loss'], step: 100 })).byKey.loss).toEqual({
      step: 19,
      value: 1 / 20,
    });
  });

  it('joins a resumed run: the later folder wins a step it logged again', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    const part = (day: number, steps: number[], loss: (step: number) => number, state: DatasetRun['state']) =>
      writeRunDirectory(
        {
          id: 'res1',
          displayName: 'resumed',
          state,
          createdAt: `2026-04-0${day}T09:00:00.000Z`,
          history: steps.map((s) => ({ _step: s, loss: loss(s), epoch: s / 2 })),
        },
        wandb,
        PROJECT,
      );
    // Crashed at step 9, resumed from the checkpoint of step 5: steps 5..9 trained again.
    part(1, [...Array(10).keys()], (s) => 10 - s, 'crashed');
    part(2, [5, 6, 7, 8, 9, 10, 11], (s) => 100 + s, 'finished');
    const source = openLocalRuns({ dir });
    const ref = { ...PROJECT, runId: 'res1' };
    const { points } = (await source.history(ref, { keys: ['loss'] })).byKey.loss!;
    expect(points).toEqual([
      ...[0, 1, 2, 3, 4].map((s) => [s, 10 - s]),
      ...[5, 6, 7, 8, 9, 10, 11].map((s) => [s, 100 + s]),
    ]);
    expect((await source.historyAt(ref, { keys: ['loss'], step: 7 })).byKey.loss).toEqual({ step: 7, value: 107 });
    expect(await source.scalarKeys(ref)).toEqual(['epoch', 'loss']);
  });
});
