import {
  BLOCK_SIZE,
  CHUNK_FIRST,
  CHUNK_FULL,
  CHUNK_HEADER_SIZE,
  CHUNK_LAST,
  CHUNK_MIDDLE,
  FILE_HEADER,
  FILE_HEADER_SIZE,
  blockEnd,
  chunkChecksum,
} from './format.js';

/** Kinds of damage the framing can show. Each costs the records it touches, never the file. */
export type LogDamage =
  'bad_checksum' | 'bad_chunk' | 'bad_padding' | 'zeroed_block' | 'broken_record' | 'orphan_chunk';

export interface LogSink {
  /**
   * One complete record. `payload` may be a view into a buffer that is reused after the call
   * returns: copy what must outlive it.
   */
  record(payload: Uint8Array, start: number, end: number): void;
  damage(kind: LogDamage, offset: number): void;
  /** Called after each window: the last chance to copy out of it. */
  flush?(): void;
}

/** The file does not start with the `.wandb` header, so it is not a run file at all. */
export class NotARunFileError extends Error {
  override name = 'NotARunFileError';
  constructor(readonly found: Uint8Array) {
    super(`the file does not start with the .wandb header (found ${hex(found)}, expected ${hex(FILE_HEADER)})`);
  }
}

/**
 * An incremental reader of the chunk log. Feed it consecutive windows of the file with
 * {@link parse}; it keeps its position and any partly read record between calls, so a growing
 * file is parsed once, byte for byte. It stops before a chunk that is not fully in the window
 * and resumes there on the next call. Damage (bad checksum, impossible chunk header, non-zero
 * padding) skips to the next block boundary, as LevelDB's own reader does, so every intact
 * record before and after it is still delivered.
 */
export class LogParser {
  /** The next byte to parse. */
  pos = 0;
  /** Bytes consumed so far (headers, payloads, padding, skipped damage). */
  bytesParsed = 0;
  private parts: Uint8Array[] | null = null;
  private partsStart = 0;
  /** After damage: fragments of records that began in the damaged region are expected, not news. */
  private resyncing = false;
  /** Whether any chunk has been read yet. */
  private started = false;
  /**
   * Set when the first chunk read continues a record that began before this parser's start
   * (only possible with {@link fromBlock}): that record is unknown to this parser.
   */
  beganMidRecord = false;

  /**
   * A parser that starts at a block boundary inside the file instead of at its start: the chunks
   * there that continue a record begun earlier are skipped (see {@link beganMidRecord}), and the
   * records from the first FULL or FIRST chunk on are delivered as usual. A chunk never crosses a
   * block boundary, so any boundary is a place to start reading.
   */
  static fromBlock(offset: number): LogParser {
    if (offset <= 0 || offset % BLOCK_SIZE !== 0)
      throw new RangeError(`a parser can start only at a block boundary after the first block, not at ${offset}`);
    const parser = new LogParser();
    parser.pos = offset;
    parser.resyncing = true;
    return parser;
  }

  /** Everything before this offset is fully parsed; a partly read record starts here. */
  get committed(): number {
    return this.parts ? this.partsStart : this.pos;
  }

  /**
   * Parse the chunks that lie wholly inside `window`, which holds the file's bytes from
   * `windowStart` and must begin at or before {@link pos} (at 0 for the first call). Throws NotARunFileError when the file
   * header is wrong.
   */
  parse(window: Uint8Array, windowStart: number, sink: LogSink): void {
    const limit = windowStart + window.length;
    const before = this.pos;
    try {
      this.parseWindow(window, windowStart, limit, sink);
    } finally {
      this.bytesParsed += this.pos - before;
      sink.flush?.();
    }
  }

  private parseWindow(window: Uint8Array, base: number, limit: number, sink: LogSink): void {
    if (this.pos < FILE_HEADER_SIZE) {
      if (base !== 0) throw new RangeError('the first window must start at offset 0');
      const header = window.subarray(0, FILE_HEADER_SIZE);
      if (!header.every((byte, i) => FILE_HEADER[i] === byte)) throw new NotARunFileError(copyOf(header));
      if (limit < FILE_HEADER_SIZE) return;
      this.pos = FILE_HEADER_SIZE;
    }
    const view = new DataView(window.buffer, window.byteOffset, window.byteLength);
    for (;;) {
      const pos = this.pos;
      const end = blockEnd(pos);
      if (end - pos < CHUNK_HEADER_SIZE) {
        if (end > limit) return;
        for (let i = pos; i < end; i++) {
          if (window[i - base] !== 0) {
            sink.damage('bad_padding', pos);
            break;
          }
        }
        this.pos = end;
        continue;
      }
      if (pos + CHUNK_HEADER_SIZE > limit) return;
      const at = pos - base;
      const checksum = view.getUint32(at, true);
      const length = view.getUint16(at + 4, true);
      const type = window[at + 6]!;
      if (checksum === 0 && length === 0 && type === 0) {
        // A zero-filled header: the rest of the block was never written (or was zeroed).
        if (end > limit) return;
        this.fail('zeroed_block', pos, end, sink);
        continue;
      }
      const chunkEnd = pos + CHUNK_HEADER_SIZE + length;
      if (type < CHUNK_FULL || type > CHUNK_LAST || chunkEnd > end) {
        this.fail('bad_chunk', pos, end, sink);
        continue;
      }
      if (chunkEnd > limit) return;
      const payload = window.subarray(at + CHUNK_HEADER_SIZE, chunkEnd - base);
      if (chunkChecksum(type, payload) !== checksum) {
        this.fail('bad_checksum', pos, end, sink);
        continue;
      }
      this.pos = chunkEnd;
      this.assemble(type, payload, pos, chunkEnd, sink);
    }
  }

  private assemble(type: number, payload: Uint8Array, start: number, end: number, sink: LogSink): void {
    if (!this.started) {
      this.started = true;
      this.beganMidRecord = type === CHUNK_MIDDLE || type === CHUNK_LAST;
    }
    if (type === CHUNK_FULL || type === CHUNK_FIRST) {
      if (this.parts) sink.damage('broken_record', this.partsStart);
      this.parts = null;
      this.resyncing = false;
      if (type === CHUNK_FULL) {
        sink.record(payload, start, end);
      } else {
        this.parts = [copyOf(payload)];
        this.partsStart = start;
      }
      return;
    }
    if (!this.parts) {
      if (!this.resyncing) sink.damage('orphan_chunk', start);
      return;
    }
    this.parts.push(copyOf(payload));
    if (type === CHUNK_MIDDLE) return;
    const record = concat(this.parts);
    const recordStart = this.partsStart;
    this.parts = null;
    sink.record(record, recordStart, end);
  }

  /** Drop any partial record and resume at the next block boundary. */
  private fail(kind: LogDamage, offset: number, end: number, sink: LogSink): void {
    sink.damage(kind, offset);
    this.parts = null;
    this.resyncing = true;
    this.pos = end;
  }
}

/**
 * A copy of a chunk's payload that outlives the window it was read from. Not `slice()`: on a
 * Node Buffer (the reader's window) that returns a view into the reused buffer, not a copy.
 */
function copyOf(payload: Uint8Array): Uint8Array {
  return new Uint8Array(payload);
}

function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
