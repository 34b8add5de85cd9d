/**
 * The element classes, contexts and events, without registering any tag: import this to define
 * the elements under other names or in a scoped registry. `define.ts` registers them all.
 */
export { WandbSource } from './wandb-source/wandb-source.js';
export { RunPicker } from './run-picker/run-picker.js';
export { ImageKeyPicker, type KeyOption } from './image-key-picker/image-key-picker.js';
export { StepSlider } from './step-slider/step-slider.js';
export { ImageCompare } from './image-compare/image-compare.js';
export { ImageDetail } from './image-detail/image-detail.js';
export { ImagePair, type PairImage } from './image-pair/image-pair.js';
export { RunComparer } from './run-comparer/run-comparer.js';
export { ImageEvolution } from './image-evolution/image-evolution.js';
export { RunMetrics, type MetricKeyOption } from './run-metrics/run-metrics.js';
export { MetricSparkline } from './metric-sparkline/metric-sparkline.js';
export { RunConfigDiff, type ConfigRun } from './run-config-diff/run-config-diff.js';
export {
  lastValue,
  metricCellStyles,
  renderMetricSparkline,
  renderMetricValue,
  sharedExtent,
  type MissingValue,
} from './run-metrics/metric-cells.js';
export { formatMetric } from './metric-sparkline/metric-format.js';
export { readViewState, writeViewState, type ViewState } from './run-comparer/url-state.js';

export * from './context/index.js';
export * from './events/index.js';
export { PAIR_MODES, type PairMode } from './image-pair/pair-modes.js';
