export { createWandbClient } from './client.js';
export type { WandbClient, WandbClientOptions } from './client.js';
export type { RunsResource } from './runs.js';
export type { ImagesResource } from './images.js';
export type { HistoryResource } from './scalar-history.js';
export type { RetryPolicy } from '../internal/retry.js';
