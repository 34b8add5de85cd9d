import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageSetFromValue } from '../../src/images.js';
import { mediaPathsOf } from '../../src/media-values/media-paths.js';
import { summaryOnlySets } from '../../src/media-values/summary-media.js';
import {
  openLocalRuns,
  readRunRecords,
  RunLogWriter,
  writeDataset,
  writeRunDirectory,
  type RunFileRecord,
} from '../../src/local/index.js';
import { BLOCK_SIZE, CHUNK_FIRST, CHUNK_FULL, CHUNK_LAST, CHUNK_MIDDLE } from '../../src/local/log/format.js';
import { LogWriter } from '../../src/local/log/writer.js';
import type { ProtoWriter } from '../../src/local/proto/writer.js';
import { summaryOf, type Dataset } from '../../src/memory/dataset.js';
import { contractDataset } from '../contract/contract-dataset.js';
import { parseBytes, tempDir } from './helpers.js';

async function recordsOf(file: string): Promise<RunFileRecord[]> {
  const out: RunFileRecord[] = [];
  for await (const record of readRunRecords(file)) out.push(record);
  return out;
}

/** Chunk types and lengths, walked independently of the reader. */
function chunks(bytes: Uint8Array): { at: number; type: number; length: number }[] {
  const out = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 7;
  while (at + 7 <= bytes.length) {
    if (BLOCK_SIZE - (at % BLOCK_SIZE) < 7) {
      at += BLOCK_SIZE - (at % BLOCK_SIZE);
      continue;
    }
    const length = view.getUint16(at + 4, true);
    out.push({ at, type: bytes[at + 6]!, length });
    at += 7 + length;
  }
  return out;
}

function richDataset(): Dataset {
  const dataset = contractDataset();
  const alpha = dataset.runs[0]!;
  alpha.config = {
    ...alpha.config,
    'unicode ключ': 'värde ✓',
    schedule: Array.from({ length: 6000 }, (_, i) => Math.round(Math.cos(i) * 1e6) / 1e6),
  };
  alpha.history[3] = {
    ...alpha.history[3]!,
    'eval/nan': NaN,
    'eval/inf': -Infinity,
    optim: { lr: 1e-4, betas: [0.9, 0.99] },
  };
  return dataset;
}

describe('the writer and the reader', () => {
  it('round-trips a dataset: config, summary, steps and images as the dataset has them', async () => {
    const dir = await tempDir();
    const dataset = richDataset();
    writeDataset(dataset, join(dir, 'wandb'));
    const source = openLocalRuns({ dir });
    for (const data of dataset.runs) {
      const ref = { entity: dataset.entity, project: dataset.project, runId: data.id };
      const run = await source.get(ref);
      // wandb's own `_wandb` entry is not config a user set: the class labels it holds are `classLabels`.
      const { _wandb: bookkeeping, ...config } = data.config ?? {};
      expect(run.config).toEqual(config);
      expect(run.classLabels === undefined).toBe(bookkeeping === undefined);
      const expectedSummary = summaryOf(data);
      if (data.state === 'crashed') delete expectedSummary.best_fid;
      expect(run.summary).toEqual(expectedSummary);
      expect(run).toMatchObject({
        displayName: data.displayName,
        tags: data.tags ?? [],
        lastStep: data.history.at(-1)!._step,
        warnings: [],
      });
      // A crashed run writes no summary record: its summary is the last history values, which hold no summary-only media.
      const fromSummary = summaryOnlySets(data.state === 'crashed' ? {} : expectedSummary, run.lastStep, () => false);
      for (const key of await source.keys(ref)) {
        const [index] = await source.index([ref], { keys: [key] });
        const inHistory = data.history.flatMap((row) => imageSetFromValue(key, row._step, row[key]) ?? []);
        const expected = inHistory.length > 0 ? inHistory : fromSummary.filter((set) => set.key === key);
        expect(expected.length).toBeGreaterThan(0);
        expect(index!.byKey[key]).toEqual(expected);
      }
    }
  });

  it('writes records in the order wandb does, with media FilesRecords just before their row', async () => {
    const dir = await tempDir();
    const dataset = contractDataset();
    const [alphaDir] = writeDataset(dataset, join(dir, 'wandb'));
    const records = (await recordsOf(join(alphaDir!, 'run-r1alpha.wandb'))).flatMap((r) =>
      r.kind === 'record' ? [r.record] : [],
    );
    const types = records.map((r) => r.type);
    expect(types.slice(0, 4)).toEqual(['header', 'run', 'files', 'config']);
    expect(types.slice(-4)).toEqual(['exit', 'summary', 'final', 'footer']);
    expect(records.map((r) => r.num)).toEqual(records.map((_, i) => i + 1));
    const row10 = records.findIndex((r) => r.type === 'history' && r.step === 10);
    const row9 = records.findLastIndex((r, i) => i < row10 && r.type === 'history');
    const between = records.slice(row9, row10).map((r) => (r.type === 'files' ? r.files.map((f) => f.path) : r.type));
    // Every file row 10 names: the list's images, the sprite, the detection image and its box and mask files.
    const named = Object.entries(dataset.runs[0]!.history[10]!).flatMap(([key, value]) => {
      const set = imageSetFromValue(key, 10, value);
      return set ? mediaPathsOf(set) : [];
    });
    expect(named.filter((path) => /\.(boxes2D\.json|mask\.png)$/.test(path))).toHaveLength(3);
    expect(between.flat()).toEqual(['history', ...named]);
  });

  it('leaves a crashed run without end records, and a torn or cut tail when asked', async () => {
    const dir = await tempDir();
    const data = contractDataset().runs[1]!;
    const wandb = join(dir, 'wandb');
    const torn = writeRunDirectory(data, wandb, { entity: 'e', project: 'p', tornTail: true });
    const records = await recordsOf(join(torn, 'run-r2beta.wandb'));
    expect(records.some((r) => r.kind === 'record' && ['exit', 'summary', 'footer'].includes(r.record.type))).toBe(
      false,
    );
    expect(records.at(-1)).toMatchObject({ kind: 'truncated' });
    const run = await openLocalRuns({ dir }).get({ entity: 'e', project: 'p', runId: 'r2beta' });
    expect(run).toMatchObject({ state: 'crashed', lastStep: 12 });
    expect(run.warnings.map((w) => w.code)).toEqual(['truncated_file']);

    const cut = writeRunDirectory(data, wandb, { entity: 'e', project: 'p', cutBytes: 40 });
    const cutRun = await openLocalRuns({ dir }).get({ entity: 'e', project: 'p', runId: 'r2beta' });
    expect(cut).toBe(torn);
    expect(cutRun).toMatchObject({ state: 'crashed', lastStep: 11 });
  });

  it('splits records across blocks, pads short block tails and writes a zero-length FIRST chunk as LevelDB does', () => {
    const out: Uint8Array[] = [];
    const writer = new LogWriter((bytes) => out.push(bytes.slice()));
    const payloads = [
      new Uint8Array(BLOCK_SIZE - 7 - 7 - 7).fill(1), // leaves exactly 7 bytes in block 0
      new Uint8Array(100).fill(2), // zero-length FIRST, then LAST in block 1
      new Uint8Array(BLOCK_SIZE - 100 - 7 - 7 - 3).fill(3), // leaves 3 bytes: padding
      new Uint8Array(3 * BLOCK_SIZE).fill(4), // FIRST, MIDDLE, MIDDLE, LAST
      new Uint8Array(0), // an empty record: one empty FULL chunk
    ];
    for (const payload of payloads) writer.append(payload);
    const bytes = Buffer.concat(out);
    const types = chunks(bytes).map((c) => [c.type, c.length]);
    expect(types.slice(0, 4)).toEqual([
      [CHUNK_FULL, BLOCK_SIZE - 21],
      [CHUNK_FIRST, 0],
      [CHUNK_LAST, 100],
      [CHUNK_FULL, BLOCK_SIZE - 117],
    ]);
    expect(types.slice(4).map(([type]) => type)).toEqual([
      CHUNK_FIRST,
      CHUNK_MIDDLE,
      CHUNK_MIDDLE,
      CHUNK_LAST,
      CHUNK_FULL,
    ]);
    expect([...bytes.subarray(2 * BLOCK_SIZE - 3, 2 * BLOCK_SIZE)]).toEqual([0, 0, 0]);
    const parsed = parseBytes(bytes);
    expect(parsed.damage).toEqual([]);
    expect(parsed.records.map((r) => Buffer.from(r.payload))).toEqual(payloads.map((p) => Buffer.from(p)));
  });

  it('reads history items in any field order, with nested keys, unknown fields and shifting key sets', async () => {
    const dir = await tempDir();
    const runDir = join(dir, 'wandb', 'offline-run-20260101_000000-odd1');
    mkdirSync(runDir, { recursive: true });
    const out: Uint8Array[] = [];
    const writer = new RunLogWriter((bytes) => out.push(bytes.slice()), 'odd1');
    writer.header();
    writer.run({ runId: 'odd1', entity: 'e', project: 'p', startTime: Date.parse('2026-01-01T00:00:00Z') });
    const item = (w: ProtoWriter, key: string, json: string) =>
      w.message(1, (i) => i.string(16, json).varint(7, 1).string(1, key));
    writer.record('history', (w) => {
      item(w, 'loss', '0.5');
      w.message(1, (i) => i.string(2, 'optim').string(2, 'lr').string(16, '0.001'));
      w.message(2, (step) => step.varint(1, 0));
    });
    for (let step = 1; step < 40; step++) {
      writer.history(step, {
        ...(step % 3 === 0 ? { extra: step } : {}),
        loss: 1 / step,
        ...(step % 7 === 0
          ? { img: { _type: 'image-file', path: `media/images/img_${step}.png`, format: 'png' } }
          : {}),
        _step: step,
      });
    }
    writeFileSync(join(runDir, 'run-odd1.wandb'), Buffer.concat(out));
    const source = openLocalRuns({ dir });
    const run = await source.get({ entity: 'e', project: 'p', runId: 'odd1' });
    expect(run.summary).toEqual({
      loss: 1 / 39,
      'optim.lr': 0.001,
      extra: 39,
      img: expect.objectContaining({ path: 'media/images/img_35.png' }),
      _step: 39,
    });
    expect((await source.steps({ entity: 'e', project: 'p', runId: 'odd1' }, { keys: ['img'] })).steps).toEqual([
      7, 14, 21, 28, 35,
    ]);
  });

  it('writes the same bytes for the same dataset', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const dataset = richDataset();
    const [runA] = writeDataset(dataset, join(a, 'wandb'));
    const [runB] = writeDataset(dataset, join(b, 'wandb'));
    const file = 'run-r1alpha.wandb';
    expect(readFileSync(join(runA!, file)).equals(readFileSync(join(runB!, file)))).toBe(true);
    expect(statSync(join(runA!, file)).size).toBeGreaterThan(2 * BLOCK_SIZE);
  });
});
