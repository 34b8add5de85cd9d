/**
 * Registers `<run-metrics>` and `<metric-sparkline>`: one chunk that the package entry
 * (`define.ts`) loads on first use, so their code stays out of a page's first download.
 */
import './run-metrics/define.js';
