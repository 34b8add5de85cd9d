import type {
  CallOptions,
  ImageSet,
  ListRunsParams,
  MediaUrl,
  Run,
  RunImageIndex,
  RunRef,
  RunSource,
  RunState,
  ScalarHistory,
  ScalarsAt,
  StepIndex,
} from '@run-comparer/wandb-client';
import { answersFromIndex, runKey, SETTLED_RUN_STATES, SingleFlight } from '@run-comparer/wandb-client';
import { LruCache, jsonSize, type LruStats } from './lru.js';

export interface RunCacheOptions {
  maxEntries: number;
  maxBytes: number;
  /** How long answers about runs that can no longer change are kept. */
  finishedTtlMs: number;
  /** How long answers about running (or not yet known) runs are kept: short, so live training shows. */
  runningTtlMs: number;
  /** How long a page of runs is kept (new runs appear at the top). */
  listTtlMs: number;
  /** A signed media URL is dropped this long before it expires. */
  mediaUrlMarginMs: number;
}

export const DEFAULT_RUN_CACHE: RunCacheOptions = {
  maxEntries: 20_000,
  maxBytes: 64 * 1024 * 1024,
  finishedTtlMs: 10 * 60_000,
  runningTtlMs: 5_000,
  listTtlMs: 5_000,
  mediaUrlMarginMs: 60_000,
};

/** `refresh`: sign again even if a cached URL looks fresh (storage refused it). */
export interface MediaUrlOptions extends CallOptions {
  refresh?: boolean;
}

export interface CachedSource extends RunSource {
  readonly inner: RunSource;
  mediaUrl(ref: RunRef, paths: string[], options?: MediaUrlOptions): Promise<MediaUrl[]>;
  stats(): LruStats;
  clear(): void;
  /** Forget a media URL, e.g. after storage refused its signature. */
  forgetMediaUrl(ref: RunRef, path: string): void;
}

/**
 * A RunSource that remembers answers: finished runs for minutes, running ones for seconds.
 * Per-key image sets from `index` also answer later `steps` and `at` calls, and concurrent
 * identical calls share one upstream request.
 */
export function createCachedSource(inner: RunSource, options: Partial<RunCacheOptions> = {}): CachedSource {
  const settings = { ...DEFAULT_RUN_CACHE, ...options };
  const cache = new LruCache<unknown>({
    maxEntries: settings.maxEntries,
    maxBytes: settings.maxBytes,
    ttlMs: settings.runningTtlMs,
  });
  // Not lru-cache's fetchMethod: its concurrent fetch() callers share the first caller's signal, so
  // one client hanging up would abort the request the others still wait for.
  const flights = new SingleFlight();

  const ttlFor = (ref: RunRef): number => {
    const state = cache.get(`state:${runKey(ref)}`) as RunState | undefined;
    return state && SETTLED_RUN_STATES.has(state) ? settings.finishedTtlMs : settings.runningTtlMs;
  };
  const runTtl = (run: Run) =>
    SETTLED_RUN_STATES.has(run.state) && !isProvisional(run) ? settings.finishedTtlMs : settings.runningTtlMs;
  const rememberRun = (run: Run) => {
    const key = runKey({ entity: run.entity, project: run.project, runId: run.id });
    cache.set(`state:${key}`, run.state, 64, runTtl(run));
    // A run from a light listing (no config, summary or last step) must not answer a later get(),
    // nor one listed from the ends of its file, which the whole read soon completes.
    if (run.detail !== 'light' && !isProvisional(run)) cache.set(`run:${key}`, run, jsonSize(run), runTtl(run));
  };

  async function cached<T>(
    key: string,
    signal: AbortSignal | undefined,
    load: (s: AbortSignal) => Promise<T>,
    ttl: (value: T) => number,
  ) {
    const hit = cache.get(key) as T | undefined;
    if (hit !== undefined) return hit;
    return flights.run(
      key,
      async (shared) => {
        const value = await load(shared);
        const lifetime = ttl(value);
        if (lifetime > 0) cache.set(key, value, jsonSize(value), lifetime);
        return value;
      },
      signal,
    );
  }

  /** Per-key image sets of one run, when `index` has cached all the asked keys. */
  const cachedSets = (ref: RunRef, keys: string[]): Map<string, ImageSet[]> | null => {
    const found = new Map<string, ImageSet[]>();
    for (const key of keys) {
      const sets = cache.get(`sets:${runKey(ref)}:${key}`) as ImageSet[] | undefined;
      if (!sets) return null;
      found.set(key, sets);
    }
    return found;
  };

  return {
    kind: inner.kind,
    inner,
    stats: () => cache.stats(),
    clear: () => cache.clear(),
    forgetMediaUrl: (ref, path) => cache.delete(`media:${runKey(ref)}:${path}`),

    list(params: ListRunsParams, { signal }: CallOptions = {}) {
      const { entity, project, perPage, cursor, order, search, filters, detail } = params;
      const key = `list:${JSON.stringify([entity, project, perPage, cursor, order, search, filters, detail])}`;
      return cached(
        key,
        signal,
        async (shared) => {
          const page = await inner.list(params, { signal: shared });
          page.runs.forEach(rememberRun);
          return page;
        },
        (page) => (page.runs.some(isProvisional) ? 0 : settings.listTtlMs),
      );
    },

    get(ref, { signal } = {}) {
      return cached(
        `run:${runKey(ref)}`,
        signal,
        async (shared) => {
          const run = await inner.get(ref, { signal: shared });
          rememberRun(run);
          return run;
        },
        (run) => (isProvisional(run) ? 0 : runTtl(run)),
      );
    },

    keys(ref, { signal } = {}) {
      return cached(
        `keys:${runKey(ref)}`,
        signal,
        (shared) => inner.keys(ref, { signal: shared }),
        () => ttlFor(ref),
      );
    },

    async steps(ref, params, { signal } = {}): Promise<StepIndex> {
      // A cached index knows the image steps, not the axis values in their rows.
      const sets = Array.isArray(params.keys) && params.axis === undefined ? cachedSets(ref, params.keys) : null;
      if (sets) return answersFromIndex(Object.fromEntries(sets), params.keys).steps;
      const key = `steps:${runKey(ref)}:${JSON.stringify([params.keys, params.axis ?? null])}`;
      return cached(
        key,
        signal,
        (shared) => inner.steps(ref, params, { signal: shared }),
        () => ttlFor(ref),
      );
    },

    async at(ref, params, { signal } = {}): Promise<ImageSet[]> {
      const sets =
        Array.isArray(params.keys) && Number.isSafeInteger(params.step) ? cachedSets(ref, params.keys) : null;
      if (sets) return answersFromIndex(Object.fromEntries(sets), params.keys).at(params.step);
      const key = `at:${runKey(ref)}:${params.step}:${JSON.stringify(params.keys)}`;
      return cached(
        key,
        signal,
        (shared) => inner.at(ref, params, { signal: shared }),
        () => ttlFor(ref),
      );
    },

    scalarKeys(ref, { signal } = {}) {
      return cached(
        `scalar-keys:${runKey(ref)}`,
        signal,
        (shared) => inner.scalarKeys(ref, { signal: shared }),
        () => ttlFor(ref),
      );
    },

    history(ref, params, { signal } = {}): Promise<ScalarHistory> {
      return cached(
        `history:${runKey(ref)}:${JSON.stringify([params.keys, params.samples ?? null])}`,
        signal,
        (shared) => inner.history(ref, params, { signal: shared }),
        () => ttlFor(ref),
      );
    },

    historyAt(ref, params, { signal } = {}): Promise<ScalarsAt> {
      return cached(
        `history-at:${runKey(ref)}:${JSON.stringify([params.keys, params.step])}`,
        signal,
        (shared) => inner.historyAt(ref, params, { signal: shared }),
        () => ttlFor(ref),
      );
    },

    async index(refs, params, { signal } = {}): Promise<RunImageIndex[]> {
      const keys = Array.isArray(params.keys) ? [...new Set(params.keys)] : params.keys;
      const hits = new Map<string, Map<string, ImageSet[]>>();
      const missing: RunRef[] = [];
      for (const ref of refs) {
        const sets = Array.isArray(keys) ? cachedSets(ref, keys) : null;
        if (sets) hits.set(runKey(ref), sets);
        else if (!missing.some((m) => runKey(m) === runKey(ref))) missing.push(ref);
      }
      const fresh = new Map<string, RunImageIndex>();
      if (missing.length > 0) {
        const flightKey = `index:${JSON.stringify([missing.map(runKey), keys])}`;
        const entries = await flights.run(
          flightKey,
          (shared) => inner.index(missing, params, { signal: shared }),
          signal,
        );
        for (const entry of entries) {
          fresh.set(runKey(entry.run), entry);
          // A short answer is not kept: asked again, wandb may answer in full (and a cached hit would lose the flag).
          if (entry.error || entry.incomplete) continue;
          for (const [key, sets] of Object.entries(entry.byKey)) {
            cache.set(`sets:${runKey(entry.run)}:${key}`, sets, jsonSize(sets), ttlFor(entry.run));
          }
        }
      }
      return refs.map((ref) => {
        const hit = hits.get(runKey(ref));
        if (hit) return { run: ref, byKey: Object.fromEntries(hit), error: null };
        const entry = fresh.get(runKey(ref));
        return entry
          ? { ...entry, run: ref }
          : { run: ref, byKey: {}, error: { code: 'upstream', message: 'The source did not index this run.' } };
      });
    },

    async mediaUrl(ref, paths, { signal, refresh = false }: MediaUrlOptions = {}): Promise<MediaUrl[]> {
      const key = (path: string) => `media:${runKey(ref)}:${path}`;
      const found = new Map<string, MediaUrl>();
      for (const path of paths) {
        const hit = refresh ? undefined : (cache.get(key(path)) as MediaUrl | undefined);
        if (hit) found.set(path, hit);
      }
      const missing = [...new Set(paths.filter((path) => !found.has(path)))];
      if (missing.length > 0) {
        const flightKey = `media:${runKey(ref)}:${refresh}:${JSON.stringify(missing)}`;
        // `refresh` reaches sources that cache URLs themselves (the cloud client), so they ask wandb again.
        const load = (shared: AbortSignal) => {
          const options: MediaUrlOptions = { signal: shared, refresh };
          return inner.mediaUrl(ref, missing, options);
        };
        const urls = await flights.run(flightKey, load, signal);
        for (const url of urls) {
          found.set(url.path, url);
          // A file not uploaded yet may arrive any moment: only URLs are kept.
          if (url.missing === null) cache.set(key(url.path), url, jsonSize(url), mediaTtl(url, ttlFor(ref), settings));
        }
      }
      return paths.map((path) => found.get(path)!);
    },
  };
}

/** Listed from the ends of a large local file, until the whole read (soon) replaces it: never kept. */
function isProvisional(run: Run): boolean {
  return run.warnings.some((warning) => warning.code === 'provisional');
}

function mediaTtl(url: MediaUrl, runTtl: number, settings: RunCacheOptions): number {
  // Media of a run never change once logged; only an expiring signature limits reuse.
  const lifetime = url.expiresAt ? Date.parse(url.expiresAt) - Date.now() - settings.mediaUrlMarginMs : Infinity;
  return Math.min(lifetime, Math.max(runTtl, settings.finishedTtlMs));
}
