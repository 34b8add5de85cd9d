import type { RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { CompareTarget } from '../context/selection-store.js';
import { ImageOpenEvent } from '../events/image-open.js';
import { EvolutionOpenEvent } from '../events/evolution-open.js';
import { BrokenImages } from '../data/broken-images.js';
import { ImageLoadController, type ImageRequest } from '../controllers/image-load-controller.js';
import { ModalDialogController } from '../controllers/modal-dialog-controller.js';
import { adjacentStep, nearestAtOrBefore } from '../data/step-lookup.js';
import { SelectionController } from '../context/selection-controller.js';
import { viewImage, type ImageView } from '../data/image-view.js';
import { viewerData, type ViewerData } from '../data/viewer-data.js';
import { toViewerRuns, type RunLike, type ViewerRun } from '../data/viewer-runs.js';
import { renderZoomControls } from '../internal/zoom-controls.js';
import type { Size } from '../internal/zoom-pan.js';
import { ZoomPanController } from '../controllers/zoom-pan-controller.js';
import { styles } from './image-detail.styles.js';
import { OverlayController } from '../controllers/overlay-controller.js';
import { renderOverlayLayers, renderOverlayToggles } from '../internal/overlay-layers.js';
import { renderCroppedLayer, renderVideoLayer } from '../internal/media-layer.js';
import { playsAsVideo } from '../internal/media-kind.js';
import { runSwatch } from '../internal/run-swatch.js';

/**
 * @summary One image at full resolution in a modal dialog: zoom, pan, its caption, and keys to
 * step through training and across runs.
 *
 * Shows the selection's `detail` image (set by clicking a thumbnail in `<image-compare>`), or the
 * `image` property. Zoom with the wheel (around the cursor), `+`/`-`, `0` (fit) and `1` (1:1);
 * pan by dragging, or with the arrow keys along an axis where the image overflows. Otherwise ←/→
 * move to the previous/next step that logged the key and ↑/↓ to the previous/next selected run
 * (at its nearest step at or before); with Ctrl (or ⌘) the arrows always navigate. The zoom is kept while navigating between images
 * of the same size. Escape closes and returns focus to where it was. `E` asks to watch
 * this sample across training (`evolution-open`; `<run-comparer>` then shows its evolution view).
 *
 * A video plays with the browser's controls (the arrow keys then belong to it). Boxes and masks
 * logged with the image are drawn over it and follow zoom and pan; checkboxes under the image show
 * or hide each layer and each class. A legacy sprite's tile shows only its own rectangle.
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart header - The title bar with the controls.
 * @csspart title - Run, key and step of the image.
 * @csspart run-swatch - The run's colour mark: its number in its colour and shape.
 * @csspart toolbar - The zoom and navigation buttons.
 * @csspart zoom-level - The zoom percentage.
 * @csspart close-button - The close button.
 * @csspart stage - The area the image is zoomed and panned in.
 * @csspart image - The image.
 * @csspart video - A video (mp4, webm, ogg), with the browser's controls; a GIF is an `image`.
 * @csspart tile - The clipping box of a legacy sprite's tile (its `image` is the whole sprite).
 * @csspart boxes - The SVG of bounding boxes over the image; each box is a `box` part.
 * @csspart mask - A segmentation mask over the image, painted in its classes' colours.
 * @csspart overlays - The toggles of the overlay layers and classes; each layer is an `overlay-layer` part.
 * @csspart caption - The full caption.
 * @csspart message - Loading, missing and error states in the stage.
 * @csspart retry-button - Retry after a failure.
 * @csspart hint - The line listing the keyboard shortcuts.
 *
 * @cssproperty [--stage-background=var(--rc-surface)] - Behind the image.
 * @cssproperty [--backdrop=rgb(0 0 0 / 0.6)] - The dialog backdrop.
 *
 * @fires image-open - {ImageOpenEvent} The user moved to another image (cancelable); then the selection's `detail` follows.
 * @fires evolution-open - {EvolutionOpenEvent} The user pressed `E` to watch this image's sample evolve (cancelable).
 * @fires close - The dialog closed; the selection's `detail` is cleared.
 */
export class ImageDetail extends LitElement {
  static override styles = styles;

  /** Where images come from; by default the source of the enclosing `<wandb-source>`. */
  @property({ attribute: false }) source?: RunSource;
  /** The runs ↑/↓ move through; by default the selected runs. */
  @property({ attribute: false }) runs?: RunLike[];
  /** The image to show (`null` closes); by default the selection's `detail`. */
  @property({ attribute: false }) image?: CompareTarget | null;

  @query('.stage') private _stage!: HTMLElement | null;

  #selection = new SelectionController(this, { watch: ['runs', 'detail'] });
  #loads = new ImageLoadController(this);
  #zoom = new ZoomPanController(this);
  #broken = new BrokenImages();
  #stepsFor = '';
  #modal = new ModalDialogController(this, () => this.#close());
  #overlays = new OverlayController(this);

  get #source(): RunSource | undefined {
    return this.source ?? this.#selection.source;
  }
  get #runs(): ViewerRun[] {
    return toViewerRuns(this.runs ?? this.#selection.value.runs);
  }
  get #target(): CompareTarget | null {
    return this.image !== undefined ? this.image : this.#selection.value.detail;
  }

  protected override willUpdate(): void {
    const source = this.#source;
    const target = this.#target;
    const run = target && this.#runs.find((r) => r.ref.runId === target.runId);
    if (!source || !target || !run) return this.#loads.load(undefined, []);
    const data = viewerData(source);
    const stepsFor = `${target.key}\n${this.#runs.map((r) => r.ref.runId).join(' ')}`;
    if (stepsFor !== this.#stepsFor) {
      this.#stepsFor = stepsFor;
      void Promise.all(this.#runs.map((r) => data.loadSteps(r.ref, [target.key]))).then(() => this.requestUpdate());
    }
    this.#loads.load(data, [this.#request(run, target)], this.#ahead(data, run, target));
  }

  protected override updated(): void {
    this.#modal.sync(!!this.#target && !!this.#source, this._stage);
    this.#zoom.observe(this._stage);
  }

  protected override render(): TemplateResult {
    const source = this.#source;
    const target = this.#target;
    if (!source || !target)
      return html`<dialog part="dialog" aria-label="Image" @close=${this.#modal.handleClose}></dialog>`;
    const data = viewerData(source);
    const runs = this.#runs;
    const run = runs.find((r) => r.ref.runId === target.runId);
    const view = viewImage(data, run, target);
    const steps = run ? data.stepsOf(run.ref, target.key) : undefined;
    const runIndex = runs.indexOf(run!);
    const zoom = this.#zoom;
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      @close=${this.#modal.handleClose}
      @keydown=${this.#onKeydown}
    >
      <header part="header">
        <h2 id="title" part="title">${runSwatch(view)} ${view.title}</h2>
        <div part="toolbar" class="group" role="toolbar" aria-label="Image controls">
          <button
            class="button"
            type="button"
            aria-label="Previous step"
            ?disabled=${!steps || adjacentStep(steps, target.step, -1) === null}
            @click=${() => this.#moveStep(-1)}
          >
            ← Step
          </button>
          <button
            class="button"
            type="button"
            aria-label="Next step"
            ?disabled=${!steps || adjacentStep(steps, target.step, 1) === null}
            @click=${() => this.#moveStep(1)}
          >
            Step →
          </button>
          <button
            class="button"
            type="button"
            aria-label="Previous run"
            ?disabled=${runIndex <= 0}
            @click=${() => this.#moveRun(-1)}
          >
            ↑ Run
          </button>
          <button
            class="button"
            type="button"
            aria-label="Next run"
            ?disabled=${runIndex < 0 || runIndex >= runs.length - 1}
            @click=${() => this.#moveRun(1)}
          >
            ↓ Run
          </button>
          ${renderZoomControls(zoom)}
        </div>
        <button part="close-button" class="button" type="button" aria-label="Close" @click=${this.#modal.close}>
          ✕
        </button>
      </header>
      <div
        part="stage"
        class="stage ${zoom.view.scale >= 2 ? 'pixelated' : ''}"
        tabindex="0"
        role="group"
        aria-label="Image viewport: drag or use the arrow keys to pan when zoomed in"
        @wheel=${zoom.handleWheel}
        @pointerdown=${zoom.handlePointerDown}
      >
        ${this.#stage(data, run, target, view)}
      </div>
      ${renderOverlayToggles(this.#overlays)}
      ${view.image?.caption ? html`<p part="caption" class="caption">${view.image.caption}</p>` : nothing}
      <p part="hint" class="hint">
        ←/→ step · ↑/↓ run · +/− zoom · 0 fit · 1 actual size · drag (or arrows when zoomed) to pan · E evolution · Esc
        close
      </p>
    </dialog>`;
  }

  #stage(data: ViewerData, run: ViewerRun | undefined, target: CompareTarget, view: ImageView) {
    const retry = () => {
      if (view.urlId) this.#broken.clear(view.urlId);
      view.forget?.();
      this.#loads.reload(data, run ? [this.#request(run, target)] : []);
    };
    const { src, urlId } = view;
    if (view.error) return this.#failure(view.error, view.forget && retry);
    if (urlId && this.#broken.isBroken(data, urlId, src))
      return this.#failure(`Could not load the image ${view.image!.path}.`, retry);
    if (!src || !urlId) return html`<div part="message" class="centre" role="status">Loading ${view.label}…</div>`;
    const { width, height } = this.#zoom.content;
    const style = `width: ${width}px; height: ${height}px; transform: ${this.#zoom.transform}; visibility: ${width ? 'visible' : 'hidden'}`;
    const image = view.image;
    const overlayTarget = { source: data.source, ref: run!.ref, key: target.key, image };
    this.#overlays.want([overlayTarget]);
    const overlays = renderOverlayLayers({
      overlays: this.#overlays.of(overlayTarget),
      controller: this.#overlays,
      size: { width, height },
      style,
      scale: this.#zoom.view.scale,
    });
    const failed = () => {
      if (this.#broken.failed(urlId, src)) {
        view.forget?.();
        this.#loads.reload(data, [this.#request(run!, target)]);
      }
      this.requestUpdate();
    };
    const layer = { src, label: view.label, style, onError: failed, onSize: (size: Size) => this.#sized(size, urlId) };
    if (playsAsVideo(image)) return html`${renderVideoLayer({ ...layer, controls: true })}${overlays}`;
    if (image?.crop) return html`${renderCroppedLayer({ ...layer, crop: image.crop })}${overlays}`;
    return html`<img
        part="image"
        class="layer"
        src=${src}
        alt=${view.label}
        draggable="false"
        style=${style}
        @load=${(e: Event) => this.#loaded(e.target as HTMLImageElement, urlId)}
        @error=${failed}
      />${overlays}`;
  }

  #failure(text: string, retry: (() => void) | null): TemplateResult {
    return html`<div part="message" class="centre" role="alert">
      <p>${text}</p>
      ${retry ? html`<p><button part="retry-button" class="button" type="button" @click=${retry}>Retry</button></p>` : nothing}
    </div>`;
  }

  #loaded(image: HTMLImageElement, urlId: string): void {
    this.#sized({ width: image.naturalWidth, height: image.naturalHeight }, urlId);
  }

  #sized(size: Size, urlId: string): void {
    this.#broken.clear(urlId);
    this.#zoom.setContent(size);
  }

  #request(run: ViewerRun, target: CompareTarget): ImageRequest {
    return { ref: run.ref, key: target.key, step: target.step, index: target.index };
  }

  /** The neighbouring steps of this run, to have them ready before the user steps. */
  #ahead(data: ViewerData, run: ViewerRun, target: CompareTarget): ImageRequest[] {
    const steps = data.stepsOf(run.ref, target.key) ?? [];
    return [1, -1]
      .map((d) => adjacentStep(steps, target.step, d as 1 | -1))
      .filter((s): s is number => s !== null)
      .map((step) => ({ ...this.#request(run, target), step }));
  }

  #go(next: CompareTarget): void {
    if (!this.dispatchEvent(new ImageOpenEvent(next))) return;
    if (this.image !== undefined) this.image = next;
    else this.#selection.store.setDetail(next);
  }

  #moveStep(direction: -1 | 1): void {
    const target = this.#target;
    const run = target && this.#runs.find((r) => r.ref.runId === target.runId);
    const steps = run && viewerData(this.#source!).stepsOf(run.ref, target.key);
    const step = steps && adjacentStep(steps, target.step, direction);
    if (target && step !== null && step !== undefined) this.#go({ ...target, step });
  }

  #moveRun(direction: -1 | 1): void {
    const target = this.#target;
    const runs = this.#runs;
    const next = target && runs[runs.findIndex((r) => r.ref.runId === target.runId) + direction];
    if (!target || !next) return;
    const steps = viewerData(this.#source!).stepsOf(next.ref, target.key) ?? [];
    this.#go({ ...target, runId: next.ref.runId, step: nearestAtOrBefore(steps, target.step) ?? target.step });
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if ((event.target as HTMLElement).localName === 'button' && (event.key === 'Enter' || event.key === ' ')) return;
    // A focused video's own keys (arrows seek, Space plays).
    if ((event.composedPath()[0] as HTMLElement).localName === 'video') return;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => this.#moveStep(-1),
      ArrowRight: () => this.#moveStep(1),
      ArrowUp: () => this.#moveRun(-1),
      ArrowDown: () => this.#moveRun(1),
    };
    const move = moves[event.key];
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    if (!modified && (event.key === 'e' || event.key === 'E')) return this.#openEvolution();
    if (move && (event.ctrlKey || event.metaKey || !this.#zoom.handleKey(event))) {
      event.preventDefault();
      move();
    } else if (!move && !modified) {
      this.#zoom.handleKey(event);
    }
  };

  #openEvolution = (): void => {
    const target = this.#target;
    if (target) this.dispatchEvent(new EvolutionOpenEvent(target));
  };

  #close(): void {
    if (this.image) this.image = null;
    else if (this.image === undefined && this.#selection.value.detail) this.#selection.store.setDetail(null);
    this.dispatchEvent(new Event('close', { bubbles: true, composed: true }));
  }
}
