import type { RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CompareTarget } from '../context/selection-store.js';
import { ImageLoadController } from '../controllers/image-load-controller.js';
import { viewImage, type ImageView } from '../data/image-view.js';
import { ModalDialogController } from '../controllers/modal-dialog-controller.js';
import { SelectionController } from '../context/selection-controller.js';
import { viewerData } from '../data/viewer-data.js';
import { toViewerRuns, type RunLike } from '../data/viewer-runs.js';
import { renderZoomControls } from '../internal/zoom-controls.js';
import { ZoomPanController } from '../controllers/zoom-pan-controller.js';
import { PairModeChangeEvent } from '../events/pair-mode-change.js';
import { PairSwapEvent } from '../events/pair-swap.js';
import { PAIR_MODE_NAMES, PAIR_MODES, type PairMode } from './pair-modes.js';
import { pairKeyAction, tabKeyMode } from './pair-keys.js';
import { formatReadout, renderPairControls, swipeKey, type ControlsState } from './pair-controls.js';
import { PairPixels } from './pair-pixels.js';
import { dragDivider, renderModeLayers, type LayersInput } from './pair-stage.js';
import type { Size } from '../internal/zoom-pan.js';
import { styles } from './image-pair.styles.js';
import { runSwatch } from '../internal/run-swatch.js';
import { OverlayController, type OverlayTarget } from '../controllers/overlay-controller.js';
import { renderOverlayLayers, renderOverlayToggles } from '../internal/overlay-layers.js';
import { pairKind, PairVideos, renderVideoStage } from './pair-video.js';
import { SpriteTiles } from '../internal/sprite-tiles.js';
import { asTile, directSides, type PairImage } from './pair-sides.js';

export type { PairImage } from './pair-sides.js';

/**
 * @summary Two images compared in a modal dialog: side by side, swipe, blink, or a per-pixel
 * difference heat map, with zoom and pan locked across both and the pixel values under the cursor.
 *
 * Shows the selection's two `compare` images (marked with Shift+click in `<image-compare>`), the
 * `targets` property, or two `PairImage`s in `a` and `b`. B is always shown (and compared) at A's
 * size; when their sizes differ the view says so. Keys: 1–4 switch mode, X swaps A and B, Space
 * flips A/B in blink mode, `+`/`-` zoom, `0` fits, arrows pan when zoomed, Escape closes. The
 * swipe divider is a slider (arrows, Shift+arrows, PageUp/PageDown, Home/End). Without a pointer
 * over the image, the readout shows the pixel at the centre of the view.
 *
 * Two videos (mp4, webm, ogg) play in sync: one Play/Pause (K, or Space outside blink mode) and one
 * time slider drive both, a seek on either moves the other, and drift while playing is corrected.
 * Side by side, swipe and blink work while they play; the difference heat map and the pixel
 * readout are for still images (a GIF is a still here: its first frame). Boxes and masks logged
 * with the images are drawn over both, with checkboxes per layer and class shared by A and B. A
 * legacy sprite's tile is cut out of its sprite and compared like any image.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The title bar with the controls.
 * @csspart modes - The mode tablist; each mode is a `mode` part.
 * @csspart legend - The A and B labels.
 * @csspart run-swatch - The colour mark (number, colour and shape) of A's and of B's run.
 * @csspart stage - The tab panel the images are shown in.
 * @csspart pane - One viewport (two side by side).
 * @csspart image - An image layer (a `<video>` for a video).
 * @csspart boxes - The SVG of bounding boxes over an image; each box is a `box` part.
 * @csspart mask - A segmentation mask over an image, painted in its classes' colours.
 * @csspart overlays - The toggles of the overlay layers and classes; each layer is an `overlay-layer` part.
 * @csspart video-controls - Play/pause and the time slider of a video pair (also a `controls` part).
 * @csspart tag - The A/B badge on a pane.
 * @csspart divider - The swipe divider (`role="slider"`).
 * @csspart difference - The difference canvas.
 * @csspart controls - Mode-specific controls (blink rate, gain, colour scale).
 * @csspart readout - The pixel values under the cursor.
 * @csspart message - Loading and error states.
 * @csspart hint - The keyboard shortcuts.
 *
 * @cssproperty [--divider-color=#fff] - The swipe divider line and handle.
 * @cssproperty [--divider-width=2px] - The swipe divider's width.
 * @cssproperty [--stage-background=var(--rc-surface)] - Behind the images.
 * @cssproperty [--backdrop=rgb(0 0 0 / 0.6)] - The dialog backdrop.
 *
 * @fires change - The user switched the mode.
 * @fires pair-mode-change - {PairModeChangeEvent} The same, with the new `mode`.
 * @fires pair-swap - {PairSwapEvent} The user swapped A and B.
 * @fires close - The dialog closed; the selection's `compare` is cleared.
 */
export class ImagePair extends LitElement {
  static override styles = styles;

  /** Where images come from; by default the source of the enclosing `<wandb-source>`. */
  @property({ attribute: false }) source?: RunSource;
  /** The runs the targets belong to; by default the selected runs. */
  @property({ attribute: false }) runs?: RunLike[];
  /** The two images to compare; by default the selection's `compare`. */
  @property({ attribute: false }) targets?: CompareTarget[];
  /** Image A given directly (with `b`, overrides `targets`). */
  @property({ attribute: false }) a?: PairImage;
  /** Image B given directly. */
  @property({ attribute: false }) b?: PairImage;
  /** How the two are shown. */
  @property({ reflect: true }) mode: PairMode = 'side-by-side';
  /** Where the swipe divider is, in percent of the width (A left of it, B right). */
  @property({ type: Number }) position = 50;
  /** How much the difference is amplified (1–64). */
  @property({ type: Number }) gain = 4;
  /** Milliseconds between flips while blinking. */
  @property({ type: Number, attribute: 'blink-interval' }) blinkInterval = 500;

  @state() private _showB = false;
  @state() private _playing = false;
  @state() private _pointer: { x: number; y: number } | null = null;
  @query('.stage') private _stage!: HTMLElement | null;

  #selection = new SelectionController(this, { watch: ['runs', 'compare'] });
  #loads = new ImageLoadController(this);
  #zoom = new ZoomPanController(this);
  #pixels = new PairPixels(this);
  #modal = new ModalDialogController(this, () => this.#close());
  #timer: ReturnType<typeof setInterval> | undefined;
  #drawn: Uint8ClampedArray | null = null;
  #reload = (): void => {};
  #videos = new PairVideos(() => this.requestUpdate());
  #kind: 'stills' | 'videos' | 'mixed' = 'stills';
  #overlays = new OverlayController(this);
  #overlayTargets: OverlayTarget[] = [];
  #tiles = new SpriteTiles(() => this.requestUpdate());

  get #targets(): CompareTarget[] {
    return this.targets ?? this.#selection.value.compare;
  }

  protected override willUpdate(): void {
    const sides = this.#sides();
    this.#kind = sides ? pairKind(sides) : 'stills';
    const [stills, videos] = [this.#kind === 'stills', this.#kind === 'videos'];
    this.#pixels.set(stills ? (sides?.[0].src ?? null) : null, stills ? (sides?.[1].src ?? null) : null);
    this.#videos.set(videos ? sides![0].src : null, videos ? sides![1].src : null);
    const size = stills ? this.#pixels.size : this.#videos.size;
    if (size) this.#zoom.setContent(size);
  }

  protected override updated(): void {
    this.#modal.sync(!!this.#sides(), this._stage);
    this.#zoom.observe(this.renderRoot.querySelector('.pane'));
    this.#drawDifference();
    this.#videos.link(this.renderRoot);
    const blinking = this._playing && this.mode === 'blink' && !!this.#modal.dialog?.open;
    if (blinking !== (this.#timer !== undefined)) {
      clearInterval(this.#timer);
      this.#timer = blinking
        ? setInterval(() => (this._showB = !this._showB), Math.max(50, this.blinkInterval))
        : undefined;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#videos.sync.pause();
    this.#videos.sync.unlink();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** A and B: from `a`/`b`, or the targets resolved through the source. */
  #sides(): [ImageView, ImageView] | null {
    if (this.a && this.b) return directSides(this.a, this.b);
    const targets = this.#targets;
    const source = this.source ?? this.#selection.source;
    this.#overlayTargets = [];
    if (targets.length !== 2 || !source) return null;
    const data = viewerData(source);
    const runs = toViewerRuns(this.runs ?? this.#selection.value.runs);
    const requests = targets.flatMap((t) => {
      const run = runs.find((r) => r.ref.runId === t.runId);
      return run ? [{ ref: run.ref, key: t.key, step: t.step, index: t.index }] : [];
    });
    this.#loads.load(data, requests);
    this.#reload = () => this.#loads.reload(data, requests);
    const views = targets.map((target) =>
      viewImage(
        data,
        runs.find((r) => r.ref.runId === target.runId),
        target,
      ),
    ) as [ImageView, ImageView];
    this.#overlayTargets = targets.flatMap((t, i) => {
      const run = runs.find((r) => r.ref.runId === t.runId);
      return run ? [{ source, ref: run.ref, key: t.key, image: views[i]!.image }] : [];
    });
    return views.map((view) => asTile(this.#tiles, view)) as [ImageView, ImageView];
  }

  protected override render(): TemplateResult {
    const sides = this.#sides();
    if (!sides)
      return html`<dialog part="dialog" aria-label="Compare two images" @close=${this.#modal.handleClose}></dialog>`;
    const zoom = this.#zoom;
    const scaled = this.#pixels.scaledFrom;
    const size = this.#pixels.size;
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      @close=${this.#modal.handleClose}
      @keydown=${this.#onKeydown}
    >
      <header part="header">
        <h2 id="title">Compare A and B</h2>
        <div part="modes" class="group" role="tablist" aria-label="Comparison mode" @keydown=${this.#onTabKeydown}>
          ${PAIR_MODES.map(
            (mode, i) =>
              html`<button
                part="mode"
                class="button"
                type="button"
                role="tab"
                id="tab-${mode}"
                aria-controls="panel"
                aria-selected=${mode === this.mode}
                tabindex=${mode === this.mode ? 0 : -1}
                aria-keyshortcuts=${i + 1}
                @click=${() => this.#setMode(mode)}
              >
                ${PAIR_MODE_NAMES[mode]}
              </button>`,
          )}
        </div>
        <div class="group" role="toolbar" aria-label="View">
          <button class="button" type="button" aria-keyshortcuts="X" @click=${this.#swap}>Swap A/B</button>
          ${renderZoomControls(zoom)}
        </div>
        <button class="button" type="button" aria-label="Close" @click=${this.#modal.close}>✕</button>
      </header>
      <div part="legend" class="legend">
        ${sides.map((side, i) => html`<span><b class="tag-inline">${'AB'[i]}</b> ${runSwatch(side)} ${side.label}</span>`)}
        ${scaled && size ? html`<span class="note">B is ${scaled.width}×${scaled.height}; shown and compared scaled to A's ${size.width}×${size.height}.</span>` : nothing}
      </div>
      <div
        id="panel"
        part="stage"
        class="stage ${zoom.view.scale >= 2 ? 'pixelated' : ''}"
        role="tabpanel"
        aria-labelledby="tab-${this.mode}"
        tabindex="0"
        @wheel=${zoom.handleWheel}
        @pointerdown=${zoom.handlePointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerleave=${() => (this._pointer = null)}
      >
        ${this.#stage(sides)}
      </div>
      ${renderPairControls({
        mode: this.mode,
        playing: this._playing,
        blinkInterval: this.blinkInterval,
        gain: this.gain,
        deltas: this.#pixels.deltas,
        set: this.#setControl,
      })}
      ${this.#kind === 'videos' ? this.#videos.controls() : nothing} ${renderOverlayToggles(this.#overlays)}
      <p part="readout" class="readout" aria-live="off">${this.#readout()}</p>
      <p part="hint" class="hint">
        1–4 mode · X swap · Space flip (blink) · +/− zoom · 0 fit · drag or arrows to pan · Esc close
      </p>
    </dialog>`;
  }

  #stage(sides: [ImageView, ImageView]): TemplateResult {
    if (this.#kind !== 'stills')
      return renderVideoStage(this.#videos, sides, this.#kind, (video) => this.#layers(sides, video));
    const loaded = sides.map((side, i) =>
      this.#pixels.image(i as 0 | 1) instanceof Error ? { ...side, error: 'The image could not be loaded.' } : side,
    );
    const i = loaded.findIndex((side) => side.error);
    const problem = loaded[i];
    if (problem) {
      const retry = () => {
        problem.forget?.();
        if (problem.src) this.#pixels.retry(problem.src);
        this.#reload();
        this.requestUpdate();
      };
      return html`<div part="message" class="centre" role="alert">
        <p>${'AB'[i]} (${problem.label}): ${problem.error}</p>
        ${problem.forget || problem.src ? html`<p><button class="button" type="button" @click=${retry}>Retry</button></p>` : nothing}
      </div>`;
    }
    const size = this.#pixels.size;
    if (!size || !(this.#pixels.image(1) instanceof HTMLImageElement))
      return html`<div part="message" class="centre" role="status">Loading images…</div>`;
    this.#overlays.want(this.#overlayTargets);
    return this.#layers(sides, {
      size,
      overlay: (side, style) =>
        renderOverlayLayers({
          overlays: this.#overlayTargets[side] ? this.#overlays.of(this.#overlayTargets[side]) : null,
          controller: this.#overlays,
          size,
          style,
          scale: this.#zoom.view.scale,
        }),
    });
  }

  #layers(sides: [ImageView, ImageView], input: Partial<LayersInput> & { size: Size }): TemplateResult {
    return renderModeLayers({
      ...input,
      mode: this.mode,
      sides,
      transform: this.#zoom.transform,
      position: this.position,
      showB: this._showB,
      pixelsError: this.#pixels.pixelsError,
      onDividerKeydown: this.#onDividerKeydown,
      onDividerDown: (event) => dragDivider(event, (position) => (this.position = position)),
    });
  }

  #readout(): string {
    if (this.#kind !== 'stills') return 'Pixel values are read from still images.';
    const centre = !this._pointer;
    const box = this._stage?.querySelector('.pane')?.getBoundingClientRect();
    const point = this._pointer ?? (box ? this.#zoom.toImage({ x: box.width / 2, y: box.height / 2 }) : null);
    const values = point && this.#pixels.readout(point.x, point.y);
    if (!values) return this.#pixels.pixelsError ?? 'Point at the image to read pixel values.';
    return formatReadout(values, centre);
  }

  #drawDifference(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    const size = this.#pixels.size;
    const data = size && this.#pixels.heatmap(this.gain);
    if (!canvas || !size || !data || (data === this.#drawn && canvas.dataset.drawn)) return;
    canvas
      .getContext('2d')!
      .putImageData(new ImageData(data as Uint8ClampedArray<ArrayBuffer>, size.width, size.height), 0, 0);
    canvas.dataset.drawn = 'true';
    this.#drawn = data;
  }

  #setControl: ControlsState['set'] = (change) => {
    if (change.playing !== undefined) this._playing = change.playing;
    if (change.flip) this._showB = !this._showB;
    if (change.blinkInterval !== undefined) this.blinkInterval = change.blinkInterval;
    if (change.gain !== undefined) this.gain = change.gain;
  };

  #setMode(mode: PairMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    this.dispatchEvent(new PairModeChangeEvent(mode));
  }

  #swap = (): void => {
    if (this.a && this.b) [this.a, this.b] = [this.b, this.a];
    else if (this.targets) this.targets = [...this.#targets].reverse();
    else this.#selection.store.setCompare([...this.#targets].reverse());
    this.dispatchEvent(new PairSwapEvent());
  };

  #onPointerMove = (event: PointerEvent): void => {
    const pane = (event.target as Element).closest('.pane');
    if (!pane) return;
    const rect = pane.getBoundingClientRect();
    this._pointer = this.#zoom.toImage({ x: event.clientX - rect.left, y: event.clientY - rect.top });
  };

  #onTabKeydown = (event: KeyboardEvent): void => {
    const mode = tabKeyMode(this.mode, event.key);
    if (!mode) return;
    event.preventDefault();
    event.stopPropagation();
    this.#setMode(mode);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role="tab"][tabindex="0"]')?.focus(),
    );
  };

  #onDividerKeydown = (event: KeyboardEvent): void => {
    const next = swipeKey(this.position, event.key, event.shiftKey);
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    this.position = next;
  };

  #onKeydown = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    if (target.localName === 'input' || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = pairKeyAction(event, { mode: this.mode, videos: this.#kind === 'videos', target: target.localName });
    if (action) event.preventDefault();
    if (action?.kind === 'mode') this.#setMode(action.mode);
    else if (action?.kind === 'swap') this.#swap();
    else if (action?.kind === 'play-videos') this.#videos.toggle();
    else if (action?.kind === 'flip') this._showB = !this._showB;
    else if (!action && target.getAttribute('role') !== 'tab') this.#zoom.handleKey(event);
  };

  #close(): void {
    this._playing = false;
    this.#videos.sync.pause();
    if (this.a && this.b) this.a = this.b = undefined;
    else if (this.targets) this.targets = [];
    else if (this.#selection.value.compare.length) this.#selection.store.setCompare([]);
    this.dispatchEvent(new Event('close', { bubbles: true, composed: true }));
  }
}
