import type { RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CompareTarget } from '../context/selection-store.js';
import { SelectionController } from '../context/selection-controller.js';
import { ImageLoadController, type ImageRequest } from '../controllers/image-load-controller.js';
import { imageState } from '../data/image-state.js';
import { viewerData, type ViewerData } from '../data/viewer-data.js';
import { describeImage, toViewerRuns, type RunLike, type ViewerRun } from '../data/viewer-runs.js';
import { CompareMarkEvent } from '../events/compare-mark.js';
import { StepChangeEvent, type StepChangeCause } from '../events/step-change.js';
import { hasThumbnail } from '@run-comparer/wandb-client';
import { runSwatch } from '../internal/run-swatch.js';
import { unionSteps, visibleColumns, type ColumnRange } from './evolution-columns.js';
import { styles } from './image-evolution.styles.js';

/** The width of the run name column, in CSS pixels. */
const NAME_WIDTH = 160;
/** Space between two frames, in CSS pixels. */
const GAP = 8;

/**
 * @summary One sample across training: a filmstrip of one image (a key and a list position, or a caption) at
 * every step, one row per selected run, the steps as columns on one shared axis.
 *
 * The columns are the union of the runs' image steps; a run that did not log the key at a step
 * has an empty cell there. With `caption`, each frame is the image of the list with that caption
 * (a prompt logged at another list position in another run, or at another step); a step whose list
 * has no such caption shows a dash. The strip scrolls horizontally and loads only the frames in view (and
 * two columns either side): frames scrolled away are not requested, and their pending requests
 * are aborted. Click a frame (or Enter) to move the selection's step there; Shift+click two frames
 * of the same run (or Shift+Enter) to compare them (the selection's `compare`, which opens
 * `<image-pair>` in `<run-comparer>`). Arrow keys move between frames (←/→ steps, ↑/↓ runs),
 * Home/End to the first/last step.
 *
 * @csspart strip - The scrolling grid (`role="grid"`).
 * @csspart run - A run's name cell; `run-swatch` is its colour mark.
 * @csspart step - A step's column header.
 * @csspart frame - One frame cell (`role="gridcell"`); `current` when at the selection's step, `marked` when marked for comparison.
 * @csspart image - A frame's thumbnail.
 * @csspart status - What a Shift+click did, for screen readers too.
 * @csspart message - Empty and loading states.
 *
 * @cssproperty [--frame-size=96px] - The width and height of a frame (also the `frame-size` attribute).
 *
 * @fires step-change - {StepChangeEvent} The user moved the step to a frame's; the selection follows.
 * @fires compare-mark - {CompareMarkEvent} The frames marked for comparison changed: A, then A and B.
 */
export class ImageEvolution extends LitElement {
  static override styles = styles;

  /** Where images come from; by default the source of the enclosing `<wandb-source>`. */
  @property({ attribute: false }) source?: RunSource;
  /** The runs shown, one row each; by default the selected runs. */
  @property({ attribute: false }) runs?: RunLike[];
  /** The media key; by default the selection's first key. */
  @property({ attribute: 'image-key' }) imageKey = '';
  /** The position in a logged list (0 for a single image). */
  @property({ type: Number }) index = 0;
  /** Follow the image with this caption (prompt) instead of a list position, as when aligned by caption. */
  @property() caption: string | null = null;
  /** A frame's size in CSS pixels. */
  @property({ type: Number, attribute: 'frame-size' }) frameSize = 96;

  @state() private _range: ColumnRange = { first: 0, last: -1 };
  @state() private _focus = { row: 0, column: 0 };
  @state() private _marked: CompareTarget | null = null;
  @state() private _status = '';
  @query('.strip') private _strip!: HTMLElement | null;

  #selection = new SelectionController(this, { watch: ['runs', 'keys', 'step'] });
  #loads = new ImageLoadController(this);
  #stepsFor = '';
  #resize: ResizeObserver | null = null;
  #observed: Element | null = null;
  #frame = 0;

  get #source(): RunSource | undefined {
    return this.source ?? this.#selection.source;
  }
  get #runs(): ViewerRun[] {
    return toViewerRuns(this.runs ?? this.#selection.value.runs);
  }
  get #key(): string {
    return this.imageKey || this.#selection.value.keys[0] || '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#observed = null;
    cancelAnimationFrame(this.#frame);
  }

  protected override willUpdate(): void {
    const source = this.#source;
    const key = this.#key;
    const runs = this.#runs;
    if (!source || !key) return this.#loads.load(undefined, []);
    const data = viewerData(source);
    const stepsFor = `${key}\n${runs.map((r) => r.ref.runId).join(' ')}`;
    if (stepsFor !== this.#stepsFor) {
      this.#stepsFor = stepsFor;
      void Promise.all(runs.map((r) => data.loadSteps(r.ref, [key]))).then(() => this.requestUpdate());
    }
    const columns = this.#columns(data);
    const requests: ImageRequest[] = [];
    for (let c = this._range.first; c <= this._range.last; c++) {
      const step = columns[c]!;
      for (const run of runs)
        if (data.stepsOf(run.ref, key)?.includes(step)) requests.push({ ref: run.ref, key, step, index: this.index });
    }
    this.#loads.load(data, requests);
  }

  protected override updated(): void {
    const strip = this._strip;
    if (strip && strip !== this.#observed) {
      this.#resize ??= new ResizeObserver(() => this.#measure());
      this.#resize.disconnect();
      this.#resize.observe(strip);
      this.#observed = strip;
    }
    // Measured on the next frame: setting the range inside an update would schedule another at once.
    this.#onScroll();
  }

  #columns(data: ViewerData): number[] {
    return unionSteps(this.#runs.map((r) => data.stepsOf(r.ref, this.#key)));
  }

  /** Which columns are in view, from the strip's scroll position and width. */
  #measure = (): void => {
    const strip = this._strip;
    const source = this.#source;
    if (!strip || !source) return;
    const count = this.#columns(viewerData(source)).length;
    const range = visibleColumns(strip.scrollLeft, strip.clientWidth, NAME_WIDTH, this.frameSize + GAP, count);
    if (range.first !== this._range.first || range.last !== this._range.last) this._range = range;
  };

  #onScroll = (): void => {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(this.#measure);
  };

  protected override render(): TemplateResult {
    const source = this.#source;
    const key = this.#key;
    const runs = this.#runs;
    if (!source || !key || runs.length === 0)
      return html`<p part="message" class="message">Choose runs and a key to see a sample evolve.</p>`;
    const data = viewerData(source);
    const columns = this.#columns(data);
    if (columns.length === 0) {
      const loading = runs.some((r) => data.stepsOf(r.ref, key) === undefined);
      return html`<p part="message" class="message" role="status">
        ${loading ? `Loading the steps of ${key}…` : `No run logged ${key}.`}
      </p>`;
    }
    const focus = {
      row: Math.min(this._focus.row, runs.length - 1),
      column: Math.min(this._focus.column, columns.length - 1),
    };
    const size = this.frameSize;
    const template = `${NAME_WIDTH}px repeat(${columns.length}, ${size + GAP}px)`;
    return html`<div
        part="strip"
        class="strip"
        role="grid"
        aria-label="${this.caption ? `${key}, "${this.caption}"` : `${key}${this.index ? ` #${this.index + 1}` : ''}`} across steps"
        aria-rowcount=${runs.length + 1}
        aria-colcount=${columns.length + 1}
        style="--_frame: ${size}px; --_columns: ${template}"
        @scroll=${this.#onScroll}
        @keydown=${this.#onKeydown}
      >
        <div role="row" class="row head" aria-rowindex="1">
          <span role="columnheader" class="corner">Run</span>
          ${columns.map((step) => html`<span part="step" role="columnheader" class="step">${step}</span>`)}
        </div>
        ${runs.map(
          (run, r) =>
            html`<div role="row" class="row" aria-rowindex=${r + 2}>
              <span part="run" role="rowheader" class="run">${runSwatch(run)} ${run.name}</span>
              ${columns.map((step, c) => this.#cell(data, run, step, r, c, focus))}
            </div>`,
        )}
      </div>
      <p part="status" class="status" role="status">${this._status}</p>`;
  }

  #cell(
    data: ViewerData,
    run: ViewerRun,
    step: number,
    row: number,
    column: number,
    focus: { row: number; column: number },
  ): TemplateResult {
    const key = this.#key;
    const logged = data.stepsOf(run.ref, key)?.includes(step) ?? false;
    const target: CompareTarget = { runId: run.ref.runId, key, step, index: this.#indexAt(data, run, step) };
    const current = this.#selection.value.step === step;
    const marked =
      this._marked?.runId === target.runId && this._marked.step === step && this._marked.key === target.key;
    const inView = column >= this._range.first && column <= this._range.last;
    const label = !logged
      ? `${run.name}, step ${step}: not logged`
      : target.index < 0
        ? `${run.name}, step ${step}: no image captioned "${this.caption}"`
        : describeImage(
            run,
            target,
            this.caption,
            (data.sets.peek(data.setId(run.ref, key, step))?.images.length ?? 0) > 1,
          );
    return html`<span
      part="frame${current ? ' current' : ''}${marked ? ' marked' : ''}"
      role="gridcell"
      class="frame ${logged ? '' : 'empty'}"
      tabindex=${row === focus.row && column === focus.column ? 0 : -1}
      aria-label=${label}
      aria-selected=${marked ? 'true' : 'false'}
      aria-current=${current ? 'step' : nothing}
      data-row=${row}
      data-column=${column}
      @click=${(event: MouseEvent) => this.#activate(row, column, event.shiftKey, 'pointer')}
      >${logged && inView ? this.#thumb(data, run, target) : nothing}</span
    >`;
  }

  /** The list position of the frame of `run` at `step`: `index`, or the image with `caption` (-1: none has it). */
  #indexAt(data: ViewerData, run: ViewerRun, step: number): number {
    if (this.caption === null) return this.index;
    const set = data.sets.peek(data.setId(run.ref, this.#key, step));
    return set?.images.find((image) => image.caption === this.caption)?.index ?? -1;
  }

  #thumb(data: ViewerData, run: ViewerRun, target: CompareTarget): TemplateResult | string {
    const state = imageState(data, run.ref, target.key, target.step, Math.max(0, target.index));
    if (state.status === 'loading') return html`<span class="note" aria-hidden="true">…</span>`;
    if (state.status !== 'ready' || !state.url || target.index < 0)
      return html`<span class="note" aria-hidden="true">–</span>`;
    const source = this.#source!;
    const src =
      source.thumbnailUrl && hasThumbnail(state.image)
        ? source.thumbnailUrl(state.url, this.frameSize, devicePixelRatio)
        : state.url;
    if (!hasThumbnail(state.image))
      return html`<video part="image" src=${src} preload="metadata" muted aria-hidden="true"></video>`;
    return html`<img part="image" src=${src} alt="" draggable="false" decoding="async" />`;
  }

  #activate(row: number, column: number, shift: boolean, cause: StepChangeCause): void {
    const source = this.#source;
    const run = this.#runs[row];
    if (!source || !run) return;
    const data = viewerData(source);
    const step = this.#columns(data)[column];
    if (step === undefined || !data.stepsOf(run.ref, this.#key)?.includes(step)) return;
    this._focus = { row, column };
    const target: CompareTarget = { runId: run.ref.runId, key: this.#key, step, index: this.#indexAt(data, run, step) };
    if (target.index < 0) return;
    if (shift) return this.#mark(run, target);
    this.#selection.store.setStep(step);
    this.dispatchEvent(new StepChangeEvent(step, cause));
  }

  #mark(run: ViewerRun, target: CompareTarget): void {
    const marked = this._marked;
    if (marked && marked.runId === target.runId && marked.step !== target.step) {
      const pair = [marked, target].sort((a, b) => a.step - b.step);
      this._marked = null;
      this._status = `Comparing ${run.name} at steps ${pair[0]!.step} and ${pair[1]!.step}.`;
      this.#selection.store.setCompare(pair);
      this.dispatchEvent(new CompareMarkEvent(pair));
      return;
    }
    this._marked = target;
    this._status = `Marked ${run.name} at step ${target.step}: Shift+click another step of this run to compare the two.`;
    this.dispatchEvent(new CompareMarkEvent([target]));
  }

  #onKeydown = (event: KeyboardEvent): void => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[role="gridcell"]');
    if (!cell) return;
    const row = Number(cell.dataset.row);
    const column = Number(cell.dataset.column);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      return this.#activate(row, column, event.shiftKey, 'keyboard');
    }
    const rows = this.#runs.length;
    const columns = this.#columns(viewerData(this.#source!)).length;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [row, column - 1],
      ArrowRight: [row, column + 1],
      ArrowUp: [row - 1, column],
      ArrowDown: [row + 1, column],
      Home: [row, 0],
      End: [row, columns - 1],
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    this._focus = {
      row: Math.max(0, Math.min(rows - 1, next[0])),
      column: Math.max(0, Math.min(columns - 1, next[1])),
    };
    void this.updateComplete.then(() => {
      const target = this.renderRoot.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]');
      target?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      target?.focus();
    });
  };
}
