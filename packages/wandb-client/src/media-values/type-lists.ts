import type { ImageValueType, MediaValueType, UnsupportedMediaType, VideoValueType } from '../media-types.js';

/** The `_type` values of history values that hold images. */
export const IMAGE_VALUE_TYPES: readonly ImageValueType[] = ['image-file', 'images/separated', 'images'];

/** The `_type` values of `wandb.Video` values: one video, or a list. */
export const VIDEO_VALUE_TYPES: readonly VideoValueType[] = ['video-file', 'videos'];

/** Media wandb logs that Run Comparer lists but cannot show (from wandb's `data_types`). */
export const UNSUPPORTED_MEDIA_TYPES: readonly UnsupportedMediaType[] = [
  'table-file',
  'incremental-table-file',
  'partitioned-table',
  'joined-table',
  'table',
  'audio-file',
  'audio',
  'html-file',
  'html',
  'object3D-file',
  'object3D',
  'molecule-file',
  'molecule',
  'plotly-file',
  'plotly',
  'bokeh-file',
  'graph-file',
  'graph',
];

/** Every `_type` a media key can hold: images and videos to show, and the media listed as unsupported. */
export const MEDIA_VALUE_TYPES: readonly MediaValueType[] = [
  ...IMAGE_VALUE_TYPES,
  ...VIDEO_VALUE_TYPES,
  ...UNSUPPORTED_MEDIA_TYPES,
];
