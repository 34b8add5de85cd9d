import '../metric-sparkline/define.js';
import { RunMetrics } from './run-metrics.js';

if (!customElements.get('run-metrics')) customElements.define('run-metrics', RunMetrics);

declare global {
  interface HTMLElementTagNameMap {
    'run-metrics': RunMetrics;
  }
}
