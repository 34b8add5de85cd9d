export { createApp, type AppDeps, type AppOptions, type AppStats, type RunComparerApp } from './app.js';
export type { ProjectDefaults } from './config.js';
export { createHttpServer, MAX_HEADER_BYTES } from './http-server.js';
export { LruCache, type LruOptions, type LruStats } from './cache/lru.js';
export { createCachedSource, type CachedSource, type RunCacheOptions } from './cache/cached-source.js';
export { createJsonLogger, silentLogger, type Logger, type LogFields } from './logger.js';
export type { DiskCacheOptions, DiskCacheStats } from './media/disk-cache.js';
