import { open } from 'node:fs/promises';

/** Bytes read from disk per step while following a file; memory is this, not the file size. */
const WINDOW = 1024 * 1024;

/**
 * The complete lines of an append-only file (`wandb-history.jsonl`), read from where the last read
 * stopped. A line is complete once its newline is written: the bytes after the last newline (a
 * line the writer is still writing, or one cut short) are left for the next read, and counted in
 * {@link pending}. Call {@link reset} when the file shrank or was replaced.
 */
export class AppendedLines {
  /** Bytes consumed: everything before this offset was read as whole lines. */
  offset = 0;
  /** Bytes after the last newline at the last read. */
  pending = 0;
  /** Bytes read from disk over this follower's lifetime. */
  bytesRead = 0;

  /** `window`: bytes read from disk per step (a longer line grows the buffer to hold it). */
  constructor(private readonly window = WINDOW) {}

  reset(): void {
    this.offset = 0;
    this.pending = 0;
  }

  /**
   * Read the file from {@link offset} up to `size`, calling `onLine(text, start)` for each complete
   * line (without its newline; `start` is its byte offset), in order.
   */
  async read(path: string, size: number, onLine: (text: string, start: number) => void): Promise<void> {
    if (size <= this.offset) {
      this.pending = Math.max(0, size - this.offset);
      return;
    }
    const handle = await open(path, 'r');
    try {
      let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(this.window, size - this.offset)));
      let carried = 0;
      let position = this.offset;
      while (position < size) {
        if (carried === buffer.length) {
          // One line longer than the window: grow the buffer to hold it.
          const grown = Buffer.allocUnsafe(buffer.length * 2);
          buffer.copy(grown, 0, 0, carried);
          buffer = grown;
        }
        const { bytesRead } = await handle.read(
          buffer,
          carried,
          Math.min(buffer.length - carried, size - position),
          position,
        );
        if (bytesRead === 0) break;
        this.bytesRead += bytesRead;
        position += bytesRead;
        const filled = carried + bytesRead;
        let lineStart = 0;
        for (
          let newline = buffer.indexOf(0x0a, 0);
          newline >= 0 && newline < filled;
          newline = buffer.indexOf(0x0a, lineStart)
        ) {
          onLine(buffer.toString('utf8', lineStart, newline), this.offset);
          this.offset += newline + 1 - lineStart;
          lineStart = newline + 1;
        }
        carried = filled - lineStart;
        buffer.copy(buffer, 0, lineStart, filled);
      }
      this.pending = size - this.offset;
    } finally {
      await handle.close();
    }
  }
}
