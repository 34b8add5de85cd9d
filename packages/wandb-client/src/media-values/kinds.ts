import type {
  ImageValueType,
  MediaKind,
  MediaValueType,
  UnsupportedMediaType,
  VideoValueType,
} from '../media-types.js';
import { IMAGE_VALUE_TYPES, MEDIA_VALUE_TYPES } from './type-lists.js';

export { IMAGE_VALUE_TYPES, MEDIA_VALUE_TYPES, UNSUPPORTED_MEDIA_TYPES, VIDEO_VALUE_TYPES } from './type-lists.js';

/**
 * What each media type Run Comparer cannot show is, for the message of its cells (from wandb's
 * `data_types`: tables, audio, HTML, 3D objects, molecules, plots, model graphs).
 */
const UNSUPPORTED: Record<UnsupportedMediaType, string> = {
  'table-file': 'a table',
  'incremental-table-file': 'a table',
  'partitioned-table': 'a table',
  'joined-table': 'a table',
  table: 'a table',
  'audio-file': 'audio',
  audio: 'a list of audio clips',
  'html-file': 'an HTML page',
  html: 'a list of HTML pages',
  'object3D-file': 'a 3D object',
  object3D: 'a list of 3D objects',
  'molecule-file': 'a molecule',
  molecule: 'a list of molecules',
  'plotly-file': 'a Plotly chart',
  plotly: 'a Plotly chart',
  'bokeh-file': 'a Bokeh plot',
  'graph-file': 'a model graph',
  graph: 'a model graph',
};

const MEDIA_TYPE_SET = new Set<string>(MEDIA_VALUE_TYPES);

function hasTypeIn(value: unknown, types: readonly string[] | Set<string>): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const type = (value as { _type?: unknown })._type;
  return typeof type === 'string' && (types instanceof Set ? types.has(type) : types.includes(type));
}

export function isImageValue(value: unknown): value is Record<string, unknown> & { _type: ImageValueType } {
  return hasTypeIn(value, IMAGE_VALUE_TYPES);
}

/** Whether a logged value is media: an image, a video, or media listed as unsupported. */
export function isMediaValue(value: unknown): value is Record<string, unknown> & { _type: MediaValueType } {
  return hasTypeIn(value, MEDIA_TYPE_SET);
}

/** Whether a `_type` (e.g. from wandb's `historyKeys` type counts) is media. */
export function isMediaType(type: string): type is MediaValueType {
  return MEDIA_TYPE_SET.has(type);
}

export function mediaKindOf(type: ImageValueType | VideoValueType): MediaKind {
  return type === 'video-file' || type === 'videos' ? 'video' : 'image';
}

/** The message of a cell whose key holds media Run Comparer cannot show. */
export function unsupportedMessage(key: string, type: UnsupportedMediaType): string {
  const what = UNSUPPORTED[type];
  if (what === 'a table') {
    return `"${key}" holds a table (${type}); images inside tables are not supported (wandb keeps them in the run's artifacts): open the table in the wandb UI.`;
  }
  return `"${key}" holds ${what} (${type}), which Run Comparer does not show: open it in the wandb UI.`;
}
