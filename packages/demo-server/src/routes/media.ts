import { createHash } from 'node:crypto';
import { servedThumbnailWidth } from '@run-comparer/wandb-client';
import type { Request, RequestHandler, Response } from 'express';
import { upstream, type ApiContext } from '../api/context.js';
import { mediaQuery, parse } from '../api/params.js';
import { runRefOf } from '../api/run-ref.js';
import { checkMediaPath, isContentAddressed } from '../media/media-path.js';
import { MEDIA_POLICY } from '../middleware/security-headers.js';

const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';

/**
 * One image of a run, or (`?w=`) a WebP thumbnail no wider than w. Content-addressed names get a
 * path-derived ETag, so a revalidation is answered 304 without touching the source.
 */
export function getMedia(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const ref = runRefOf(res);
    const { path, mimeType } = checkMediaPath(segmentsOf(req));
    const { w } = parse(mediaQuery, req.query, 'query');
    const width = w === undefined ? null : servedThumbnailWidth(w);
    const stable = isContentAddressed(path);
    const addressedTag = stable ? pathEtag([ref.entity, ref.project, ref.runId, path, String(width)]) : null;
    if (addressedTag && etagMatches(req, addressedTag)) return notModified(res, addressedTag, IMMUTABLE);

    const what = `Loading "${path}" of run ${ref.runId}`;
    const media = await upstream(ctx, res, what, (signal) =>
      width === null ? ctx.media.original(ref, path, signal) : ctx.media.thumbnail(ref, path, width, signal),
    );
    const etag = addressedTag ?? (width === null ? media.etag : media.etag.replace(/"$/, `-${width}"`));
    const cacheControl = stable ? IMMUTABLE : REVALIDATE;
    if (etagMatches(req, etag)) return notModified(res, etag, cacheControl);
    res
      .status(200)
      .set({
        'Content-Type': width === null ? mimeType : 'image/webp',
        'Content-Length': String(media.bytes.byteLength),
        'Cache-Control': cacheControl,
        ETag: etag,
        'Content-Security-Policy': MEDIA_POLICY,
        'Content-Disposition': 'inline',
        ...(ctx.crossOriginMedia ? { 'Cross-Origin-Resource-Policy': 'cross-origin' } : {}),
      })
      .end(Buffer.from(media.bytes.buffer, media.bytes.byteOffset, media.bytes.byteLength));
  };
}

/** Express 5 gives the `*path` wildcard as decoded segments. */
function segmentsOf(req: Request): string[] {
  const raw = (req.params as Record<string, unknown>).path;
  return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split('/') : [];
}

function pathEtag(parts: string[]): string {
  return `"p${createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 26)}"`;
}

function etagMatches(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function notModified(res: Response, etag: string, cacheControl: string): void {
  res.status(304).set({ ETag: etag, 'Cache-Control': cacheControl }).end();
}
