import { createHash } from 'node:crypto';
import { NotFoundError, runKey, SingleFlight, UpstreamError, type RunRef } from '@run-comparer/wandb-client';
import type { CachedSource } from '../cache/cached-source.js';
import { LruCache, type LruStats } from '../cache/lru.js';
import type { DiskCache, DiskCacheStats } from './disk-cache.js';
import { ExpiredUrlError, loadMediaUrl } from './load-url.js';
import { isContentAddressed } from './media-path.js';
import { localMediaReader } from './open-local.js';
import { makeThumbnail } from './thumbnail.js';

export interface MediaCacheOptions {
  originalsMaxEntries: number;
  originalsMaxBytes: number;
  thumbnailsMaxEntries: number;
  thumbnailsMaxBytes: number;
  /** Logged media never change; the TTL only bounds how long unused bytes linger. */
  ttlMs: number;
  /** Files larger than this are refused (413). */
  maxFileBytes: number;
}

export const DEFAULT_MEDIA_CACHE: MediaCacheOptions = {
  originalsMaxEntries: 2_000,
  originalsMaxBytes: 128 * 1024 * 1024,
  thumbnailsMaxEntries: 20_000,
  thumbnailsMaxBytes: 96 * 1024 * 1024,
  ttlMs: 60 * 60_000,
  maxFileBytes: 32 * 1024 * 1024,
};

/** How long a step's signed URLs asked for ahead may take. */
const WARM_URLS_TIMEOUT_MS = 10_000;

export interface MediaBytes {
  bytes: Uint8Array;
  /** Strong validator from the content. */
  etag: string;
}

export interface MediaStore {
  original(ref: RunRef, path: string, signal?: AbortSignal): Promise<MediaBytes>;
  thumbnail(ref: RunRef, path: string, width: number, signal?: AbortSignal): Promise<MediaBytes>;
  /**
   * A step's images were just answered. With the wandb cloud, the first of them that has to be
   * downloaded asks for the signed URLs of all of them, in one request, instead of one each.
   */
  stepAnswered(ref: RunRef, paths: readonly string[]): void;
  stats(): { originals: LruStats; thumbnails: LruStats; disk: DiskCacheStats | null };
}

export interface MediaStoreOptions {
  cache?: Partial<MediaCacheOptions>;
  fetch?: typeof fetch;
  /** Keeps originals and thumbnails across restarts (see {@link DiskCache}); memory only without it. */
  disk?: DiskCache | null;
}

/**
 * Originals and thumbnails: from memory, else from the disk cache, else downloaded (or read from
 * the local run) and resized. On disk go thumbnails, and originals that were asked for themselves
 * (not those only fetched to make a thumbnail: a grid would write hundreds of megabytes per step);
 * in local mode the run's own file is the original. Only content-addressed names
 * (`<key>_<step>_<sha256 prefix>.png`, as wandb names media) are kept on disk: another name could
 * be a file that changed, which only asking the source would tell.
 */
export function createMediaStore(source: CachedSource, options: MediaStoreOptions = {}): MediaStore {
  const settings = { ...DEFAULT_MEDIA_CACHE, ...options.cache };
  const fetchFn = options.fetch ?? fetch;
  const disk = options.disk ?? null;
  const originals = new LruCache<MediaBytes>({
    maxEntries: settings.originalsMaxEntries,
    maxBytes: settings.originalsMaxBytes,
    ttlMs: settings.ttlMs,
  });
  const thumbnails = new LruCache<MediaBytes>({
    maxEntries: settings.thumbnailsMaxEntries,
    maxBytes: settings.thumbnailsMaxBytes,
    ttlMs: settings.ttlMs,
  });
  const flights = new SingleFlight();
  const keyOf = (ref: RunRef, path: string) => `${runKey(ref)}\n${path}`;

  const readLocal = localMediaReader(source.inner);
  /** The paths of steps answered lately, by media key (each path's entry is its step's paths). */
  const stepPaths = new LruCache<string[]>({ maxEntries: 50_000, maxBytes: 50_000, ttlMs: 10 * 60_000 });
  /** Signed URLs being asked for ahead, by media key; settles (never rejects) once they are cached. */
  const warming = new Map<string, Promise<void>>();

  /** Ask for the URLs of `paths` (a step's images) now, once. */
  const askAhead = (ref: RunRef, paths: string[]) => {
    for (const path of paths) stepPaths.delete(keyOf(ref, path));
    const cold = paths.filter((path) => !warming.has(keyOf(ref, path)));
    if (cold.length === 0) return;
    // Bounded: an image waiting for these asks on its own once they are given up.
    const asked = source.mediaUrl(ref, cold, { signal: AbortSignal.timeout(WARM_URLS_TIMEOUT_MS) }).then(
      () => {},
      () => {},
    );
    for (const path of cold) warming.set(keyOf(ref, path), asked);
    void asked.then(() => cold.forEach((path) => warming.delete(keyOf(ref, path))));
  };

  const download = async (ref: RunRef, path: string, signal: AbortSignal): Promise<Uint8Array> => {
    if (readLocal) return readLocal(ref, path, signal, settings.maxFileBytes);
    const step = stepPaths.get(keyOf(ref, path));
    if (step) askAhead(ref, step);
    const ahead = warming.get(keyOf(ref, path));
    if (ahead) await untilSettledOrAborted(ahead, signal);
    for (let attempt = 0; ; attempt++) {
      const [media] = await source.mediaUrl(ref, [path], { signal, refresh: attempt > 0 });
      if (media!.url === null) throw new NotFoundError('file', path, media!.missing.message);
      try {
        return await loadMediaUrl(media!.url, path, { signal, maxBytes: settings.maxFileBytes, fetch: fetchFn });
      } catch (error) {
        if (!(error instanceof ExpiredUrlError)) throw error;
        source.forgetMediaUrl(ref, path);
        if (attempt >= 1) {
          throw new UpstreamError(`Storage refused a freshly signed URL for "${path}" (${error.status}).`, {
            status: error.status,
          });
        }
      }
    }
  };

  /** The disk key of a file (width null) or of its thumbnail; null when it is not kept on disk. */
  const diskKey = (ref: RunRef, path: string, width: number | null) =>
    disk && isContentAddressed(path) ? [width === null ? 'original' : 'thumbnail', runKey(ref), path, width] : null;
  /** Entries known to be on disk: read from it, or written to it. */
  const onDiskAlready = new WeakSet<MediaBytes>();
  const fromDisk = async (key: unknown[] | null): Promise<MediaBytes | null> => {
    const found = key ? await disk!.get(key) : null;
    if (!found) return null;
    const entry = { bytes: found.bytes, etag: etagOf(found.sha256) };
    onDiskAlready.add(entry);
    return entry;
  };
  const toDisk = async (key: unknown[] | null, entry: MediaBytes): Promise<void> => {
    if (!key || onDiskAlready.has(entry)) return;
    onDiskAlready.add(entry);
    await disk!.put(key, entry.bytes);
  };

  /** The original, from memory, disk or the source; shared by the route and by thumbnails. */
  const original = (ref: RunRef, path: string, signal?: AbortSignal): Promise<MediaBytes> => {
    const key = keyOf(ref, path);
    const hit = originals.get(key);
    if (hit) return Promise.resolve(hit);
    return flights.run(
      `o:${key}`,
      async (shared) => {
        let entry = await fromDisk(readLocal ? null : diskKey(ref, path, null));
        if (!entry) {
          const bytes = await download(ref, path, shared);
          entry = { bytes, etag: etagOf(sha256Of(bytes)) };
        }
        originals.set(key, entry, entry.bytes.byteLength);
        return entry;
      },
      signal,
    );
  };

  return {
    async original(ref, path, signal) {
      const entry = await original(ref, path, signal);
      // Asked for itself (a detail view), not only to make a thumbnail: worth keeping on disk.
      if (!readLocal) await toDisk(diskKey(ref, path, null), entry);
      return entry;
    },
    thumbnail(ref, path, width, signal) {
      const key = `${keyOf(ref, path)}@${width}`;
      const hit = thumbnails.get(key);
      if (hit) return Promise.resolve(hit);
      const onDisk = diskKey(ref, path, width);
      return flights.run(
        `t:${key}`,
        async (shared) => {
          let entry = await fromDisk(onDisk);
          if (!entry) {
            const { bytes } = await original(ref, path, shared);
            const thumb = await makeThumbnail(bytes, width, path);
            entry = { bytes: thumb, etag: etagOf(sha256Of(thumb)) };
            await toDisk(onDisk, entry);
          }
          thumbnails.set(key, entry, entry.bytes.byteLength);
          return entry;
        },
        signal,
      );
    },
    stepAnswered(ref, paths) {
      // Other sources' URLs cost nothing (a file, a data URL): each image gets its own as it comes.
      if (source.inner.kind !== 'cloud') return;
      const step = [...new Set(paths)];
      for (const path of step) stepPaths.set(keyOf(ref, path), step, 1);
    },
    stats: () => ({ originals: originals.stats(), thumbnails: thumbnails.stats(), disk: disk?.stats() ?? null }),
  };
}

/** Wait for `work` (which never rejects), or until `signal` aborts: then reject with its reason. */
function untilSettledOrAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

function sha256Of(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function etagOf(sha256: Buffer): string {
  return `"${sha256.toString('base64url').slice(0, 27)}"`;
}
