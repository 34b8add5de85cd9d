import { html, nothing, type TemplateResult } from 'lit';
import type { ImageView } from '../data/image-view.js';
import type { Size } from '../internal/zoom-pan.js';
import type { PairMode } from './pair-modes.js';
import { needsCors } from './pair-pixels.js';

export interface LayersInput {
  mode: PairMode;
  sides: [ImageView, ImageView];
  /** A's natural size: both images (and the difference) are laid out at it. */
  size: Size;
  /** The shared zoom/pan transform of every layer. */
  transform: string;
  position: number;
  showB: boolean;
  pixelsError: string | null;
  onDividerKeydown(event: KeyboardEvent): void;
  onDividerDown(event: PointerEvent): void;
  /** Renders a side's media instead of an `<img>` (a video); gets the layer's CSS. */
  media?: ((side: 0 | 1, style: string) => TemplateResult) | undefined;
  /** What to draw over a side (its boxes and masks), with the layer's CSS. */
  overlay?: ((side: 0 | 1, style: string) => TemplateResult | typeof nothing) | undefined;
  /** Shown instead of the difference heat map (the sides are videos). */
  differenceUnavailable?: string | undefined;
}

/** The panes of one mode: two side by side, or one holding the layers of swipe, blink or difference. */
export function renderModeLayers(input: LayersInput): TemplateResult {
  const { sides, size, position } = input;
  const style = (hidden = false) =>
    `width: ${size.width}px; height: ${size.height}px; transform: ${input.transform}${hidden ? '; visibility: hidden' : ''}`;
  const layer = (side: 0 | 1, hidden = false) => {
    const src = sides[side].src!;
    const css = style(hidden);
    const overlay = input.overlay?.(side, css) ?? nothing;
    if (input.media) return html`${input.media(side, css)}${overlay}`;
    return html`<img
        part="image"
        class="layer"
        src=${src}
        alt=${`${'AB'[side]}: ${sides[side].label}`}
        draggable="false"
        crossorigin=${needsCors(src) ? 'anonymous' : nothing}
        style=${css}
      />${overlay}`;
  };
  const tag = (side: 0 | 1, extra = '') =>
    html`<span part="tag" class="tag ${extra}" aria-hidden="true">${'AB'[side]}</span>`;
  switch (input.mode) {
    case 'side-by-side':
      return html`<div part="pane" class="pane">${layer(0)}${tag(0)}</div>
        <div part="pane" class="pane">${layer(1)}${tag(1)}</div>`;
    case 'swipe':
      return html`<div part="pane" class="pane">
        ${layer(0)}
        <div class="clip" style="clip-path: inset(0 0 0 ${position}%)">${layer(1)}</div>
        <div
          part="divider"
          class="divider"
          style="left: ${position}%"
          role="slider"
          tabindex="0"
          aria-label="Swipe divider"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow=${Math.round(position)}
          aria-valuetext="A left of ${Math.round(position)}%, B right"
          @keydown=${input.onDividerKeydown}
          @pointerdown=${input.onDividerDown}
        >
          <span class="handle"></span>
        </div>
        ${tag(0)}${tag(1, 'right')}
      </div>`;
    case 'blink': {
      const shown = input.showB ? 1 : 0;
      return html`<div part="pane" class="pane">
        ${layer(0, shown === 1)}${layer(1, shown === 0)}
        <span part="tag" class="tag big" role="status">${'AB'[shown]}</span>
      </div>`;
    }
    case 'difference':
      return html`<div part="pane" class="pane">
        ${
          input.differenceUnavailable
            ? html`<div part="message" class="centre" role="status">${input.differenceUnavailable}</div>`
            : input.pixelsError
              ? html`<div part="message" class="centre" role="alert">${input.pixelsError}</div>`
              : html`<canvas
                  part="difference"
                  class="layer"
                  width=${size.width}
                  height=${size.height}
                  style=${style()}
                  role="img"
                  aria-label="Difference heat map of A and B"
                ></canvas>`
        }
      </div>`;
  }
}

/** Drag the swipe divider: `onPosition` gets the pointer's place in the pane, in percent. */
export function dragDivider(event: PointerEvent, onPosition: (position: number) => void): void {
  event.stopPropagation();
  const divider = event.currentTarget as HTMLElement;
  const pane = divider.parentElement!;
  divider.setPointerCapture?.(event.pointerId);
  const move = (e: PointerEvent) => {
    const rect = pane.getBoundingClientRect();
    onPosition(Math.min(100, Math.max(0, ((e.clientX - rect.left) / rect.width) * 100)));
  };
  const stop = () => {
    divider.removeEventListener('pointermove', move);
    divider.removeEventListener('pointerup', stop);
  };
  divider.addEventListener('pointermove', move);
  divider.addEventListener('pointerup', stop);
}
