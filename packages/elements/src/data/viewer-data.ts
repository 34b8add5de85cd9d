import {
  answersFromIndex,
  runKey,
  type ImageSet,
  type MediaUrl,
  type RunImageIndex,
  type RunRef,
  type RunSource,
} from '@run-comparer/wandb-client';
import { RequestCache } from './request-cache.js';

/**
 * Images an index answer is sized to hold: about 3.5 MB of JSON at the 230 bytes an image takes
 * (a team-scale run of 8 keys × 400 steps × 4 images is 12,800 images, 2.8 MiB).
 */
export const INDEX_BUDGET = 16_000;

/** A signed URL is fetched again once this share of its lifetime has passed. */
const REFRESH_AFTER = 0.8;
/** A file not uploaded yet is asked for again after this long (a running run may upload it meanwhile). */
const MISSING_RECHECK_MS = 30_000;

/**
 * Everything the image viewers load from one RunSource, cached and shared by every viewer on the
 * page (the grid, the detail view and the compare view): per run and key the logged steps, per
 * run, key and step the image set, per run and path the media URL (refreshed before it expires).
 */
export class ViewerData {
  readonly steps = new RequestCache<number[]>();
  readonly sets = new RequestCache<ImageSet>();
  readonly urls = new RequestCache<MediaUrl>((media, storedAt) =>
    media?.missing
      ? Date.now() < storedAt + MISSING_RECHECK_MS
      : !media?.expiresAt || Date.now() < refreshTime(media.expiresAt, storedAt),
  );
  /** URLs that failed to load: the next load asks the source to check them again, not to reuse a cached answer. */
  readonly #recheck = new Set<string>();

  /** Which runs and keys are indexed (by `stepsId`); the index itself lives in `steps` and `sets`. */
  readonly indexes = new RequestCache<true>();

  constructor(readonly source: RunSource) {}

  stepsId = (ref: RunRef, key: string) => `${runKey(ref)}\n${key}`;
  setId = (ref: RunRef, key: string, step: number) => `${runKey(ref)}\n${key}\n${step}`;
  urlId = (ref: RunRef, path: string) => `${runKey(ref)}\n${path}`;

  /** The steps at which `key` holds images in this run (undefined: not loaded yet). */
  stepsOf(ref: RunRef, key: string): number[] | undefined {
    return this.steps.peek(this.stepsId(ref, key)) ?? undefined;
  }

  /** A media URL that still works, if one is stored. */
  urlOf(ref: RunRef, path: string): string | undefined {
    const media = this.urls.peek(this.urlId(ref, path));
    if (!media?.url || (media.expiresAt && Date.parse(media.expiresAt) <= Date.now())) return undefined;
    return media.url;
  }

  /** Why the run has no file at `path` (it was never uploaded), or null. */
  missingOf(ref: RunRef, path: string): string | null {
    return this.urls.peek(this.urlId(ref, path))?.missing?.message ?? null;
  }

  /** Forget URLs that failed to load, so the next load asks the source to check them afresh. */
  recheckUrls(ids: string[]): void {
    this.urls.forget(ids);
    ids.forEach((id) => this.#recheck.add(id));
  }

  loadSteps(ref: RunRef, keys: string[], signal?: AbortSignal): Promise<void> {
    const byId = new Map(keys.map((key) => [this.stepsId(ref, key), key]));
    return this.steps.load(
      byId.keys(),
      async (ids, s) => {
        const index = await this.source.steps(ref, { keys: ids.map((id) => byId.get(id)!) }, { signal: s });
        return new Map(ids.map((id) => [id, index.byKey[byId.get(id)!] ?? []]));
      },
      signal,
    );
  }

  /**
   * The image index of these runs and keys, a few runs per request in the order given (the rows
   * on screen first; a run given twice is asked for once), stored as the steps of every run and key and the set at every step, so
   * moving through steps needs no further request. No answer holds much more than
   * {@link INDEX_BUDGET} images: the first request asks for one run, the next as many as fit by
   * what that one held (one key at a time for a run too long for one answer). `onChunk` is
   * called after each answer. Runs the source could not index, and every run when a request
   * fails, are left to `loadSteps` and `loadSets`, which then report why.
   */
  async loadIndex(refs: RunRef[], keys: string[], signal?: AbortSignal, onChunk?: () => void): Promise<void> {
    let perRunKey = 0;
    const pending = [...new Map(refs.map((ref) => [runKey(ref), ref])).values()]
      .map((ref) => ({ ref, keys: keys.filter((key) => this.indexes.peek(this.stepsId(ref, key)) === undefined) }))
      .filter((p) => p.keys.length);
    while (pending.length && !signal?.aborted) {
      const chunk = takeChunk(pending, perRunKey ? Math.max(1, Math.floor(INDEX_BUDGET / perRunKey)) : 0);
      const ids = chunk.refs.flatMap((ref) => chunk.keys.map((key) => this.stepsId(ref, key)));
      await this.indexes.load(
        ids,
        async (_, s) => {
          const entries = await this.source.index(chunk.refs, { keys: chunk.keys }, { signal: s });
          perRunKey = Math.max(perRunKey, this.#storeIndex(entries, chunk.keys) / ids.length);
          return new Map(ids.map((id) => [id, true as const]));
        },
        signal,
      );
      onChunk?.();
    }
  }

  /** Store an index answer; returns how many images it held. */
  #storeIndex(entries: RunImageIndex[], keys: string[]): number {
    let images = 0;
    for (const { run, byKey, error } of entries) {
      if (error) continue;
      const answers = answersFromIndex(byKey, keys);
      this.steps.store(new Map(keys.map((key) => [this.stepsId(run, key), answers.steps.byKey[key]!])));
      const sets = answers.steps.steps.flatMap((step) => answers.at(step));
      for (const set of sets) images += set.images.length;
      this.sets.store(new Map(sets.map((set) => [this.setId(run, set.key, set.step), set])));
    }
    return images;
  }

  /**
   * Forget the parts of the index of these runs and keys that failed, or whose steps were
   * forgotten since (live runs), so the next `loadIndex` asks for them again.
   */
  forgetIndex(refs: RunRef[], keys: string[]): void {
    const ids = refs.flatMap((ref) => keys.map((key) => this.stepsId(ref, key)));
    this.indexes.forget(ids.filter((id) => this.indexes.error(id) !== undefined || this.steps.peek(id) === undefined));
  }

  /** Forget the steps the live ones of these runs logged so far (a reload then asks for their index again). */
  forgetSteps(runs: ReadonlyArray<{ ref: RunRef; live: boolean }>, keys: string[]): void {
    this.steps.forget(runs.flatMap((run) => (run.live ? keys.map((key) => this.stepsId(run.ref, key)) : [])));
  }

  loadSets(ref: RunRef, keys: string[], step: number, signal?: AbortSignal): Promise<void> {
    const byId = new Map(keys.map((key) => [this.setId(ref, key, step), key]));
    return this.sets.load(
      byId.keys(),
      async (ids, s) => {
        const sets = await this.source.at(ref, { keys: ids.map((id) => byId.get(id)!), step }, { signal: s });
        return new Map(sets.map((set) => [this.setId(ref, set.key, step), set]));
      },
      signal,
    );
  }

  loadUrls(ref: RunRef, paths: string[], signal?: AbortSignal): Promise<void> {
    const byId = new Map(paths.map((path) => [this.urlId(ref, path), path]));
    return this.urls.load(
      byId.keys(),
      async (ids, s) => {
        const refresh = ids.filter((id) => this.#recheck.delete(id)).length > 0;
        const media = await this.source.mediaUrl(
          ref,
          ids.map((id) => byId.get(id)!),
          { signal: s, refresh },
        );
        return new Map(media.map((m) => [this.urlId(ref, m.path), m]));
      },
      signal,
    );
  }

  /** When the first of these stored URLs should be fetched again (ms since epoch), or null. */
  refreshDue(ref: RunRef, paths: Iterable<string>): number | null {
    let due: number | null = null;
    for (const path of paths) {
      const id = this.urlId(ref, path);
      const media = this.urls.peek(id);
      if (!media?.expiresAt) continue;
      const at = refreshTime(media.expiresAt, this.urls.storedAt(id)!);
      if (due === null || at < due) due = at;
    }
    return due;
  }
}

function refreshTime(expiresAt: string, storedAt: number): number {
  const expiry = Date.parse(expiresAt);
  return storedAt + (expiry - storedAt) * REFRESH_AFTER;
}

/**
 * The next request of an index: the first pending run with all its keys when nothing is known
 * yet (`capacity` 0), else as many runs as `capacity` run-keys hold (runs waiting for the same
 * keys), or part of one run's keys. Takes them out of `pending`.
 */
function takeChunk(
  pending: Array<{ ref: RunRef; keys: string[] }>,
  capacity: number,
): { refs: RunRef[]; keys: string[] } {
  const first = pending[0]!;
  if (capacity && capacity < first.keys.length) {
    const keys = first.keys.splice(0, capacity);
    return { refs: [first.ref], keys };
  }
  const same = (p: { keys: string[] }) =>
    p.keys.length === first.keys.length && p.keys.every((k, i) => k === first.keys[i]);
  const runs = capacity ? Math.max(1, Math.floor(capacity / first.keys.length)) : 1;
  const refs: RunRef[] = [];
  for (let i = 0; i < pending.length && refs.length < runs;) {
    if (same(pending[i]!)) refs.push(pending.splice(i, 1)[0]!.ref);
    else i++;
  }
  return { refs, keys: first.keys };
}

const shared = new WeakMap<RunSource, ViewerData>();

/** The one ViewerData of a source, shared by every viewer using that source. */
export function viewerData(source: RunSource): ViewerData {
  let data = shared.get(source);
  if (!data) shared.set(source, (data = new ViewerData(source)));
  return data;
}

const warmed = new Map<string, HTMLImageElement>();
/** Enough for the neighbours the grid prefetches (2 steps each way) of 8 runs × 4 keys × 4 images. */
const WARM_LIMIT = 640;

/** Fetch and decode an image ahead of showing it, so it appears at once when shown. */
export function warmImage(url: string): Promise<void> {
  let image = warmed.get(url);
  if (!image) {
    image = new Image();
    image.decoding = 'async';
    image.src = url;
    warmed.set(url, image);
    if (warmed.size > WARM_LIMIT) warmed.delete(warmed.keys().next().value!);
  }
  return image.decode().catch(() => undefined);
}
