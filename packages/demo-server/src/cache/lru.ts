import { LRUCache } from 'lru-cache';

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

/**
 * A least-recently-used cache bounded by entry count and by bytes, with a time to live per entry:
 * `lru-cache` underneath, with the hit, miss and eviction counts the server reports.
 */
export class LruCache<V> {
  /** Values are boxed: lru-cache holds no null or undefined. */
  readonly #cache: LRUCache<string, { value: V }>;
  readonly #maxBytes: number;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(options: LruOptions) {
    if (!(options.maxEntries >= 1) || !(options.maxBytes >= 1) || !(options.ttlMs > 0)) {
      throw new RangeError('LruCache needs maxEntries ≥ 1, maxBytes ≥ 1 and ttlMs > 0.');
    }
    this.#maxBytes = options.maxBytes;
    this.#cache = new LRUCache<string, { value: V }>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      ttl: options.ttlMs,
      // Check expiry against the clock on every read (the default caches it for a millisecond).
      ttlResolution: 0,
      ...(options.now ? { perf: { now: options.now } } : {}),
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.#evictions++;
      },
    });
  }

  get(key: string): V | undefined {
    const entry = this.#cache.get(key);
    if (entry === undefined) this.#misses++;
    else this.#hits++;
    return entry?.value;
  }

  /** Store a value; one larger than the whole byte budget is not stored. Returns whether it was. */
  set(key: string, value: V, bytes: number, ttlMs?: number): boolean {
    this.#cache.delete(key);
    // An entry already out of date is not stored.
    if (bytes > this.#maxBytes || (ttlMs !== undefined && ttlMs <= 0)) return false;
    // lru-cache counts sizes from 1 (an empty value still takes a place) and reads a ttl of 0 as "never".
    const ttl = ttlMs === undefined ? {} : { ttl: Number.isFinite(ttlMs) ? Math.ceil(ttlMs) : 0 };
    this.#cache.set(key, { value }, { size: Math.max(1, Math.ceil(bytes)), ...ttl });
    return true;
  }

  delete(key: string): void {
    this.#cache.delete(key);
  }

  clear(): void {
    this.#cache.clear();
  }

  stats(): LruStats {
    return {
      entries: this.#cache.size,
      bytes: this.#cache.calculatedSize,
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
