export interface LruOptions {
  /** Most entries held at once. */
  maxEntries: number;
  /** Most bytes held at once (as reported by each `set`). */
  maxBytes: number;
  /** Lifetime of an entry when `set` names none, in milliseconds. */
  ttlMs: number;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

export interface LruStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

interface Entry<V> {
  value: V;
  bytes: number;
  expiresAt: number;
}

/**
 * A least-recently-used cache bounded by entry count and by bytes, with a time to live per entry.
 * A Map keeps insertion order, so re-inserting on read makes the first key the least recently used.
 */
export class LruCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #options: Required<LruOptions>;
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(options: LruOptions) {
    if (!(options.maxEntries >= 1) || !(options.maxBytes >= 1) || !(options.ttlMs > 0)) {
      throw new RangeError('LruCache needs maxEntries ≥ 1, maxBytes ≥ 1 and ttlMs > 0.');
    }
    this.#options = { now: Date.now, ...options };
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) {
      this.#misses++;
      return undefined;
    }
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#options.now()) {
      this.#bytes -= entry.bytes;
      this.#misses++;
      return undefined;
    }
    this.#entries.set(key, entry);
    this.#hits++;
    return entry.value;
  }

  /** Store a value; one larger than the whole byte budget is not stored. Returns whether it was. */
  set(key: string, value: V, bytes: number, ttlMs: number = this.#options.ttlMs): boolean {
    this.delete(key);
    if (bytes > this.#options.maxBytes || ttlMs <= 0) return false;
    this.#entries.set(key, { value, bytes, expiresAt: this.#options.now() + ttlMs });
    this.#bytes += bytes;
    while (this.#entries.size > this.#options.maxEntries || this.#bytes > this.#options.maxBytes) {
      const oldest = this.#entries.keys().next().value as string;
      this.delete(oldest);
      this.#evictions++;
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  stats(): LruStats {
    return {
      entries: this.#entries.size,
      bytes: this.#bytes,
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
    };
  }
}

/** Rough bytes of a JSON-shaped value: its serialised length (UTF-16 code units, close enough). */
export function jsonSize(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}
