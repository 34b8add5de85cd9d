import { AbortedError } from '../../errors.js';

/**
 * Calls that someone is waiting for. Background indexing reads a window at a time and, between
 * windows, waits while any such call is in progress, so a listing or a grid never queues behind
 * the indexing of a large file.
 */
export class ForegroundGate {
  private active = 0;
  private waiters: (() => void)[] = [];

  get busy(): boolean {
    return this.active > 0;
  }

  /** Run `work` as a foreground call. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.wake();
    }
  }

  /** Resolves at the next change: a foreground call ending, or a {@link wake}. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Let everyone waiting in {@link changed} look again. */
  wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

/** `promise`, or an AbortedError as soon as `signal` aborts (the work itself carries on). */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AbortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
