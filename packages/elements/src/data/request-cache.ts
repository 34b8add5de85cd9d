import { SharedWork } from '@run-comparer/wandb-client';

/** Fetch the values of `ids` in one request. Ids missing from the answer are stored as `null`. */
export type BatchFetch<V> = (ids: string[], signal: AbortSignal) => Promise<Map<string, V>>;

/** One request for some ids, shared by every caller waiting for any of them. */
type Flight = SharedWork<void>;

/**
 * Values by id, loaded in batches and shared: concurrent callers wanting the same id share one
 * request, and a request is aborted only when every caller waiting for it has given up (so a
 * prefetch and the view that then needs the same step never fetch twice). Failures are kept per
 * id until `forget`, so a component can show them and offer a retry.
 */
export class RequestCache<V> {
  #values = new Map<string, { value: V | null; at: number }>();
  #errors = new Map<string, unknown>();
  #flights = new Map<string, Flight>();

  /** @param fresh whether a stored value may be used without fetching it again */
  constructor(private readonly fresh: (value: V | null, storedAt: number) => boolean = () => true) {}

  /** The stored value (null: the source had none), or undefined when not loaded. */
  peek(id: string): V | null | undefined {
    return this.#values.get(id)?.value;
  }

  /** The failure of the last load of `id`, if it failed. */
  error(id: string): unknown {
    return this.#errors.get(id);
  }

  /** When the stored value arrived (ms since epoch). */
  storedAt(id: string): number | undefined {
    return this.#values.get(id)?.at;
  }

  /** Drop stored values and failures so the next `load` asks again (retry, refresh). */
  forget(ids: Iterable<string>): void {
    for (const id of ids) {
      this.#values.delete(id);
      this.#errors.delete(id);
    }
  }

  /** Store values that arrived another way (a batch answer covering them), as if loaded. */
  store(values: Map<string, V | null>): void {
    const at = Date.now();
    for (const [id, value] of values) {
      this.#values.set(id, { value, at });
      this.#errors.delete(id);
    }
  }

  /**
   * Make sure `ids` are loaded: fetch the ones neither stored (fresh), failed nor in flight in
   * one batch, then wait for all of them. Resolves (never rejects) once they settle; aborting
   * `signal` stops waiting at once.
   */
  async load(ids: Iterable<string>, fetch: BatchFetch<V>, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.#flights.has(id) && !this.#errors.has(id) && !this.#isFresh(id));
    if (missing.length) this.#start(missing, fetch);
    const flights = new Set(wanted.map((id) => this.#flights.get(id)).filter((f): f is Flight => !!f));
    await Promise.all([...flights].map((flight) => this.#wait(flight, signal)));
  }

  #isFresh(id: string): boolean {
    const stored = this.#values.get(id);
    return !!stored && this.fresh(stored.value, stored.at);
  }

  #start(ids: string[], fetch: BatchFetch<V>): void {
    const flight: Flight = new SharedWork(async (signal) => {
      try {
        const values = await fetch(ids, signal);
        this.store(new Map(ids.map((id) => [id, values.get(id) ?? null])));
      } catch (error) {
        if (!signal.aborted) for (const id of ids) this.#errors.set(id, error);
      } finally {
        this.#land(flight);
      }
    });
    // Abandoned by every caller: the next load asks again.
    flight.signal.addEventListener('abort', () => this.#land(flight), { once: true });
    for (const id of ids) this.#flights.set(id, flight);
  }

  #land(flight: Flight): void {
    for (const [id, f] of this.#flights) if (f === flight) this.#flights.delete(id);
  }

  /** Wait for `flight` until it settles or `signal` aborts; never rejects. */
  #wait(flight: Flight, signal: AbortSignal | undefined): Promise<void> {
    return flight.join(signal).catch(() => {});
  }
}
