import { createHash } from 'node:crypto';
import { NotFoundError, runKey, SingleFlight, UpstreamError, type RunRef } from '@run-comparer/wandb-client';
import type { CachedSource } from '../cache/cached-source.js';
import { LruCache, type LruStats } from '../cache/lru.js';
import { ExpiredUrlError, loadMediaUrl } from './load-url.js';
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

export interface MediaBytes {
  bytes: Uint8Array;
  /** Strong validator from the content. */
  etag: string;
}

export interface MediaStore {
  original(ref: RunRef, path: string, signal?: AbortSignal): Promise<MediaBytes>;
  thumbnail(ref: RunRef, path: string, width: number, signal?: AbortSignal): Promise<MediaBytes>;
  stats(): { originals: LruStats; thumbnails: LruStats };
}

export function createMediaStore(
  source: CachedSource,
  options: { cache?: Partial<MediaCacheOptions>; fetch?: typeof fetch } = {},
): MediaStore {
  const settings = { ...DEFAULT_MEDIA_CACHE, ...options.cache };
  const fetchFn = options.fetch ?? fetch;
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

  const download = async (ref: RunRef, path: string, signal: AbortSignal): Promise<Uint8Array> => {
    if (readLocal) return readLocal(ref, path, signal, settings.maxFileBytes);
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

  const original = (ref: RunRef, path: string, signal?: AbortSignal): Promise<MediaBytes> => {
    const key = keyOf(ref, path);
    const hit = originals.get(key);
    if (hit) return Promise.resolve(hit);
    return flights.run(
      `o:${key}`,
      async (shared) => {
        const bytes = await download(ref, path, shared);
        const entry = { bytes, etag: etagOf(bytes) };
        originals.set(key, entry, bytes.byteLength);
        return entry;
      },
      signal,
    );
  };

  return {
    original,
    thumbnail(ref, path, width, signal) {
      const key = `${keyOf(ref, path)}@${width}`;
      const hit = thumbnails.get(key);
      if (hit) return Promise.resolve(hit);
      return flights.run(
        `t:${key}`,
        async (shared) => {
          const { bytes } = await original(ref, path, shared);
          const thumb = await makeThumbnail(bytes, width, path);
          const entry = { bytes: thumb, etag: etagOf(thumb) };
          thumbnails.set(key, entry, thumb.byteLength);
          return entry;
        },
        signal,
      );
    },
    stats: () => ({ originals: originals.stats(), thumbnails: thumbnails.stats() }),
  };
}

function etagOf(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}
