import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { useHarness } from './helpers.js';

const keys = ['samples/grid', 'val/reference'];
const dataset = syntheticDataset({ runs: 2, imageKeys: keys, lastStep: 400, imageEvery: 2 });
const [short, whole] = dataset.runs.map((r) => ({ entity: dataset.entity, project: dataset.project, runId: r.id })) as [
  { entity: string; project: string; runId: string },
  { entity: string; project: string; runId: string },
];
const logged = Array.from({ length: 201 }, (_, i) => i * 2);

describe('a step list wandb answers short says so', () => {
  const h = useHarness([dataset], {}, {});

  it('flags the steps of a run whose answers fall short of the historyKeys counts', async () => {
    // A server that samples harder than asked: at most 50 rows per spec, whatever `samples` says.
    h.fake.history.set(short.runId, { maxRowsPerSpec: 50 });
    const index = await h.client.images.steps(short, { keys });
    expect(index.steps.length).toBeLessThan(logged.length);
    expect(index.incomplete).toEqual({
      expectedRows: 402,
      receivedRows: expect.any(Number),
      keys,
      message: expect.stringMatching(
        /^Some steps may be missing: wandb returned \d+ of 402 image rows \(samples\/grid, val\/reference\)\.$/,
      ),
    });
    expect(index.incomplete!.receivedRows).toBe(
      index.byKey['samples/grid']!.length + index.byKey['val/reference']!.length,
    );
  });

  it('flags only the short run of an index; the others are complete and say nothing', async () => {
    h.fake.history.set(short.runId, { maxRowsPerSpec: 50 });
    const [first, second] = await h.client.images.index([short, whole], { keys });
    expect(first!.incomplete).toMatchObject({ expectedRows: 402, keys });
    expect(second!.incomplete ?? null).toBeNull();
    expect(second!.byKey['samples/grid']!.map((s) => s.step)).toEqual(logged);
  });
});

describe('odd entries skip that entry, not the run', () => {
  const h = useHarness([dataset]);

  it('reads the image keys of a run whose historyKeys has odd entries, and says what it skipped', async () => {
    h.fake.history.set(short.runId, {
      extraHistoryKeys: {
        'odd/null': null,
        'odd/shape': { typeCounts: 'image-file' },
        'odd/count': { typeCounts: [{ type: 'image-file', count: 'many' }] },
      },
    });
    const index = await h.client.images.index([short]);
    expect(index[0]!.error).toBeNull();
    expect(Object.keys(index[0]!.byKey).sort()).toEqual(['odd/count', ...keys]);
    expect(index[0]!.byKey['samples/grid']!.map((s) => s.step)).toEqual(logged);
    expect(index[0]!.warnings).toEqual([
      {
        code: 'history_keys_skipped',
        message: expect.stringContaining(
          '3 history keys in a shape this client does not know ("odd/null", "odd/shape", "odd/count")',
        ),
      },
    ]);
    expect(await h.client.images.keys(short)).toEqual(['odd/count', ...keys]);
  });

  it('skips nulls among sampledHistory rows and keeps every real row', async () => {
    h.fake.history.set(short.runId, { nullRowEvery: 7 });
    const index = await h.client.images.steps(short, { keys });
    expect(index.byKey['samples/grid']).toEqual(logged);
    expect(index.byKey['val/reference']).toEqual(logged);
    expect(index.incomplete ?? null).toBeNull();
    expect(index.warnings).toEqual([
      {
        code: 'history_rows_skipped',
        message: expect.stringMatching(/^wandb sent \d+ history entries that were not a row \(null\); skipped\.$/),
      },
    ]);
    expect((await h.client.images.at(short, { keys, step: 40 })).map((set) => set.step)).toEqual([40, 40]);
  });
});
