import { ImageCompare } from './image-compare.js';

if (!customElements.get('image-compare')) customElements.define('image-compare', ImageCompare);

declare global {
  interface HTMLElementTagNameMap {
    'image-compare': ImageCompare;
  }
}
