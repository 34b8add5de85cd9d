import '../wandb-source/define.js';
import '../run-picker/define.js';
import '../image-key-picker/define.js';
import '../step-slider/define.js';
import '../image-compare/define.js';
import { CompareMarkEvent } from '../events/compare-mark.js';
import { ImageOpenEvent } from '../events/image-open.js';
import type { ImageDetail } from '../image-detail/image-detail.js';
import type { ImagePair } from '../image-pair/image-pair.js';
import { defineOnFirstUse } from '../internal/lazy-define.js';
import { RunComparer } from './run-comparer.js';

// The dialogs load as one chunk when an image is first opened or marked (or once the page is idle).
defineOnFirstUse(['image-detail', 'image-pair', 'image-evolution'], () => import('./dialogs.js'), [
  ImageOpenEvent.eventName,
  CompareMarkEvent.eventName,
]);
// The run details (its region, <run-config-diff>, <run-metrics>, the grid's config lines): another chunk,
// loaded once the page is idle.
defineOnFirstUse(
  ['run-metrics', 'metric-sparkline', 'run-config-diff', 'run-details-panel', 'run-config-keys'],
  () => import('../internal/comparer-details.js'),
  [],
);
if (!customElements.get('run-comparer')) customElements.define('run-comparer', RunComparer);

declare global {
  interface HTMLElementTagNameMap {
    'run-comparer': RunComparer;
    'image-detail': ImageDetail;
    'image-pair': ImagePair;
  }
}
