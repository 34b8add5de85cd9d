/**
 * The package entry: registers every element (`<wandb-source>`, `<run-picker>`,
 * `<image-key-picker>`, `<step-slider>`, `<image-compare>`, `<image-detail>`, `<image-pair>`,
 * `<run-comparer>`) and exports their classes, contexts and events. `<image-detail>` and
 * `<image-pair>` are registered on first use (see `run-comparer/define.ts`), so their code is a
 * separate chunk that loads when a thumbnail is first opened or marked, or once the page is idle.
 * `<run-metrics>`, `<metric-sparkline>` and `<run-config-diff>` are another chunk, loaded when one
 * is in the document or once the page is idle.
 * `<image-evolution>` comes with the dialogs' chunk (it shares their image loading), loaded when one
 * is in the document or once the page is idle.
 */
import './wandb-source/define.js';
import './run-picker/define.js';
import './image-key-picker/define.js';
import './step-slider/define.js';
import './image-compare/define.js';
import './run-comparer/define.js';
import { defineOnFirstUse } from './internal/lazy-define.js';
import type { ImageEvolution } from './image-evolution/image-evolution.js';
import type { MetricSparkline } from './metric-sparkline/metric-sparkline.js';
import type { RunConfigDiff } from './run-config-diff/run-config-diff.js';
import type { RunMetrics } from './run-metrics/run-metrics.js';

defineOnFirstUse(['run-metrics', 'metric-sparkline', 'run-config-diff'], () => import('./run-details.js'), []);

defineOnFirstUse(['image-evolution'], () => import('./run-comparer/dialogs.js'), []);

export * from './index.js';

declare global {
  interface HTMLElementTagNameMap {
    'image-evolution': ImageEvolution;
    'run-metrics': RunMetrics;
    'metric-sparkline': MetricSparkline;
    'run-config-diff': RunConfigDiff;
  }
}
