import { open } from 'node:fs/promises';
import {
  CHUNK_FIRST,
  CHUNK_FULL,
  CHUNK_HEADER_SIZE,
  CHUNK_LAST,
  CHUNK_MIDDLE,
  FILE_HEADER_SIZE,
  blockEnd,
} from './format.js';
import { WINDOW_SIZE } from './scan.js';

/**
 * How a `.wandb` file's records are framed: which chunk kinds and block-boundary cases it holds.
 * Structural only (chunk headers and padding, no checksums, no protobuf): a tool's and a
 * benchmark's view of whether a file exercises every path a reader must handle.
 */
export interface FramingCensus {
  fullChunks: number;
  firstChunks: number;
  middleChunks: number;
  lastChunks: number;
  /** Whole records: FULL chunks plus FIRST..LAST runs that ended. */
  records: number;
  /** Block tails of 1 to 6 bytes, zero-filled because no chunk header fits in them. */
  paddedTails: number;
  /** Chunks without payload: a FIRST written where exactly a header's worth of block is left. */
  zeroLengthChunks: number;
  /** FULL chunks that end exactly on a block boundary. */
  exactFits: number;
  /** Bytes after the last whole chunk (a write cut short); 0 for a complete file. */
  tailBytes: number;
  /** Offset of the first byte that is neither a chunk header nor zero padding; null when none. */
  brokenAt: number | null;
}

/** Counts chunk headers window by window, skipping payloads it never needs to see. */
class FramingCounter {
  readonly census: FramingCensus = {
    fullChunks: 0,
    firstChunks: 0,
    middleChunks: 0,
    lastChunks: 0,
    records: 0,
    paddedTails: 0,
    zeroLengthChunks: 0,
    exactFits: 0,
    tailBytes: 0,
    brokenAt: null,
  };
  pos = FILE_HEADER_SIZE;
  /** Set once the next chunk runs past the end of the file, or the framing broke. */
  done = false;

  constructor(private readonly size: number) {}

  /** Count what `window` (the file's bytes from `windowStart`) holds from {@link pos} on. */
  walk(window: Uint8Array, windowStart: number): void {
    const limit = windowStart + window.length;
    const census = this.census;
    while (!this.done && this.pos < this.size) {
      const pos = this.pos;
      const end = blockEnd(pos);
      if (end - pos < CHUNK_HEADER_SIZE) {
        if (Math.min(end, this.size) > limit) return;
        if (window.subarray(pos - windowStart, Math.min(end, this.size) - windowStart).some((byte) => byte !== 0)) {
          return this.stop(pos);
        }
        census.paddedTails++;
        this.pos = end;
        continue;
      }
      if (pos + CHUNK_HEADER_SIZE > this.size) return this.cut(pos);
      if (pos + CHUNK_HEADER_SIZE > limit) return;
      const at = pos - windowStart;
      const length = window[at + 4]! | (window[at + 5]! << 8);
      const type = window[at + 6]!;
      const chunkEnd = pos + CHUNK_HEADER_SIZE + length;
      if (type < CHUNK_FULL || type > CHUNK_LAST || chunkEnd > end) return this.stop(pos);
      if (chunkEnd > this.size) return this.cut(pos);
      if (type === CHUNK_FULL) census.fullChunks++;
      else if (type === CHUNK_FIRST) census.firstChunks++;
      else if (type === CHUNK_MIDDLE) census.middleChunks++;
      else census.lastChunks++;
      if (type === CHUNK_FULL || type === CHUNK_LAST) census.records++;
      if (length === 0) census.zeroLengthChunks++;
      if (type === CHUNK_FULL && chunkEnd === end) census.exactFits++;
      this.pos = chunkEnd;
    }
  }

  private stop(offset: number): void {
    this.census.brokenAt = offset;
    this.done = true;
  }

  private cut(offset: number): void {
    this.census.tailBytes = this.size - offset;
    this.done = true;
  }
}

/** The framing census of a whole `.wandb` file held in memory (the file header is not checked). */
export function framingCensus(bytes: Uint8Array): FramingCensus {
  const counter = new FramingCounter(bytes.length);
  counter.walk(bytes, 0);
  return counter.census;
}

/** The framing census of a `.wandb` file on disk, read one window at a time. */
export async function framingCensusOfFile(path: string, signal?: AbortSignal): Promise<FramingCensus> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const counter = new FramingCounter(size);
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(WINDOW_SIZE, size)));
    while (!counter.done && counter.pos < size) {
      signal?.throwIfAborted();
      const start = counter.pos;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - start), start);
      counter.walk(buffer.subarray(0, bytesRead), start);
      if (counter.pos === start) break;
    }
    return counter.census;
  } finally {
    await handle.close();
  }
}
