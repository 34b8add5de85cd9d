import { html, nothing, type TemplateResult } from 'lit';
import { heatColor, type PixelDeltas } from '../internal/pixel-diff.js';
import { renderRange } from '../internal/zoom-controls.js';
import type { PairMode } from './pair-modes.js';
import type { PixelReadout } from './pair-pixels.js';

/** The swipe divider's next position (0–100) for a key, per the APG slider; null: not its key. */
export function swipeKey(position: number, key: string, shift = false): number | null {
  const step = shift ? 10 : 1;
  const moves: Record<string, number> = {
    ArrowLeft: position - step,
    ArrowDown: position - step,
    ArrowRight: position + step,
    ArrowUp: position + step,
    PageDown: position - 10,
    PageUp: position + 10,
    Home: 0,
    End: 100,
  };
  const next = moves[key];
  return next === undefined ? null : Math.min(100, Math.max(0, next));
}

/** "x 3, y 5 · A 10 20 30 255 · B 10 60 30 255 · |A−B| 40". */
export function formatReadout(values: PixelReadout, centre: boolean): string {
  const { x, y, a, b, delta } = values;
  return `${centre ? 'Centre ' : ''}x ${x}, y ${y} · A ${a.join(' ')} · B ${b.join(' ')} · |A−B| ${delta}`;
}

export interface ControlsState {
  mode: PairMode;
  playing: boolean;
  blinkInterval: number;
  gain: number;
  deltas: PixelDeltas | null;
  set(change: { playing?: boolean; flip?: true; blinkInterval?: number; gain?: number }): void;
}

/** The row under the stage: play, flip and rate when blinking; gain, scale and stats for the difference. */
export function renderPairControls(state: ControlsState): TemplateResult | typeof nothing {
  const { mode, playing, blinkInterval, gain, deltas, set } = state;
  if (mode === 'blink') {
    return html`<div part="controls" class="toolbar">
      <button class="button" type="button" aria-pressed=${playing} @click=${() => set({ playing: !playing })}>
        ${playing ? 'Pause' : 'Play'}
      </button>
      <button class="button" type="button" aria-keyshortcuts="Space" @click=${() => set({ flip: true })}>Flip</button>
      ${renderRange('Every', blinkInterval, [100, 2000, 50], (v) => set({ blinkInterval: v }), `${blinkInterval} ms`)}
    </div>`;
  }
  if (mode !== 'difference') return nothing;
  const stops = [0, 64, 128, 192, 255].map((level) => `rgb(${heatColor(level).join(' ')})`).join(', ');
  const stats =
    deltas &&
    `max ${deltas.max} · mean ${deltas.mean.toFixed(2)} · ${(deltas.changed * 100).toFixed(1)}% of pixels differ`;
  return html`<div part="controls" class="toolbar">
    ${renderRange('Gain', gain, [1, 64, 1], (v) => set({ gain: v }), `×${gain}`)}
    <span class="scale-legend">
      0 <span class="scale" style="background: linear-gradient(to right, ${stops})"></span> ${Math.ceil(255 / gain)}+
      (|A−B| per channel)
    </span>
    ${stats ? html`<span>${stats}</span>` : nothing}
  </div>`;
}
