import {
  BLOCK_SIZE,
  CHUNK_FIRST,
  CHUNK_FULL,
  CHUNK_HEADER_SIZE,
  CHUNK_LAST,
  CHUNK_MIDDLE,
  FILE_HEADER,
  chunkChecksum,
} from './format.js';

/** Where framed bytes go: a file, a buffer list, a hash. */
export type ByteSink = (bytes: Uint8Array) => void;

/**
 * Frames records the way wandb does: the file header, then each record split into chunks that
 * never cross a 32 KiB block boundary, block tails shorter than a chunk header filled with
 * zeros, and a zero-length FIRST chunk when exactly a header's worth of space is left.
 */
export class LogWriter {
  /** Bytes written so far, the file header included. */
  offset = 0;

  constructor(private readonly sink: ByteSink) {
    this.emit(FILE_HEADER);
  }

  /** Append one record. Returns the offset where its first chunk starts. */
  append(record: Uint8Array): number {
    let start = -1;
    let rest = 0;
    let first = true;
    do {
      const left = BLOCK_SIZE - (this.offset % BLOCK_SIZE);
      if (left < CHUNK_HEADER_SIZE) {
        this.emit(new Uint8Array(left));
        continue;
      }
      if (start < 0) start = this.offset;
      const room = left - CHUNK_HEADER_SIZE;
      const length = Math.min(room, record.length - rest);
      const last = rest + length === record.length;
      const type = first && last ? CHUNK_FULL : first ? CHUNK_FIRST : last ? CHUNK_LAST : CHUNK_MIDDLE;
      const payload = record.subarray(rest, rest + length);
      const header = new Uint8Array(CHUNK_HEADER_SIZE);
      const view = new DataView(header.buffer);
      view.setUint32(0, chunkChecksum(type, payload), true);
      view.setUint16(4, length, true);
      header[6] = type;
      this.emit(header);
      this.emit(payload);
      rest += length;
      first = false;
      if (last) break;
    } while (true);
    return start;
  }

  private emit(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.sink(bytes);
    this.offset += bytes.length;
  }
}
