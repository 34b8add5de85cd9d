import express, { type ErrorRequestHandler, type Express } from 'express';
import { encodeNonFiniteNumbers, type RunSource } from '@run-comparer/wandb-client';
import { errorResponse } from './errors.js';
import { hidePathsReplacer, type HiddenPath } from './hidden-paths.js';
import type { ApiContext } from './api/context.js';
import type { ProjectDefaults } from './config.js';
import {
  createCachedSource,
  DEFAULT_RUN_CACHE,
  type CachedSource,
  type RunCacheOptions,
} from './cache/cached-source.js';
import type { LruStats } from './cache/lru.js';
import type { Logger } from './logger.js';
import { DiskCache, type DiskCacheOptions, type DiskCacheStats } from './media/disk-cache.js';
import { createMediaStore, type MediaCacheOptions } from './media/media-store.js';
import { requireToken } from './middleware/access-token.js';
import { clientSignal } from './middleware/client-signal.js';
import { cors } from './middleware/cors.js';
import { requestLog } from './middleware/request-log.js';
import { securityHeaders } from './middleware/security-headers.js';
import { defaultPagePaths, type PagePaths } from './page/paths.js';
import { apiRoutes, unknownApiRoute } from './routes/api.js';
import { pageRouter } from './routes/page.js';

export interface AppOptions {
  /** When set, every API and media request needs it (Bearer header or the page's cookie). */
  token?: string | null;
  /** Origins allowed to call the API from another site; none by default. `*` allows any. */
  corsOrigins?: readonly string[];
  /** Said by /api/health and on the page: where the runs come from. */
  sourceDescription?: string;
  /** Strings that must never appear in an answer or a log line (the wandb API key). */
  secrets?: readonly string[];
  /** Server directories (the local runs' folder) that answers and the page name only by their shown name. */
  hiddenPaths?: readonly HiddenPath[];
  /** Longest wait for the source on one request; then 504. */
  upstreamTimeoutMs?: number;
  runCache?: Partial<RunCacheOptions>;
  mediaCache?: Partial<MediaCacheOptions>;
  /**
   * Keep originals and thumbnails on disk too, across restarts and shared by the servers that use
   * the same `dir` (bounded by `maxBytes`). None by default here; the bin keeps them under the
   * user's cache directory unless told otherwise.
   */
  diskCache?: DiskCacheOptions | null;
  /** Downloads signed media URLs; the platform fetch by default. */
  fetch?: typeof fetch;
  /** Largest JSON request body. */
  jsonLimit?: string;
  /** Where the page template and the UI bundle are. */
  page?: Partial<PagePaths>;
}

export interface AppDeps {
  source: RunSource;
  defaults: ProjectDefaults;
  logger: Logger;
  options?: AppOptions;
}

export interface AppStats {
  runs: LruStats;
  originals: LruStats;
  thumbnails: LruStats;
  /** null when media are kept in memory only. */
  disk: DiskCacheStats | null;
}

export type RunComparerApp = Express & { stats(): AppStats; readonly source: CachedSource };

/** The Express app: JSON API under /api, media under /api/media, the demo page at /. It never listens. */
export function createApp(deps: AppDeps): RunComparerApp {
  const options = deps.options ?? {};
  const secrets = [...(options.secrets ?? []), ...(options.token ? [options.token] : [])];
  // Local run files can change at any moment (a resumed, truncated or deleted run) and are cheap to
  // re-read, so no answer about a local run is kept longer than one about a running run.
  const localTtl =
    deps.source.kind === 'local'
      ? { finishedTtlMs: options.runCache?.runningTtlMs ?? DEFAULT_RUN_CACHE.runningTtlMs }
      : {};
  const source = createCachedSource(deps.source, { ...localTtl, ...options.runCache });
  const disk = options.diskCache ? new DiskCache(options.diskCache, deps.logger) : null;
  const media = createMediaStore(source, { cache: options.mediaCache, fetch: options.fetch, disk });
  const hidePaths = hidePathsReplacer(options.hiddenPaths ?? []);
  const sourceDescription = String(hidePaths('', options.sourceDescription ?? `${deps.source.kind} source`));
  const ctx: ApiContext = {
    source,
    media,
    defaults: deps.defaults,
    sourceDescription,
    logger: deps.logger,
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? 20_000,
    crossOriginMedia: (options.corsOrigins ?? []).length > 0,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // NaN and ±Infinity in summaries and config go out as {"$numberDouble": …} (see the SDK's http/wire-json.ts).
  app.set(
    'json replacer',
    options.hiddenPaths?.length
      ? (key: string, value: unknown) => hidePaths(key, encodeNonFiniteNumbers(key, value))
      : encodeNonFiniteNumbers,
  );
  app.use(requestLog(deps.logger), securityHeaders(), cors(options.corsOrigins ?? []), clientSignal());

  app.use(
    '/api',
    requireToken(options.token),
    express.json({ limit: options.jsonLimit ?? '64kb', strict: true }),
    apiRoutes(ctx),
    unknownApiRoute,
  );

  app.use(
    pageRouter({
      ...defaultPagePaths(),
      ...options.page,
      defaults: deps.defaults,
      sourceDescription,
      token: options.token ?? null,
    }),
  );
  app.use((req, res) => {
    res.status(404).type('text/plain').send(`Not found: ${req.path}. The page is at / and the API under /api.`);
  });

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const answer = errorResponse(error, secrets);
    if (answer.unexpected) {
      deps.logger.error('unexpected error', {
        method: req.method,
        path: req.path,
        error: String((error as Error)?.stack ?? error),
      });
    }
    if (res.headersSent) return void res.destroy();
    if (answer.status === 499) return void res.destroy();
    res.status(answer.status).set(answer.headers).json(answer.body);
  };
  app.use(onError);

  return Object.assign(app, {
    source,
    stats: (): AppStats => ({ runs: source.stats(), ...media.stats() }),
  });
}
