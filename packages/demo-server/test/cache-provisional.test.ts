import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryRow } from '@run-comparer/wandb-client';
import { openLocalRuns, writeRunDirectory } from '@run-comparer/wandb-client/local';
import { createCachedSource } from '../src/cache/cached-source.js';

const PROJECT = { entity: 'acme', project: 'long-runs' };
const REF = { ...PROJECT, runId: 'long0001' };

/** A finished run of about 2 MB: large enough that the local source lists it from its ends. */
function* rows(): Generator<HistoryRow> {
  for (let step = 0; step < 6_000; step++) {
    const row: HistoryRow = { _step: step };
    for (let k = 0; k < 16; k++) row[`train/metric_${k}`] = Math.sin(step * (k + 1)) / (step + 1);
    // Logged only early on: its last value is in the summary only once the whole file is read.
    if (step < 100) row['warmup/lr'] = step * 1e-6;
    yield row;
  }
}

describe('cached source over a local run listed from the ends of its file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-provisional-'));
    writeRunDirectory(
      { id: REF.runId, displayName: 'long', state: 'finished', createdAt: '2026-02-01T00:00:00Z', history: rows() },
      join(dir, 'wandb'),
      PROJECT,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('does not keep provisional answers: once the file is read whole, get and list say so', async () => {
    const local = openLocalRuns({ dir, backgroundIndexing: false });
    // The server's settings for a source whose finished runs may be kept for ten minutes.
    const cached = createCachedSource(local, { finishedTtlMs: 10 * 60_000, listTtlMs: 60_000 });
    const listed = (await cached.list(PROJECT)).runs[0]!;
    expect(listed.warnings.map((w) => w.code)).toEqual(['provisional']);
    expect((await cached.get(REF)).warnings.map((w) => w.code)).toEqual(['provisional']);

    await local.indexAll();
    const whole = await cached.get(REF);
    expect(whole.warnings).toEqual([]);
    expect(whole.summary['warmup/lr']).toBeCloseTo(99e-6);
    expect((await cached.list(PROJECT)).runs[0]!.warnings).toEqual([]);
    // A finished run read whole is kept as before.
    expect(await cached.get(REF)).toBe(await cached.get(REF));
  });
});
