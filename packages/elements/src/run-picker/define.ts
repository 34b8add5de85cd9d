import { RunPicker } from './run-picker.js';

if (!customElements.get('run-picker')) customElements.define('run-picker', RunPicker);

declare global {
  interface HTMLElementTagNameMap {
    'run-picker': RunPicker;
  }
}
