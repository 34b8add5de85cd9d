export { createHttpSource, type HttpSourceOptions } from './http-source.js';
export { decodeNonFiniteNumbers, encodeNonFiniteNumbers } from './wire-json.js';
export { hasThumbnail, servedThumbnailWidth, thumbnailUrl, thumbnailWidth, THUMBNAIL_WIDTHS } from './thumbnails.js';
