import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalRuns } from '../../src/local/index.js';
import { RunFile } from '../../src/local/index/run-file.js';
import { framingCensus } from '../../src/local/log/census.js';
import { BLOCK_SIZE } from '../../src/local/log/format.js';
import { LogParser, type LogDamage } from '../../src/local/log/parser.js';
import { WINDOW_SIZE, scanWindows } from '../../src/local/log/scan.js';
import { fixtureBytes, manifest, parseBytes, rng, tempDir } from './helpers.js';
import {
  IMAGE_KEYS,
  TRAINING_ENTITY,
  TRAINING_PROJECT,
  generateTrainingLog,
  type WrittenRecord,
} from './training-log.js';

/**
 * Property: however a file's bytes are cut into read windows (a reused buffer, as the reader
 * uses), and however it grows, the parser hands back exactly the records of one whole-file
 * parse, byte for byte and at the same offsets. Each window's buffer is overwritten once the
 * parser is done with it, so a record kept as a view into an old window shows up as wrong bytes.
 */

interface ReadRecord {
  start: number;
  end: number;
  payload: Uint8Array;
}

interface ReadResult {
  records: ReadRecord[];
  damage: { kind: LogDamage; offset: number }[];
  parser: LogParser;
}

/** Sizes of successive reads: a fixed size, or drawn from a seeded PRNG between `min` and `max` (log-uniform). */
type ReadSizes = () => number;
const fixed =
  (size: number): ReadSizes =>
  () =>
    size;
function randomSizes(seed: number, min: number, max: number): ReadSizes {
  const random = rng(seed);
  return () => Math.floor(Math.exp(Math.log(min) + random() * (Math.log(max + 1) - Math.log(min))));
}

const POISON = 0xa5;

/**
 * A reader with one reused window buffer: each window starts where the parser stopped; when it
 * does not hold the next whole chunk, the reader reads further (another `sizes()` bytes). The
 * bytes a window held are overwritten once the parser has moved past them.
 */
class WindowedReader {
  readonly parser = new LogParser();
  readonly result: ReadResult = { records: [], damage: [], parser: this.parser };
  private readonly buffer: Buffer;
  private readonly sink = {
    record: (payload: Uint8Array, start: number, end: number) =>
      this.result.records.push({ start, end, payload: new Uint8Array(payload) }),
    damage: (kind: LogDamage, offset: number) => this.result.damage.push({ kind, offset }),
  };

  constructor(
    private readonly bytes: Uint8Array,
    private readonly sizes: ReadSizes,
  ) {
    this.buffer = Buffer.alloc(bytes.length);
  }

  /** Parse what the file holds up to `available` bytes. */
  readTo(available: number): this {
    while (this.parser.pos < available) {
      const start = this.parser.pos;
      let length = 0;
      do {
        const more = Math.min(Math.max(1, this.sizes()), available - start - length);
        this.buffer.set(this.bytes.subarray(start + length, start + length + more), length);
        length += more;
        this.parser.parse(this.buffer.subarray(0, length), start, this.sink);
      } while (this.parser.pos === start && start + length < available);
      this.buffer.fill(POISON, 0, length);
      if (this.parser.pos === start) break;
    }
    return this;
  }
}

function readInWindows(bytes: Uint8Array, sizes: ReadSizes): ReadResult {
  return new WindowedReader(bytes, sizes).readTo(bytes.length).result;
}

/** The production read loop (`scanWindows` over a real file) with a given window size. */
async function scanFileInWindows(file: string, windowSize: number): Promise<ReadResult> {
  const parser = new LogParser();
  const result: ReadResult = { records: [], damage: [], parser };
  const sink = {
    record: (payload: Uint8Array, start: number, end: number) =>
      result.records.push({ start, end, payload: new Uint8Array(payload) }),
    damage: (kind: LogDamage, offset: number) => result.damage.push({ kind, offset }),
  };
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    for await (const _ of scanWindows(handle, parser, size, sink, windowSize));
  } finally {
    await handle.close();
  }
  return result;
}

/** Where `actual` first differs from `expected`, in words; null when they are the same. */
function firstDifference(actual: readonly ReadRecord[], expected: readonly ReadRecord[]): string | null {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    const a = actual[i];
    const e = expected[i];
    if (!a || !e) return `${actual.length} records instead of ${expected.length} (first missing or extra: #${i})`;
    if (a.start !== e.start || a.end !== e.end)
      return `record #${i} spans ${a.start}..${a.end} instead of ${e.start}..${e.end}`;
    if (!Buffer.from(a.payload).equals(Buffer.from(e.payload)))
      return `record #${i} at ${e.start}..${e.end} has different bytes (${a.payload.length} vs ${e.payload.length})`;
  }
  return null;
}

function expectSameAs(actual: ReadResult, expected: ReadResult, how: string): void {
  expect(firstDifference(actual.records, expected.records), how).toBeNull();
  expect(actual.damage, how).toEqual(expected.damage);
  expect(actual.parser.committed, how).toBe(expected.parser.committed);
  expect(actual.parser.bytesParsed, how).toBe(expected.parser.bytesParsed);
}

const TINY_WINDOWS: [string, ReadSizes][] = [
  ['7-byte', fixed(7)],
  ['random 1-64', randomSizes(1, 1, 64)],
];
const WINDOWS: [string, ReadSizes][] = [
  ...TINY_WINDOWS,
  ['64-byte', fixed(64)],
  ['1009-byte', fixed(1009)],
  ['one block', fixed(BLOCK_SIZE)],
  ['block + 7', fixed(BLOCK_SIZE + 7)],
  ['65537-byte', fixed(65537)],
  ['1 MiB (production)', fixed(WINDOW_SIZE)],
  ['random 1 B-2 MiB', randomSizes(2, 1, 2 * WINDOW_SIZE)],
];
/** On the small real files only (every byte a window boundary in turn): a few more tiny sizes. */
const MORE_TINY_WINDOWS: [string, ReadSizes][] = [
  ['13-byte', fixed(13)],
  ['31-byte', fixed(31)],
  ['random 7-64', randomSizes(3, 7, 64)],
];

/** Generated files: records of 100 B to 300 KB (FIRST, MIDDLE, LAST), block tails of 0-7 bytes. */
const GENERATED = [
  { seed: 11, imageEvery: 200, watchEvery: 600, tailShare: 0.5 },
  { seed: 12, imageEvery: 300, watchEvery: 450, tailShare: 0.5 },
];
const GENERATED_BYTES = 3e6;
const generatedFiles = new Map<number, ReturnType<typeof generateTrainingLog>>();
function generated(shape: (typeof GENERATED)[number]): ReturnType<typeof generateTrainingLog> {
  let file = generatedFiles.get(shape.seed);
  if (!file) generatedFiles.set(shape.seed, (file = generateTrainingLog(shape, GENERATED_BYTES)));
  return file;
}

describe('read windows', () => {
  for (const run of manifest.runs) {
    it(`give the records of a one-shot parse for the real file of ${run.display_name}, at any window size`, () => {
      const bytes = fixtureBytes(run);
      const whole = parseBytes(bytes);
      expect(whole.records).toHaveLength(run.records_decoded);
      for (const [name, sizes] of [...WINDOWS, ...MORE_TINY_WINDOWS])
        expectSameAs(readInWindows(bytes, sizes), whole, `${name} windows`);
    });
  }

  for (const shape of GENERATED) {
    it(`give the records written into a generated ${GENERATED_BYTES / 1e6} MB file (seed ${shape.seed}), at any window size`, () => {
      const { bytes, writer } = generated(shape);
      const census = framingCensus(bytes);
      for (const kind of ['lastChunks', 'middleChunks', 'paddedTails', 'zeroLengthChunks', 'exactFits'] as const) {
        expect(census[kind], `${kind} in the generated file`).toBeGreaterThan(0);
      }
      const whole = parseBytes(bytes);
      expect(firstDifference(whole.records, writer.records!), 'one-shot parse').toBeNull();
      for (const [name, sizes] of WINDOWS) expectSameAs(readInWindows(bytes, sizes), whole, `${name} windows`);
      expectSameAs(readInWindows(bytes, fixed(bytes.length)), whole, 'one window');
    });
  }

  it('give the records of a one-shot parse through the production read loop on a real file', async () => {
    const { bytes } = generated(GENERATED[0]!);
    const file = join(await tempDir(), 'run-gen.wandb');
    writeFileSync(file, bytes);
    const whole = parseBytes(bytes);
    for (const size of [BLOCK_SIZE + 7, 40_009, 131_071, WINDOW_SIZE, WINDOW_SIZE + 1, 3 * WINDOW_SIZE]) {
      expectSameAs(await scanFileInWindows(file, size), whole, `scanWindows with ${size}-byte windows`);
    }
  });
});

/** File sizes as a file grows: steps of 1 byte to `max` bytes, log-uniform, ending at `total`. */
function growth(seed: number, total: number, max: number): number[] {
  const step = randomSizes(seed, 1, max);
  const sizes: number[] = [];
  for (let size = 0; size < total;) sizes.push((size = Math.min(total, size + step())));
  return sizes;
}

describe('a growing file', () => {
  it('gives, after each append, exactly the records that end before the end of the file (raw parser)', () => {
    const sources = [
      ...manifest.runs.map((run) => ({ name: run.display_name, bytes: fixtureBytes(run) })),
      { name: 'generated', bytes: generated(GENERATED[1]!).bytes },
    ];
    for (const [index, { name, bytes }] of sources.entries()) {
      const whole = parseBytes(bytes);
      const reader = new WindowedReader(bytes, randomSizes(index, 7, 2 * WINDOW_SIZE));
      let checked = 0;
      for (const size of growth(100 + index, bytes.length, Math.max(4096, bytes.length / 20))) {
        reader.readTo(size);
        let due = checked;
        while (due < whole.records.length && whole.records[due]!.end <= size) due++;
        // Records only ever get appended: compare the ones this append delivered.
        const delivered = reader.result.records.slice(checked);
        expect(firstDifference(delivered, whole.records.slice(checked, due)), `${name} at ${size} bytes`).toBeNull();
        checked = due;
      }
      expectSameAs(reader.result, whole, `${name} when complete`);
    }
  });

  it('is followed by RunFile and openLocalRuns to the same rows, steps and summary as a one-shot read', async () => {
    // Few steered block ends, as in a real file: records straddle almost every block boundary.
    const shape = { seed: 21, imageEvery: 250, watchEvery: 800, tailShare: 0.02 };
    const { bytes, writer } = generateTrainingLog(shape, GENERATED_BYTES, 'grow0001');
    const dir = await tempDir();
    const runDir = join(dir, 'wandb', `offline-run-20260101_000000-${writer.runId}`);
    mkdirSync(join(runDir, 'files'), { recursive: true });
    const file = join(runDir, `run-${writer.runId}.wandb`);
    // wandb writes the header and run records when the run starts; rows follow as they are logged.
    let written = writer.records!.find((record) => record.type === 'run')!.end;
    writeFileSync(file, bytes.subarray(0, written));
    const ref = { entity: TRAINING_ENTITY, project: TRAINING_PROJECT, runId: writer.runId };
    const runFile = new RunFile(file);
    const source = openLocalRuns({ dir });
    const rows = writer.records!.filter((record) => record.type === 'history');
    const rowsUpTo = (size: number): WrittenRecord[] => rows.filter((record) => record.end <= size);
    expect(await source.get(ref)).toMatchObject({ lastStep: null, warnings: [] });

    // First to a block boundary: the next refresh then reads 1 MiB windows that end on block
    // boundaries, where a record's FIRST chunk ends one window and its LAST begins the next.
    // Then steps of 1 byte to 2.5 MB.
    const aligned = [4 * BLOCK_SIZE, 4 * BLOCK_SIZE + 2.5e6];
    const sizes = [...aligned, ...growth(7, bytes.length - aligned[1]!, 2.5e6).map((grown) => aligned[1]! + grown)];
    for (const size of sizes) {
      appendFileSync(file, bytes.subarray(written, size));
      written = size;
      await runFile.refresh(Date.now());
      const due = rowsUpTo(size);
      expect(runFile.index.historyRows, `RunFile at ${size} bytes`).toBe(due.length);
      expect(runFile.index.unreadableRecords, `RunFile at ${size} bytes`).toBe(0);
      expect(runFile.index.damaged, `RunFile at ${size} bytes`).toBeNull();
      const run = await source.get(ref);
      expect(run, `openLocalRuns at ${size} bytes`).toMatchObject({
        state: 'running',
        lastStep: due.length === 0 ? null : due.length - 1,
        warnings: [],
      });
    }

    const oneShot = openLocalRuns({ dir });
    // A 3 MB file is first listed from its ends: compare with the file read whole.
    await oneShot.indexAll();
    const [followed, whole] = await Promise.all([source.get(ref), oneShot.get(ref)]);
    expect(followed.lastStep).toBe(writer.step - 1);
    expect(Object.keys(followed.summary).sort()).toEqual([...writer.keys].sort());
    expect(whole).toMatchObject({ lastStep: writer.step - 1, warnings: [] });
    expect(followed.summary).toEqual(whole.summary);
    for (const key of IMAGE_KEYS) {
      expect((await source.steps(ref, { keys: [key] })).steps, key).toEqual(writer.imageSteps);
    }
  });
});
