import { ImageKeyPicker } from './image-key-picker.js';

if (!customElements.get('image-key-picker')) customElements.define('image-key-picker', ImageKeyPicker);

declare global {
  interface HTMLElementTagNameMap {
    'image-key-picker': ImageKeyPicker;
  }
}
