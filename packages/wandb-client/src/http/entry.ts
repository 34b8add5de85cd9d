/**
 * `@run-comparer/wandb-client/http`: the browser-light entry. A `RunSource` over a Run Comparer
 * server's JSON API, with the typed errors and the shared types, and none of the cloud client,
 * the memory source or the image-value parsing: ky and `zod/mini` are its only dependencies.
 */
export type * from '../types.js';
export * from '../errors.js';
export { createHttpSource, type HttpSourceOptions } from './http-source.js';
export { decodeNonFiniteNumbers, encodeNonFiniteNumbers } from './wire-json.js';
export { hasThumbnail, servedThumbnailWidth, thumbnailUrl, thumbnailWidth, THUMBNAIL_WIDTHS } from './thumbnails.js';
