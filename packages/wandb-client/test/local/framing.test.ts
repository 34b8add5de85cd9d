import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { framingCensus, framingCensusOfFile, type FramingCensus } from '../../src/local/log/census.js';
import { LogWriter } from '../../src/local/log/writer.js';
import { fixtureBytes, manifest, parseBytes, rng, tempDir, type ManifestRun } from './helpers.js';
import { generateTrainingLog } from './training-log.js';

/**
 * wandb's writer, restated from `wandb/sdk/internal/datastore.py` (`DataStore._write_header`,
 * `_write_data`, `_write_record`; read at wandb/wandb b6e2950588, the same in v0.20.1), as
 * an independent reference for our LogWriter. Per record: fewer than 7 bytes left in the block
 * are zero-filled first; a record that fits with its header is one FULL chunk (an exact fit
 * included); otherwise a FIRST chunk takes whatever the block has left after its header (zero
 * bytes when exactly 7 are left), MIDDLE chunks take whole blocks while more than a block's
 * worth is left, and a LAST chunk takes the rest. The checksum is zlib's CRC-32 of the payload,
 * seeded with the CRC-32 of the type byte.
 */
class DatastoreFraming {
  static readonly BLOCK = 32768;
  static readonly HEADER = 7;
  private readonly parts: Buffer[] = [];
  /** Bytes written so far. */
  index = 0;
  /** What it wrote, counted as it writes (not read back): for the census. */
  readonly counts = { full: 0, first: 0, middle: 0, last: 0, padded: 0, empty: 0, exactFits: 0 };

  constructor() {
    // ident ":W&B", magic 0xBEE1 as a little-endian uint16, version 0.
    this.emit(Buffer.concat([Buffer.from(':W&B', 'latin1'), Buffer.of(0xe1, 0xbe, 0)]));
  }

  write(data: Uint8Array): void {
    const { BLOCK, HEADER } = DatastoreFraming;
    let spaceLeft = BLOCK - (this.index % BLOCK);
    if (spaceLeft < HEADER) {
      this.emit(Buffer.alloc(spaceLeft));
      this.counts.padded++;
      spaceLeft = BLOCK;
    }
    if (data.length + HEADER <= spaceLeft) {
      if (data.length + HEADER === spaceLeft) this.counts.exactFits++;
      return this.chunk(data, 1);
    }
    let used = spaceLeft - HEADER;
    this.chunk(data.subarray(0, used), 2);
    while (data.length - used > BLOCK - HEADER) {
      this.chunk(data.subarray(used, used + BLOCK - HEADER), 3);
      used += BLOCK - HEADER;
    }
    this.chunk(data.subarray(used), 4);
  }

  private chunk(data: Uint8Array, type: 1 | 2 | 3 | 4): void {
    const header = Buffer.alloc(DatastoreFraming.HEADER);
    header.writeUInt32LE(crc32(data, crc32(Buffer.of(type))), 0);
    header.writeUInt16LE(data.length, 4);
    header[6] = type;
    this.emit(header);
    if (data.length > 0) this.emit(Buffer.from(data));
    this.counts[(['', 'full', 'first', 'middle', 'last'] as const)[type]]++;
    if (data.length === 0) this.counts.empty++;
  }

  private emit(bytes: Buffer): void {
    this.parts.push(bytes);
    this.index += bytes.length;
  }

  output(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Our LogWriter over the same payloads: its bytes, and its offset after each record. */
function ourFraming(payloads: readonly Uint8Array[]): { bytes: Buffer; ends: number[] } {
  const parts: Uint8Array[] = [];
  const writer = new LogWriter((bytes) => parts.push(bytes.slice()));
  const ends = payloads.map((payload) => (writer.append(payload), writer.offset));
  return { bytes: Buffer.concat(parts), ends };
}

function referenceFraming(payloads: readonly Uint8Array[]): {
  bytes: Buffer;
  ends: number[];
  reference: DatastoreFraming;
} {
  const reference = new DatastoreFraming();
  const ends = payloads.map((payload) => (reference.write(payload), reference.index));
  return { bytes: reference.output(), ends, reference };
}

function expectSameFraming(payloads: readonly Uint8Array[], how: string): DatastoreFraming {
  const ours = ourFraming(payloads);
  const theirs = referenceFraming(payloads);
  expect(ours.ends, how).toEqual(theirs.ends);
  if (!ours.bytes.equals(theirs.bytes)) {
    const at = ours.bytes.findIndex((byte, i) => byte !== theirs.bytes[i]);
    expect.fail(`${how}: bytes differ from wandb's framing at offset ${at}`);
  }
  return theirs.reference;
}

const payload = (size: number, fill: number) => new Uint8Array(size).fill(fill);
const BLOCK = DatastoreFraming.BLOCK;
const ROOM = BLOCK - 7;

describe("our writer's framing", () => {
  it('is byte for byte wandb’s for every number of bytes left in a block (0 to 8) and the record after it', () => {
    const sizes = [0, 1, 2, 6, 7, 100, ROOM - 1, ROOM, ROOM + 1, 2 * ROOM, 2 * ROOM + 1, 3 * ROOM - 5, 100_000];
    let cases = 0;
    for (let left = 0; left <= 8; left++) {
      for (const size of sizes) {
        // Block 0 holds 32761 bytes after the file header: a FULL record of this size leaves `left` of them.
        const payloads = [payload(ROOM - 7 - left, 1), payload(size, 2), payload(50, 3), payload(size, 4)];
        expectSameFraming(payloads, `${left} bytes left, then ${size}`);
        cases++;
      }
    }
    expect(cases).toBe(9 * 13);
  });

  it('is byte for byte wandb’s over thousands of records of random sizes, empty to several blocks (seeded)', () => {
    const random = rng(424242);
    // Sizes drawn as the file grows: one record in ten is sized to leave 0 to 8 bytes in its block.
    const sizer = new DatastoreFraming();
    const payloads = Array.from({ length: 3000 }, (_, i) => {
      const kind = random();
      const left = BLOCK - (sizer.index % BLOCK);
      const size =
        kind < 0.1 && left > 16
          ? left - 7 - Math.floor(random() * 9)
          : kind < 0.13
            ? Math.floor(random() * 8)
            : kind < 0.16
              ? 30_000 + Math.floor(random() * 100_000)
              : 1 + Math.floor(random() * 2000);
      const bytes = payload(size, i & 0xff);
      sizer.write(bytes);
      return bytes;
    });
    const reference = expectSameFraming(payloads, 'random sizes');
    for (const kind of ['first', 'middle', 'padded', 'empty', 'exactFits'] as const) {
      expect(reference.counts[kind], kind).toBeGreaterThan(0);
    }
  });

  for (const run of manifest.runs) {
    it(`rewrites the records of the real file of ${run.display_name} into the same bytes wandb 0.20.1 wrote`, () => {
      const bytes = fixtureBytes(run);
      const { records, parser } = parseBytes(bytes);
      const ours = ourFraming(records.map((record) => record.payload));
      // The killed run ends in a torn chunk header: everything before it is whole.
      expect(ours.bytes.equals(Buffer.from(bytes.subarray(0, parser.committed)))).toBe(true);
      expect(ours.ends).toEqual(records.map((record) => record.end));
    });
  }
});

function manifestCensus({ framing }: ManifestRun): Partial<FramingCensus> {
  const tail = framing.truncated_tail;
  return {
    fullChunks: framing.chunk_counts.FULL ?? 0,
    firstChunks: framing.chunk_counts.FIRST ?? 0,
    middleChunks: framing.chunk_counts.MIDDLE ?? 0,
    lastChunks: framing.chunk_counts.LAST ?? 0,
    paddedTails: framing.padded_block_tails.length,
    zeroLengthChunks: framing.zero_length_chunks.length,
    tailBytes: tail ? tail.file_size - tail.last_complete_record_end : 0,
    brokenAt: null,
  };
}

describe('the framing census', () => {
  for (const run of manifest.runs) {
    it(`counts what the fixture manifest lists for the real file of ${run.display_name}`, () => {
      expect(framingCensus(fixtureBytes(run))).toMatchObject(manifestCensus(run));
    });
  }

  it('finds every framing case of a real file in a generated 3 MB training log, as its writer made them', async () => {
    const { bytes, writer } = generateTrainingLog({ seed: 31, imageEvery: 250, watchEvery: 500, tailShare: 0.3 }, 3e6);
    const census = framingCensus(bytes);
    const reference = referenceFraming(writer.records!.map((record) => record.payload));
    expect(reference.bytes.equals(Buffer.from(bytes)), 'the generated file is framed as wandb frames it').toBe(true);
    const made = reference.reference.counts;
    expect(census).toEqual({
      fullChunks: made.full,
      firstChunks: made.first,
      middleChunks: made.middle,
      lastChunks: made.last,
      records: writer.records!.length,
      paddedTails: made.padded,
      zeroLengthChunks: made.empty,
      exactFits: made.exactFits,
      tailBytes: 0,
      brokenAt: null,
    });
    for (const kind of ['firstChunks', 'middleChunks', 'paddedTails', 'zeroLengthChunks', 'exactFits'] as const) {
      expect(census[kind], kind).toBeGreaterThan(0);
    }
    const file = join(await tempDir(), 'run-census.wandb');
    writeFileSync(file, bytes);
    expect(await framingCensusOfFile(file)).toEqual(census);
  });
});
