import '../wandb-source/define.js';
import '../run-picker/define.js';
import '../image-key-picker/define.js';
import '../step-slider/define.js';
import '../image-compare/define.js';
import { RunComparer } from './run-comparer.js';

if (!customElements.get('run-comparer')) customElements.define('run-comparer', RunComparer);

declare global {
  interface HTMLElementTagNameMap {
    'run-comparer': RunComparer;
  }
}
