/**
 * `<run-comparer>`'s run details: its "Run details" region (`<run-details-panel>`) and the grid's
 * config lines (`<run-config-keys>`), with the run details' elements (`<run-metrics>`,
 * `<metric-sparkline>`, `<run-config-diff>`). A chunk of its own, loaded on first use, so neither
 * the first load nor the run details' chunk carries the comparer's parts.
 */
import '../run-details.js';
import './run-config-keys.js';
import { RunDetailsPanel } from '../run-comparer/run-details-panel.js';

// Internal to the comparer: not a published element.
if (!customElements.get('run-details-panel')) customElements.define('run-details-panel', RunDetailsPanel);
