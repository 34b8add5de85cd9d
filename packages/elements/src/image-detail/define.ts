import { ImageDetail } from './image-detail.js';

if (!customElements.get('image-detail')) customElements.define('image-detail', ImageDetail);

declare global {
  interface HTMLElementTagNameMap {
    'image-detail': ImageDetail;
  }
}
