import { mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalRuns, writeDataset } from '../../src/local/index.js';
import { RunIndex } from '../../src/local/index/run-index.js';
import { LogParser } from '../../src/local/log/parser.js';
import { LogWriter } from '../../src/local/log/writer.js';
import { decodeRecord } from '../../src/local/proto/records.js';
import { contractDataset } from '../contract/contract-dataset.js';
import { fixtureBytes, fixtureRun, parseBytes, rng, tempDir } from './helpers.js';

const A = fixtureRun('distill-lr2e-5');
const C = fixtureRun('distill-bigcfg-killed');

/** Parse through the full index (framing + protobuf + JSON), as the source does. */
function indexBytes(bytes: Uint8Array): RunIndex {
  const index = new RunIndex();
  new LogParser().parse(bytes, 0, index);
  return index;
}

describe('a file cut at any byte', () => {
  it('returns exactly the records that end before the cut, for every offset of a real file', () => {
    const bytes = fixtureBytes(A);
    const intact = parseBytes(bytes).records;
    expect(intact).toHaveLength(247);
    const ends = intact.map((r) => r.end);
    for (let cut = 0; cut <= bytes.length; cut++) {
      let count = 0;
      let lastEnd = -1;
      let damaged = 0;
      new LogParser().parse(bytes.subarray(0, cut), 0, {
        record: (_payload, _start, end) => {
          count++;
          lastEnd = end;
        },
        damage: () => damaged++,
      });
      const expected = ends.filter((end) => end <= cut);
      if (count !== expected.length || damaged > 0 || lastEnd !== (expected.at(-1) ?? -1)) {
        expect.fail(`cut at ${cut}: got ${count} records and ${damaged} damage, expected ${expected.length}`);
      }
    }
  });

  it('keeps every intact history row before the cut, through the whole index', () => {
    const bytes = fixtureBytes(C);
    const historyEnds = parseBytes(bytes)
      .records.filter((r) => decodeRecord(r.payload).type === 'history')
      .map((r) => r.end);
    expect(historyEnds).toHaveLength(90);
    for (let cut = 0; cut <= bytes.length; cut += 53) {
      const index = indexBytes(bytes.subarray(0, cut));
      const historyBefore = historyEnds.filter((end) => end <= cut).length;
      expect(index.historyRows, `cut at ${cut}`).toBe(historyBefore);
      expect(index.lastStep).toBe(historyBefore === 0 ? null : historyBefore - 1);
    }
  });

  it('parses a growing file in pieces into the same records as in one go', () => {
    const bytes = fixtureBytes(C);
    const random = rng(7);
    const cuts = Array.from({ length: 40 }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b);
    const whole = parseBytes(bytes);
    const pieces = parseBytes(bytes, cuts);
    expect(pieces.records.map((r) => [r.start, r.end])).toEqual(whole.records.map((r) => [r.start, r.end]));
    expect(pieces.parser.bytesParsed).toBe(whole.parser.bytesParsed);
  });
});

describe('damaged bytes', () => {
  it('keeps every record before a flipped byte, recovers at the next block, and never throws (seeded fuzz)', () => {
    const bytes = fixtureBytes(A);
    const intact = parseBytes(bytes).records;
    const random = rng(20261123);
    const deadline = Date.now() + 3000;
    let rounds = 0;
    for (; rounds < 2000 && Date.now() < deadline; rounds++) {
      const damaged = bytes.slice();
      const flips = 1 + Math.floor(random() * 4);
      let first = damaged.length;
      for (let i = 0; i < flips; i++) {
        const at = 7 + Math.floor(random() * (damaged.length - 7));
        damaged[at] = damaged[at]! ^ (1 + Math.floor(random() * 255));
        first = Math.min(first, at);
      }
      const { records, damage } = parseBytes(damaged);
      const before = intact.filter((r) => r.end <= first);
      expect(records.slice(0, before.length).map((r) => r.end)).toEqual(before.map((r) => r.end));
      const hitPadding = damage.every((d) => d.kind === 'bad_padding');
      if (records.length < intact.length && !hitPadding) expect(damage.length).toBeGreaterThan(0);
      expect(() => indexBytes(damaged)).not.toThrow();
    }
    expect(rounds).toBeGreaterThan(100);
  });

  it('recovers the records after a damaged block', () => {
    const bytes = fixtureBytes(A).slice();
    bytes[100] = bytes[100]! ^ 0xff; // inside the run record in block 0
    const { records, damage } = parseBytes(bytes);
    expect(damage[0]).toMatchObject({ kind: 'bad_checksum' });
    expect(records[0]!.end).toBeLessThan(100);
    expect(records.filter((r) => r.start >= 32768).length).toBe(
      parseBytes(fixtureBytes(A)).records.filter((r) => r.start >= 32768).length,
    );
  });

  it('skips a zero-filled block and non-zero padding, reading the blocks around them', () => {
    const bytes = fixtureBytes(C).slice();
    const intact = parseBytes(bytes).records;
    bytes.fill(0, 32768, 65536); // block 1 zeroed, as a pre-allocated or mmap'd file can be
    const zeroed = parseBytes(bytes);
    expect(zeroed.damage.map((d) => [d.kind, d.offset])).toEqual([['zeroed_block', 32768]]);
    expect(zeroed.records.filter((r) => r.start >= 65536).length).toBeGreaterThan(0);
    // The run record spans blocks 0-2, so it is lost; records wholly in block 3 on are all kept.
    expect(zeroed.records.filter((r) => r.start >= 3 * 32768).map((r) => r.end)).toEqual(
      intact.filter((r) => r.start >= 3 * 32768).map((r) => r.end),
    );

    const padded = fixtureBytes(fixtureRun('distill-lr5e-5-jpeg')).slice();
    padded[32765] = 0xaa; // inside the 4 zero bytes that end block 0
    const { records, damage } = parseBytes(padded);
    expect(damage.map((d) => d.kind)).toEqual(['bad_padding']);
    expect(records).toHaveLength(parseBytes(fixtureBytes(fixtureRun('distill-lr5e-5-jpeg'))).records.length);
  });

  it('handles random garbage after a valid header, and random garbage files, without looping or throwing', () => {
    const random = rng(99);
    for (let round = 0; round < 150; round++) {
      const garbage = new Uint8Array(Math.floor(random() * 70_000));
      for (let i = 0; i < garbage.length; i++) garbage[i] = (random() * 256) | 0;
      const withHeader = new Uint8Array(7 + garbage.length);
      withHeader.set([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00]);
      withHeader.set(garbage, 7);
      const parsed = parseBytes(withHeader);
      expect(parsed.records).toEqual([]);
      expect(parsed.parser.pos).toBeGreaterThanOrEqual(withHeader.length - 7);
      expect(() => indexBytes(withHeader)).not.toThrow();
      if (garbage.length >= 7 && garbage[0] !== 0x3a)
        expect(() => parseBytes(garbage)).toThrow(/not start with the \.wandb header/);
    }
  });
});

describe('records with valid checksums but garbled contents', () => {
  it('skips each garbled record with a count, keeps the rest, and never throws (seeded fuzz)', () => {
    const intact = parseBytes(fixtureBytes(A)).records;
    const random = rng(5);
    for (let round = 0; round < 300; round++) {
      const framed: Uint8Array[] = [];
      const writer = new LogWriter((bytes) => framed.push(bytes.slice()));
      const garbled = new Set<number>();
      intact.forEach((record, i) => {
        const payload = record.payload.slice();
        if (random() < 0.1) {
          garbled.add(i);
          const flips = 1 + Math.floor(random() * 6);
          for (let f = 0; f < flips; f++) payload[Math.floor(random() * payload.length)] = Math.floor(random() * 256);
        }
        const cut = random() < 0.02;
        if (cut) garbled.add(i);
        writer.append(cut ? payload.subarray(0, Math.floor(random() * payload.length)) : payload);
      });
      const index = indexBytes(Buffer.concat(framed));
      expect(index.unreadableRecords).toBeLessThanOrEqual(garbled.size);
      expect(index.historyRows).toBeLessThanOrEqual(200);
      expect(index.historyRows).toBeGreaterThan(100);
      expect(() => index.summaryValues()).not.toThrow();
    }
  });
});

describe('damaged runs in a directory', () => {
  async function project() {
    const dir = await tempDir();
    const dataset = contractDataset();
    const [alpha, beta, gamma] = writeDataset(dataset, join(dir, 'wandb'));
    return {
      dir,
      dataset,
      alpha: alpha!,
      beta: beta!,
      gamma: gamma!,
      ref: { entity: dataset.entity, project: dataset.project },
    };
  }

  it('lists a run whose file is missing or not a run file with a clear error, and still loads the others', async () => {
    const { dir, alpha, beta, ref } = await project();
    rmSync(join(alpha, 'run-r1alpha.wandb'));
    writeFileSync(join(beta, 'run-r2beta.wandb'), 'this is not a wandb file');
    const source = openLocalRuns({ dir });
    const page = await source.list(ref);
    const byId = Object.fromEntries(page.runs.map((run) => [run.id, run]));
    expect(byId.r1alpha!.error).toMatchObject({
      code: 'missing_file',
      message: expect.stringContaining('does not exist'),
    });
    expect(byId.r2beta!.error).toMatchObject({
      code: 'not_a_run_file',
      message: expect.stringContaining('not a wandb run file'),
    });
    expect(byId.r3gamma).toMatchObject({ error: null, state: 'finished', lastStep: 4 });
    await expect(source.keys({ ...ref, runId: 'r1alpha' })).rejects.toMatchObject({ code: 'run_file' });
    const index = await source.index(
      [
        { ...ref, runId: 'r1alpha' },
        { ...ref, runId: 'r3gamma' },
      ],
      { keys: ['samples/grid'] },
    );
    expect(index.map((entry) => entry.error?.code ?? null)).toEqual(['run_file', null]);
  });

  it('reports an unreadable run file and reads it once it is fixed', async () => {
    const { dir, gamma, ref } = await project();
    const file = join(gamma, 'run-r3gamma.wandb');
    renameSync(file, `${file}.moved`);
    mkdirSync(file); // a directory where the file should be: unreadable for root too
    const source = openLocalRuns({ dir });
    expect((await source.get({ ...ref, runId: 'r3gamma' })).error).toMatchObject({ code: 'unreadable_file' });
    rmdirSync(file);
    renameSync(`${file}.moved`, file);
    expect(await source.get({ ...ref, runId: 'r3gamma' })).toMatchObject({ error: null, lastStep: 4 });
  });

  it('warns about a damaged middle and still returns the records around it', async () => {
    const dir = await tempDir();
    const dataset = contractDataset();
    const alpha = dataset.runs[0]!;
    alpha.history = Array.from({ length: 3000 }, (_, step) => ({
      _step: step,
      loss: 1 / (step + 1),
      _timestamp: 1.7e9 + step,
    }));
    const [runDir] = writeDataset({ ...dataset, runs: [alpha] }, join(dir, 'wandb'));
    const file = join(runDir!, 'run-r1alpha.wandb');
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(3 * 32768);
    bytes[40_000] = bytes[40_000]! ^ 0x55;
    writeFileSync(file, bytes);
    const run = await openLocalRuns({ dir }).get({
      entity: dataset.entity,
      project: dataset.project,
      runId: 'r1alpha',
    });
    expect(run.warnings.map((w) => w.code)).toEqual(['damaged_file']);
    expect(run.warnings[0]!.message).toMatch(/1 damaged part .*bad checksum/);
    expect(run.lastStep).toBe(2999);
    expect(run.state).toBe('finished');
  });
});
