import type { Response } from 'express';
import type { CachedSource } from '../cache/cached-source.js';
import type { ProjectDefaults } from '../config.js';
import type { Logger } from '../logger.js';
import type { MediaStore } from '../media/media-store.js';
import { signalOf } from '../middleware/client-signal.js';
import { withDeadline } from './deadline.js';

/** What the API routers share. */
export interface ApiContext {
  source: CachedSource;
  media: MediaStore;
  defaults: ProjectDefaults;
  /** Said by /api/health: where runs come from, without secrets. */
  sourceDescription: string;
  logger: Logger;
  upstreamTimeoutMs: number;
  /** Other origins may embed media (`CORS_ORIGINS` is set): `<img>` loads send no Origin to check. */
  crossOriginMedia: boolean;
}

/** Call the source for one request: aborted when the client leaves, bounded by the upstream timeout. */
export function upstream<T>(
  ctx: ApiContext,
  res: Response,
  what: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withDeadline(work, { signal: signalOf(res), timeoutMs: ctx.upstreamTimeoutMs, what });
}
