import type { RunSource } from '../types.js';
import type { ImagesResource } from './images.js';
import type { MediaResource } from './media.js';
import type { RunsResource } from './runs.js';
import type { HistoryResource } from './scalar-history.js';

/** The cloud client seen as a {@link RunSource}: the same calls every other source answers. */
export function cloudSource(
  runs: RunsResource,
  images: ImagesResource,
  media: Pick<MediaResource, 'urls'>,
  history: HistoryResource,
): RunSource {
  return {
    kind: 'cloud',
    list: (params, options) => runs.list(params, options),
    get: (ref, options) => runs.get(ref, options),
    keys: (ref, options) => images.keys(ref, options),
    steps: (ref, params, options) => images.steps(ref, params, options),
    at: (ref, params, options) => images.at(ref, params, options),
    index: (refs, params, options) => images.index(refs, params, options),
    scalarKeys: (ref, options) => history.keys(ref, options),
    history: (ref, params, options) => history.series(ref, params, options),
    historyAt: (ref, params, options) => history.at(ref, params, options),
    mediaUrl: (ref, paths, options) => media.urls(ref, paths, options),
  };
}
