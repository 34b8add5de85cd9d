import { StepSlider } from './step-slider.js';

if (!customElements.get('step-slider')) customElements.define('step-slider', StepSlider);

declare global {
  interface HTMLElementTagNameMap {
    'step-slider': StepSlider;
  }
}
