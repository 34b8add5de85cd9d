export type * from './types.js';
export * from './errors.js';
export { parseWandbJson, toWandbJson, type WandbJsonOptions } from './wandb-json.js';
export { RUN_STATES, SETTLED_RUN_STATES, EXITED_RUN_STATES, toRunState } from './run-states.js';
export { runKey, sameProject } from './run-refs.js';
export { matchesRunSearch } from './run-search.js';
export { parseRunQuery, type RunQuery, type RunQueryCondition, type RunQueryOperator } from './config/run-query.js';
export { matchesRunQuery } from './config/run-query-match.js';
export { flattenConfig, configValue, sameConfigValue } from './config/flatten-config.js';
export { diffConfigs, type ConfigDiff } from './config/config-diff.js';
export { alignOnAxis, axisTicks, isMonotonicAxis, type AxisSteps, type AxisTick, type AxisMatch } from './step-axis.js';
export { sampleSeries } from './scalars/sample-series.js';
export { DEFAULT_HISTORY_SAMPLES, MAX_HISTORY_SAMPLES, MAX_HISTORY_KEYS } from './scalars/params.js';
export { iterateRuns } from './iterate-runs.js';
export { SharedWork, SingleFlight } from './shared-work.js';
export {
  answersFromIndex,
  type IndexAnswers,
  imageSetFromValue,
  type MediaValueContext,
  isImageValue,
  isMediaValue,
  isMediaType,
  IMAGE_VALUE_TYPES,
  VIDEO_VALUE_TYPES,
  UNSUPPORTED_MEDIA_TYPES,
  MEDIA_VALUE_TYPES,
  mimeTypeOf,
  stepIndexFrom,
  sortedUnique,
} from './images.js';
export { mediaPathsOf } from './media-values/media-paths.js';
export { summaryOnlySets } from './media-values/summary-media.js';
export { classLabelsFromConfig, classLabelsFor } from './media-values/class-labels.js';
export { parseBoxFile, parseClassLabels, type BoxFile } from './media-values/boxes.js';
export {
  loadOverlays,
  type LoadOverlaysOptions,
  type LoadedOverlays,
  type BoxLayer,
  type MaskLayer,
} from './media-values/load-overlays.js';
export * from './memory/index.js';
export * from './cloud/index.js';
export * from './http/index.js';
