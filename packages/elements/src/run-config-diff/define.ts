import { RunConfigDiff } from './run-config-diff.js';

if (!customElements.get('run-config-diff')) customElements.define('run-config-diff', RunConfigDiff);

declare global {
  interface HTMLElementTagNameMap {
    'run-config-diff': RunConfigDiff;
  }
}
