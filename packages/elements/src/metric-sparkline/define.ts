import { MetricSparkline } from './metric-sparkline.js';

if (!customElements.get('metric-sparkline')) customElements.define('metric-sparkline', MetricSparkline);

declare global {
  interface HTMLElementTagNameMap {
    'metric-sparkline': MetricSparkline;
  }
}
