import { ImagePair } from './image-pair.js';

if (!customElements.get('image-pair')) customElements.define('image-pair', ImagePair);

declare global {
  interface HTMLElementTagNameMap {
    'image-pair': ImagePair;
  }
}
