import type { RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { property, query, state } from 'lit/decorators.js';
import { StepChangeEvent, type StepChangeCause } from '../events/step-change.js';
import { emitChange, emitPlatform, syncSelect } from '../internal/emit.js';
import { tokens } from '../styles/tokens.js';
import { LiveRefreshController } from '../controllers/live-refresh-controller.js';
import { SourceTask } from '../controllers/source-task.js';
import { renderMessage } from '../internal/status.js';
import { SelectionController } from '../context/selection-controller.js';
import { runName } from '../context/selection-store.js';
import { controlStyles } from '../styles/controls.js';
import { loadSteps } from './load-steps.js';
import { PlaybackController } from './playback-controller.js';
import { renderControls } from './slider-controls.js';
import { renderLanes } from './run-lanes.js';
import { fractionOf, indexForKey, nearestIndex, stepAtFraction, tickPath } from './step-math.js';
import { styles } from './step-slider.styles.js';

/**
 * @summary Moves through the training steps that hold images, for every selected run at once.
 *
 * The slider's stops are the steps the selected runs logged images at under the chosen keys (the
 * union, from the source in context), or `steps` as given: never a linear range. It snaps to
 * them, shows each as a tick, and per run (in its colour) whether that run has the current step
 * or which earlier step it shows; above `compact-above` runs those rows become one dense strip,
 * a thin lane per run, that a button expands (a screen reader reads every run's status either
 * way). "Go to step" jumps to a typed step, or to the nearest one that exists (and says so). Play
 * steps through at 1–8 steps a second, stopping or looping at the end.
 *
 * "Step axis" moves over another numeric key every selected run logs (`epoch`, `_runtime`, ...)
 * instead of `_step`: the stops are then the values the runs' images sit at on it (the shared
 * step holds that value, the selection's `axis` says which key), each run's lane ticks its own,
 * and the grid shows each run's image at the largest value at or before the current one.
 *
 * Keys (WAI-ARIA APG slider): ←/→ and ↑/↓ one step, with Shift ten, PageUp/PageDown a tenth of
 * the steps, Home/End the first and last. Any user interaction pauses playback. The value is kept
 * when the runs or keys change and the step still exists, otherwise the nearest step is taken.
 *
 * Themed by the shared `--rc-*` tokens (`--rc-accent`, `--rc-background`, `--rc-surface`, `--rc-border`,
 * `--rc-text`, `--rc-muted`, `--rc-radius`, `--rc-font`, ...) set on any ancestor; light and dark by default.
 *
 * @fires input - While the user drags, each time the step changes; the shared step follows (once a frame at most), so the grid shows the steps passed over.
 * @fires change - When the user commits a step (release, key, button, typed step, playback); not for programmatic changes.
 * @fires step-change - {StepChangeEvent} With `change`: the step and how the user moved it.
 *
 * @csspart base - The wrapper of everything.
 * @csspart controls - The row of buttons and the go-to field.
 * @csspart previous-button - Goes to the previous step.
 * @csspart play-button - Starts or pauses playback.
 * @csspart next-button - Goes to the next step.
 * @csspart rate - The playback speed select.
 * @csspart loop-button - Toggles looping (`aria-pressed`).
 * @csspart goto - The "Go to step" form; `goto-input` is its field.
 * @csspart readout - The current step and its position; `value` is the step number.
 * @csspart track - The slider track (the pointer target); `rail`, `fill` and `ticks` are inside it.
 * @csspart thumb - The handle (`role="slider"`).
 * @csspart lanes - The per-run rows; each `lane` has `lane-name` (with the run's `lane-swatch`) and `lane-status`. Visually hidden while compact.
 * @csspart lanes-toggle - With more than `compact-above` runs: expands the strip into the rows (`aria-expanded`).
 * @csspart lanes-strip - With more than `compact-above` runs and not expanded: a thin lane per run (name and status on hover).
 * @csspart lanes-summary - With more than `compact-above` runs: how many runs have the current step.
 * @csspart axis - The "Step axis" choice; `axis-select` is its select.
 * @csspart note - Where snapping to the nearest step is explained.
 * @csspart incomplete - Which runs may be missing steps: the source read fewer image rows than it counted.
 * @csspart message - Empty and informational states; `error` and `retry-button` for failures.
 *
 * @cssproperty [--step-slider-thumb-size=1.125rem] - Diameter of the handle.
 * @cssproperty [--step-slider-name-width=10rem] - Width of the run-name column.
 * @cssstate dragging - While the user drags the handle.
 * @cssstate playing - While playback runs.
 */
export class StepSlider extends LitElement {
  static override styles = [tokens, controlStyles, styles];

  /** Where steps come from; defaults to the source provided by `<wandb-source>`. */
  @property({ attribute: false }) source: RunSource | undefined;

  /** Steps to move over instead of asking the source (pure use); sorted ascending. */
  @property({ attribute: false }) steps: number[] | undefined;

  /** The current step; snapped to the nearest existing step. */
  @property({ type: Number }) value: number | null = null;

  /** Playback speed in steps per second. */
  @property({ type: Number }) rate = 2;

  /** Whether playback starts over after the last step (otherwise it stops there). */
  @property({ type: Boolean }) loop = false;

  /** The slider's accessible name. */
  @property() label = 'Step';
  /**
   * Above this many selected runs, the per-run rows become one dense strip (a thin lane per run)
   * with a button that expands them, so the slider stays short; 0 always compact.
   */
  @property({ type: Number, attribute: 'compact-above' }) compactAbove = 6;

  /** While a selected run is still running, look for new steps this often (ms); 0 never does. */
  @property({ type: Number, attribute: 'live-interval' }) liveInterval = 30_000;

  /** Explains the last snap to a nearest step. */
  @state() private note = '';
  /** Whether the compact strip is expanded into one row per run. */
  @state() private lanesExpanded = false;

  @query('[part="thumb"]') private thumb!: HTMLElement | null;

  readonly #store = new SelectionController(this, {
    watch: ['runs', 'keys', 'step', 'axis'],
    onChange: ({ step }, changed) => {
      if (!changed.has('step') || step === null || step === this.value || this.#dragStart !== undefined) return;
      // Someone else moved the step (e.g. the detail view): playback would fight them.
      if (this.#playback.playing) this.#playback.pause();
      this.value = step;
    },
  });
  readonly #task = new SourceTask(this, {
    task: ([source, runIds, keys, axis], { signal }) => {
      if (!source || !runIds || !keys) return null;
      const refs = this.#store.value.runs.map((r) => r.ref);
      return loadSteps(source, refs, keys.split('\n'), axis || null, signal);
    },
    args: () => {
      const { runs, keys, axis } = this.#store.value;
      const runIds = runs.map((r) => r.ref.runId).join('\n');
      return [this.source ?? this.#store.source, runIds, keys.join('\n'), axis?.key ?? ''] as const;
    },
  });
  readonly #live = new LiveRefreshController(
    this,
    () => this.#store.value.runs.some((r) => r.run.state === 'running'),
    () => this.liveInterval,
    () => {
      // Look for new steps; at the latest step, stay at the latest.
      const latest = this.#steps.at(-1);
      void this.#task.run().then(() => this.value === latest && (this.value = null));
    },
  );
  readonly #playback = new PlaybackController(this, () => this.#advance());
  #internals = this.attachInternals();
  /** The value when a drag began; undefined when not dragging. */
  #dragStart: number | null | undefined;
  /** The frame that hands the dragged-to step to the shared selection (one per frame at most). */
  #dragFrame = 0;

  get #steps(): number[] {
    return this.steps ?? this.#load?.steps ?? [];
  }

  /** What the source said, once it is for the axis chosen now. */
  get #load() {
    const load = this.#task.value;
    return load && load.axis.key === (this.#store.value.axis?.key ?? null) ? load : undefined;
  }

  get #index(): number {
    return this.value === null ? -1 : nearestIndex(this.#steps, this.value);
  }

  /** Start playback (from the first step when at the end without looping). */
  play(): void {
    const steps = this.#steps;
    if (steps.length < 2) return;
    if (this.#index === steps.length - 1 && !this.loop) this.#commit(steps[0]!, 'playback');
    this.#playback.play();
  }

  pause(): void {
    this.#playback.pause();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('rate')) this.#playback.rate = this.rate;
    this.#load?.axis.sync(this.#store.store);
    const steps = this.#steps;
    if (steps.length === 0) return;
    const snapped = this.value === null ? steps.at(-1)! : steps[nearestIndex(steps, this.value)]!;
    if (snapped !== this.value) this.value = snapped;
    if (this.#dragStart === undefined) this.#store.store.setStep(snapped);
  }

  protected override updated(): void {
    syncSelect(this.renderRoot.querySelector('[part="rate"]'), String(this.rate));
    this.#setState('dragging', this.#dragStart !== undefined);
    this.#setState('playing', this.#playback.playing);
  }

  protected override render() {
    return html`<div part="base" class="base">
      ${this.steps ? nothing : this.#task.value?.axis.select(this.#store.store, () => (this.value = null))}${this.#renderBody()}
    </div>`;
  }

  #renderBody() {
    if (!this.steps) {
      const { runs, keys } = this.#store.value;
      if (!(this.source ?? this.#store.source))
        return renderMessage('No run source', 'Put this slider inside <wandb-source>, or set its source property.');
      if (runs.length === 0) return renderMessage('Select runs to move through their steps');
      if (keys.length === 0) return renderMessage('Choose image keys to see their steps');
      const failure = this.#task.renderFailure('steps');
      if (failure) return failure;
      if (!this.#load) return html`<div class="loading" part="message" role="status">Loading steps…</div>`;
    }
    const steps = this.#steps;
    if (steps.length === 0) {
      return renderMessage(
        'No images under these keys',
        this.steps
          ? 'There are no steps to show.'
          : 'The selected runs logged no images under the chosen keys; choose other keys or runs.',
      );
    }
    const index = this.#index;
    const controls = renderControls({
      index,
      count: steps.length,
      value: this.value,
      rate: this.rate,
      loop: this.loop,
      playing: this.#playback.playing,
      go: (offset) => this.#user(steps[index + offset], 'button'),
      togglePlay: () => (this.#playback.playing ? this.pause() : this.play()),
      setRate: (rate) => (this.rate = rate),
      toggleLoop: () => (this.loop = !this.loop),
      goto: this.#onGoto,
    });
    return html`${controls} ${this.#renderTrack(steps)}
      <p part="note" class="note" role="status">${this.note}</p>
      ${this.#renderIncomplete()}`;
  }

  /** Runs whose steps the source knows to be short (it counted more image rows than it read), and what it said. */
  #renderIncomplete() {
    const short = this.steps ? [] : (this.#load?.incomplete ?? []);
    if (short.length === 0) return nothing;
    return html`<p part="incomplete" class="note callout" role="status">
      ${short.map(({ ref, incomplete }) => html`<span>${runName(this.#store.value, ref.runId)}: ${incomplete.message}</span> `)}
    </p>`;
  }

  #renderTrack(steps: number[]) {
    const index = this.#index;
    const value = this.value ?? steps[0]!;
    const percent = `${fractionOf(steps, value) * 100}%`;
    return html`<div class="grid">
      <div part="readout" class="readout">
        <span class="label" id="label">${this.#load?.axis.key ?? this.label}</span>
        <output part="value" class="value">${value}</output>
      </div>
      <div
        part="track"
        class="track"
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerup=${this.#endDrag}
        @pointercancel=${this.#endDrag}
        @lostpointercapture=${this.#endDrag}
      >
        <div part="rail" class="rail"></div>
        <div part="fill" class="fill" style=${styleMap({ inlineSize: percent })}></div>
        <svg part="ticks" class="ticks" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">
          ${svg`<path d=${tickPath(steps, steps, 10)}></path>`}
        </svg>
        <div
          part="thumb"
          class="thumb"
          role="slider"
          tabindex="0"
          style=${styleMap({ insetInlineStart: percent })}
          aria-labelledby="label"
          aria-orientation="horizontal"
          aria-valuemin=${steps[0]!}
          aria-valuemax=${steps.at(-1)!}
          aria-valuenow=${value}
          aria-valuetext="${this.#load?.axis.key ?? 'step'} ${value}, ${index + 1} of ${steps.length}"
          @keydown=${this.#onKeydown}
        ></div>
      </div>
      <span class="position" part="position">${index + 1} / ${steps.length}</span>
      <span class="axis" aria-hidden="true"><span>${steps[0]}</span><span>${steps.at(-1)}</span></span>
      ${this.#renderRunLanes(steps)}
    </div>`;
  }

  #renderRunLanes(steps: number[]) {
    const load = this.#load;
    if (this.steps || !load || this.value === null) return nothing;
    const lanes = this.#store.value.runs.map((run) => ({ run, steps: load.byRun.get(run.ref.runId) ?? null }));
    return renderLanes(lanes, steps, this.value, load.axis.key ?? 'step', {
      compact: lanes.length > this.compactAbove,
      expanded: this.lanesExpanded,
      toggle: () => (this.lanesExpanded = !this.lanesExpanded),
    });
  }

  #onKeydown = (event: KeyboardEvent): void => {
    const steps = this.#steps;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const next = indexForKey(event.key, event.shiftKey, this.#index, steps.length, rtl);
    if (next === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.#user(steps[next], 'keyboard');
  };

  #onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    event.preventDefault();
    this.#playback.pause();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    this.#dragStart = this.value;
    this.thumb?.focus();
    this.#dragTo(event);
  };

  #onPointerMove = (event: PointerEvent): void => {
    if (this.#dragStart !== undefined) this.#dragTo(event);
  };

  #endDrag = (): void => {
    if (this.#dragStart === undefined) return;
    const start = this.#dragStart;
    this.#dragStart = undefined;
    cancelAnimationFrame(this.#dragFrame);
    this.#dragFrame = 0;
    this.requestUpdate();
    if (this.value !== null && this.value !== start) this.#commit(this.value, 'pointer', false);
    else this.#store.store.setStep(this.value);
  };

  #dragTo(event: PointerEvent): void {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const rtl = getComputedStyle(this).direction === 'rtl';
    const fraction = Math.min(1, Math.max(0, (rtl ? box.right - event.clientX : event.clientX - box.left) / box.width));
    const step = stepAtFraction(this.#steps, fraction);
    if (step === null || step === this.value) return;
    this.value = step;
    emitPlatform(this, 'input');
    // The grid shows the steps passed over while the drag goes on; `change` waits for the release.
    this.#dragFrame ||= requestAnimationFrame(() => {
      this.#dragFrame = 0;
      if (this.#dragStart !== undefined) this.#store.store.setStep(this.value);
    });
  }

  #onGoto = (event: SubmitEvent): void => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input')!;
    const typed = Number(input.value);
    if (input.value.trim() === '' || !Number.isFinite(typed)) {
      this.note = 'Type a step number, then press Enter.';
      return;
    }
    const steps = this.#steps;
    const nearest = steps[nearestIndex(steps, typed)]!;
    this.note = nearest === typed ? '' : `No images at step ${typed}; showing step ${nearest}, the nearest.`;
    input.value = '';
    this.#user(nearest, 'input');
  };

  /** A user moved to `step`: pause playback, then commit. */
  #user(step: number | undefined, cause: StepChangeCause): void {
    this.#playback.pause();
    if (cause !== 'input') this.note = '';
    if (step !== undefined && step !== this.value) this.#commit(step, cause);
  }

  #advance(): boolean {
    const steps = this.#steps;
    const index = this.#index;
    if (steps.length < 2 || (index >= steps.length - 1 && !this.loop)) return false;
    this.#commit(steps[index >= steps.length - 1 ? 0 : index + 1]!, 'playback');
    return true;
  }

  #commit(step: number, cause: StepChangeCause, input = true): void {
    this.value = step;
    this.#store.store.setStep(step);
    if (input) emitPlatform(this, 'input');
    emitChange(this, new StepChangeEvent(step, cause));
  }

  #setState(name: string, on: boolean): void {
    try {
      if (on) this.#internals.states.add(name);
      else this.#internals.states.delete(name);
    } catch {
      // Browsers without CustomStateSet: the state is only a styling hook.
    }
  }
}
