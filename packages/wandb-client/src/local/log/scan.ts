import type { FileHandle } from 'node:fs/promises';
import { AbortedError } from '../../errors.js';
import { BLOCK_SIZE, CHUNK_HEADER_SIZE } from './format.js';
import type { LogParser, LogSink } from './parser.js';

/** Bytes read from disk per step: 32 blocks. Memory use while indexing is this, not the file size. */
export const WINDOW_SIZE = 32 * BLOCK_SIZE;

/**
 * Feed `parser` the file's bytes from where it stopped up to `size`, one window at a time,
 * pausing after each window (the sink has seen that window's records) with the number of bytes
 * read from the file for it (a window starts where the parser stopped, so the part of a chunk
 * that did not fit is read again with the next one). The window buffer is
 * reused, so nothing the sink keeps may point into it. `windowSize` (default {@link WINDOW_SIZE})
 * is raised to a block and a chunk header, the least that always holds the next whole chunk.
 */
export async function* scanWindows(
  handle: FileHandle,
  parser: LogParser,
  size: number,
  sink: LogSink,
  windowSize = WINDOW_SIZE,
): AsyncGenerator<number> {
  if (parser.pos >= size) return;
  const buffer = Buffer.allocUnsafe(Math.max(BLOCK_SIZE + CHUNK_HEADER_SIZE, Math.min(windowSize, size - parser.pos)));
  while (parser.pos < size) {
    const start = parser.pos;
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - start), start);
    if (bytesRead === 0) return;
    parser.parse(buffer.subarray(0, bytesRead), start, sink);
    yield bytesRead;
    if (start + bytesRead >= size || parser.pos === start) return;
  }
}

/** {@link scanWindows} to the end, stopping between windows when `signal` aborts. */
export async function scanFile(
  handle: FileHandle,
  parser: LogParser,
  size: number,
  sink: LogSink,
  signal?: AbortSignal,
): Promise<void> {
  for await (const _ of scanWindows(handle, parser, size, sink)) {
    if (signal?.aborted) throw new AbortedError();
  }
}
