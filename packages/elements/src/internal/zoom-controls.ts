import { html, type TemplateResult } from 'lit';
import type { ZoomPanController } from '../controllers/zoom-pan-controller.js';

/** Zoom out, the zoom level, zoom in, Fit and 1:1: the zoom buttons of the viewer dialogs. */
export function renderZoomControls(zoom: ZoomPanController): TemplateResult {
  return html`<button class="button" type="button" aria-label="Zoom out" @click=${zoom.zoomOut}>−</button>
    <span part="zoom-level" class="zoom-level">${Math.round(zoom.view.scale * 100)}%</span>
    <button class="button" type="button" aria-label="Zoom in" @click=${zoom.zoomIn}>+</button>
    <button class="button" type="button" aria-pressed=${zoom.fitted} @click=${zoom.fit}>Fit</button>
    <button class="button" type="button" aria-pressed=${Math.abs(zoom.view.scale - 1) < 1e-6} @click=${zoom.actualSize}>
      1:1
    </button>`;
}

/** A labelled range input for a numeric setting; `onValue` gets each new value. */
export function renderRange(
  label: string,
  value: number,
  [min, max, step]: [number, number, number],
  onValue: (value: number) => void,
  shown: string,
): TemplateResult {
  return html`<label
    >${label}
    <input
      type="range"
      min=${min}
      max=${max}
      step=${step}
      .value=${String(value)}
      @input=${(e: Event) => onValue(Number((e.target as HTMLInputElement).value))}
    />
    ${shown}</label
  >`;
}
