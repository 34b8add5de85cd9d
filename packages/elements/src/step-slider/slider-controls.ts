import { html } from 'lit';
import { stopInner } from '../internal/emit.js';
import { loopIcon, nextIcon, pauseIcon, playIcon, previousIcon } from '../internal/icons.js';
import { PLAYBACK_RATES } from './playback-controller.js';

export interface ControlsState {
  /** Index of the current step, and how many steps there are. */
  index: number;
  count: number;
  value: number | null;
  rate: number;
  loop: boolean;
  playing: boolean;
  /** Move by one step (-1 or +1). */
  go(offset: -1 | 1): void;
  togglePlay(): void;
  setRate(rate: number): void;
  toggleLoop(): void;
  goto(event: SubmitEvent): void;
}

/** The slider's buttons: previous/next, play/pause with its speed, loop, and "Go to step". */
export function renderControls(c: ControlsState) {
  return html`<div part="controls" class="controls">
    <button
      part="previous-button"
      class="button icon"
      type="button"
      aria-label="Previous step"
      title="Previous step"
      ?disabled=${c.index <= 0}
      @click=${() => c.go(-1)}
    >
      ${previousIcon}
    </button>
    <button
      part="play-button"
      class="button icon primary"
      type="button"
      aria-label=${c.playing ? 'Pause' : 'Play'}
      title=${c.playing ? 'Pause' : 'Play through the steps'}
      ?disabled=${c.count < 2}
      @click=${c.togglePlay}
    >
      ${c.playing ? pauseIcon : playIcon}
    </button>
    <button
      part="next-button"
      class="button icon"
      type="button"
      aria-label="Next step"
      title="Next step"
      ?disabled=${c.index >= c.count - 1}
      @click=${() => c.go(1)}
    >
      ${nextIcon}
    </button>
    <select
      part="rate"
      class="field rate"
      aria-label="Playback speed"
      @input=${stopInner}
      @change=${(event: Event) => {
        event.stopPropagation();
        c.setRate(Number((event.target as HTMLSelectElement).value));
      }}
    >
      ${PLAYBACK_RATES.map((rate) => html`<option value=${rate}>${rate} step${rate === 1 ? '' : 's'}/s</option>`)}
    </select>
    <button
      part="loop-button"
      class="button icon"
      type="button"
      aria-label="Loop"
      title="Loop playback"
      aria-pressed=${c.loop ? 'true' : 'false'}
      @click=${c.toggleLoop}
    >
      ${loopIcon}
    </button>
    <form part="goto" class="goto" @submit=${c.goto}>
      <label for="goto">Go to step</label>
      <input
        id="goto"
        part="goto-input"
        class="field"
        type="number"
        inputmode="numeric"
        min="0"
        step="1"
        placeholder=${String(c.value ?? '')}
        @input=${stopInner}
        @change=${stopInner}
      />
    </form>
  </div>`;
}
