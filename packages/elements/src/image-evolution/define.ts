import { ImageEvolution } from './image-evolution.js';

if (!customElements.get('image-evolution')) customElements.define('image-evolution', ImageEvolution);

declare global {
  interface HTMLElementTagNameMap {
    'image-evolution': ImageEvolution;
  }
}
