/**
 * One piece of abortable work shared by every caller that joins it: a request that a prefetch and
 * the view that then needs the same answer, or two browser tabs asking a server, make only once.
 * Each caller waits with its own signal: one that aborts stops waiting at once, and the work's own
 * signal aborts only when every caller has gone before it settled.
 *
 * @example
 * const work = new SharedWork((signal) => source.steps(ref, { keys }, { signal }));
 * const [a, b] = await Promise.all([work.join(first.signal), work.join(second.signal)]);
 */
export class SharedWork<T> {
  readonly #controller = new AbortController();
  readonly #result: Promise<T>;
  #waiting = 0;
  #settled = false;

  /** Starts `work` on the next microtask, with a signal that aborts when every caller has gone. */
  constructor(work: (signal: AbortSignal) => Promise<T>) {
    this.#result = Promise.resolve().then(() => work(this.#controller.signal));
    const settle = () => {
      this.#settled = true;
    };
    this.#result.then(settle, settle);
  }

  /** Aborted once every caller left before the work settled: the work is abandoned. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Wait for the work's result (or its error). Aborting `signal` rejects this caller at once, with
   * `abortError(signal)` (the signal's reason by default), and abandons the work if it was the last.
   */
  join(signal?: AbortSignal | null, abortError: (signal: AbortSignal) => unknown = (s) => s.reason): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    this.#waiting++;
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = (): boolean => {
        if (left) return false;
        left = true;
        signal?.removeEventListener('abort', onAbort);
        this.#waiting--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (this.#waiting === 0 && !this.#settled) this.#controller.abort(signal!.reason);
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#result.then(
        (value) => leave() && resolve(value),
        (error: unknown) => leave() && reject(error),
      );
    });
  }
}

/**
 * Shared work by key: callers asking for a key while its work runs join it (see
 * {@link SharedWork}); once it settles, or every caller has gone, the next call starts it afresh.
 */
export class SingleFlight {
  readonly #flights = new Map<string, SharedWork<unknown>>();

  run<T>(key: string, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal | null): Promise<T> {
    signal?.throwIfAborted();
    let flight = this.#flights.get(key) as SharedWork<T> | undefined;
    if (!flight) {
      const forget = () => {
        if (this.#flights.get(key) === created) this.#flights.delete(key);
      };
      const created = new SharedWork(async (shared) => {
        try {
          return await work(shared);
        } finally {
          forget();
        }
      });
      created.signal.addEventListener('abort', forget, { once: true });
      this.#flights.set(key, created);
      flight = created;
    }
    return flight.join(signal);
  }

  /** Keys whose work is running. */
  get size(): number {
    return this.#flights.size;
  }
}
