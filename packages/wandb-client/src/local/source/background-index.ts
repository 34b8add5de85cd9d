import { unlessAborted } from '../index/foreground.js';
import type { RunFile } from '../index/run-file.js';

/**
 * Reads the run files that were listed from their ends only, one file at a time, newest run
 * first. Each file pauses between windows while a foreground call runs, so the indexing costs a
 * request at most one window's wait. {@link start} is called after every call; it is cheap when
 * there is nothing to read.
 */
export class BackgroundIndexing {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly unindexed: () => RunFile[]) {}

  get active(): boolean {
    return this.running !== null;
  }

  start(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /**
   * Resolves when there is nothing left to read (start it first). Meanwhile the process stays
   * alive: the reading alone lets it exit between windows.
   */
  async idle(signal?: AbortSignal): Promise<void> {
    const keepAlive = setInterval(() => {}, 60_000);
    try {
      while (this.running) await unlessAborted(this.running, signal);
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      // Each file once a round: one that cannot be read whole now is tried again next round.
      const tried = new Set<RunFile>();
      for (;;) {
        const next = this.unindexed().find((file) => !tried.has(file));
        if (!next) break;
        tried.add(next);
        await next.indexInBackground();
      }
    } while (this.again);
  }
}
