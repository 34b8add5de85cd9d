/**
 * Registers `<run-metrics>`, `<metric-sparkline>` and `<run-config-diff>`: one chunk that the
 * package entry (`define.ts`) loads on first use, so their code stays out of a page's first download.
 */
import './run-metrics/define.js';
import './run-config-diff/define.js';
