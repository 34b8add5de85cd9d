import { WandbSource } from './wandb-source.js';

if (!customElements.get('wandb-source')) customElements.define('wandb-source', WandbSource);

declare global {
  interface HTMLElementTagNameMap {
    'wandb-source': WandbSource;
  }
}
