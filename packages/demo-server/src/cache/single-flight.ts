interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * Runs one piece of work per key at a time and shares its result with every caller asking
 * meanwhile. Each caller keeps its own signal: a caller that aborts stops waiting at once, and the
 * shared work is aborted only when every caller has gone.
 */
export class SingleFlight {
  readonly #flights = new Map<string, Flight<unknown>>();

  run<T>(key: string, work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    let flight = this.#flights.get(key) as Flight<T> | undefined;
    if (!flight) {
      const controller = new AbortController();
      const promise = Promise.resolve()
        .then(() => work(controller.signal))
        .finally(() => {
          if (this.#flights.get(key) === created) this.#flights.delete(key);
        });
      const created: Flight<T> = { promise, controller, waiters: 0 };
      flight = created;
      this.#flights.set(key, created as Flight<unknown>);
    }
    return this.#wait(key, flight, signal);
  }

  get size(): number {
    return this.#flights.size;
  }

  #wait<T>(key: string, flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const leave = () => {
        if (done) return false;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        flight.waiters--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (flight.waiters === 0) {
          flight.controller.abort(signal!.reason);
          if (this.#flights.get(key) === flight) this.#flights.delete(key);
        }
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => leave() && resolve(value),
        (error: unknown) => leave() && reject(error),
      );
    });
  }
}
