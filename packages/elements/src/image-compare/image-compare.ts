import type { RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CompareTarget } from '../context/selection-store.js';
import { BrokenImages } from '../data/broken-images.js';
import { describeError } from '../internal/describe-error.js';
import { renderMessage } from '../internal/status.js';
import { SelectionController } from '../context/selection-controller.js';
import { unionOfSteps } from '../data/step-lookup.js';
import { viewerData, type ViewerData } from '../data/viewer-data.js';
import { describeImage, sameTarget, toViewerRuns, type RunLike, type ViewerRun } from '../data/viewer-runs.js';
import { CompareMarkEvent } from '../events/compare-mark.js';
import { ImageOpenEvent } from '../events/image-open.js';
import { markForCompare } from './compare-marks.js';
import { LiveRefreshController } from '../controllers/live-refresh-controller.js';
import { GridLoader } from './grid-loader.js';
import { buildGrid, type Align, type GridCell, type GridRow } from './grid-model.js';
import { moveInGrid } from './grid-navigation.js';
import { styles } from './image-compare.styles.js';

type ImageCell = Extract<GridCell, { kind: 'image' }>;

/**
 * @summary The images of the selected runs at one training step: a row per run, a column group
 * per image key and a column per image of a list, lined up by position or by caption (prompt).
 *
 * Reads the runs, keys and step from the enclosing `<wandb-source>` selection and the source from
 * its context, or from the `runs`, `keys`, `step` and `source` properties. A run without an image
 * at the step shows its nearest earlier one, marked "nearest earlier". Neighbouring steps are
 * prefetched, so stepping through training is instant. Keyboard: arrow keys, Home/End (Ctrl for
 * the whole grid) move between thumbnails; Enter or Space opens one; Shift+Enter (or Shift+click)
 * marks it A, then B, for comparison.
 *
 * @csspart base - The wrapper.
 * @csspart scroller - The scrolling box around the grid.
 * @csspart grid - The table (`role="grid"`).
 * @csspart step-label - The table caption naming the step.
 * @csspart corner - The header cell above the run names.
 * @csspart key-header - A key's header, spanning its columns.
 * @csspart column-header - A column's header: `#n`, or the caption when aligned by caption.
 * @csspart run-header - A run's name with its colour.
 * @csspart run-swatch - The run's colour dot.
 * @csspart cell - A grid cell.
 * @csspart thumb - A thumbnail button; `thumb marked` when marked for comparison.
 * @csspart frame - The box a thumbnail image is fitted into.
 * @csspart image - A thumbnail image.
 * @csspart mark - The A/B badge of a marked thumbnail.
 * @csspart caption - An image's caption, clamped; in full on hover and focus.
 * @csspart step-note - "step N · nearest earlier" under an image from an earlier step.
 * @csspart skeleton - A loading placeholder.
 * @csspart placeholder - A cell without an image.
 * @csspart not-uploaded - With `placeholder`: an image logged but never uploaded.
 * @csspart error - A cell that failed to load, with its reason.
 * @csspart retry-button - The Retry button of a failed cell.
 * @csspart message - The empty, "select runs" and no-source states.
 *
 * @cssproperty [--thumb-size=160px] - Thumbnail width and height (see also `thumb-size`).
 * @cssproperty [--thumb-background=var(--rc-surface)] - Behind thumbnails (letterboxing).
 * @cssproperty [--mark-color=var(--rc-accent)] - Border and badge of A/B-marked thumbnails.
 * @cssproperty [--caption-lines=2] - Lines of caption shown before clamping.
 * @cssproperty [--max-height=none] - Height beyond which the grid scrolls (headers stay put).
 *
 * @fires image-open - {ImageOpenEvent} An image was opened; cancelable. Then sets the selection's `detail`.
 * @fires compare-mark - {CompareMarkEvent} The A/B marks changed. Then sets the selection's `compare`.
 */
export class ImageCompare extends LitElement {
  static override styles = styles;

  /** Where images come from; by default the source of the enclosing `<wandb-source>`. */
  @property({ attribute: false }) source?: RunSource;
  /** The runs, one per row (a selection's `SelectedRun`s fit); by default the selected runs. */
  @property({ attribute: false }) runs?: RunLike[];
  /** The image keys, one column group each; by default the selected keys. */
  @property({ attribute: false }) keys?: string[];
  /** The step shown; by default the selected step; `null` shows the latest logged step. */
  @property({ type: Number }) step?: number | null;
  /** Line lists up by position (`index`) or by caption (`caption`: one column per prompt). */
  @property({ reflect: true }) align: Align = 'index';
  /** Thumbnail size in CSS pixels (the default of `--thumb-size`). */
  @property({ type: Number, attribute: 'thumb-size' }) thumbSize = 160;
  /** How many steps on each side of the current one to load ahead of time. */
  @property({ type: Number }) prefetch = 2;
  /** While a shown run is still running, look for new steps this often (ms); 0 never does. */
  @property({ type: Number, attribute: 'live-interval' }) liveInterval = 30_000;

  @state() private _frameWidth = 0;
  #tabStop = '';
  #broken = new BrokenImages();
  #autoRetries: Array<[retry: () => void, afterMs: number]> = [];
  #autoRetry: ReturnType<typeof setTimeout> | undefined;
  #selection = new SelectionController(this, { watch: ['runs', 'keys', 'step', 'compare'] });
  #loader = new GridLoader(this, { prefetch: () => this.prefetch, thumbnail: (url) => this.#thumbnail(url) });
  #live = new LiveRefreshController(
    this,
    () => this.#runs.some((run) => run.live),
    () => this.liveInterval,
    () => {
      const source = this.#source;
      if (!source) return;
      viewerData(source).forgetSteps(this.#runs, this.#keys);
      this.#loader.reload();
    },
  );
  #frames = new ResizeObserver(([entry]) => {
    if (entry) this._frameWidth = Math.round(entry.contentRect.width);
  });

  get #source(): RunSource | undefined {
    return this.source ?? this.#selection.source;
  }
  get #runs(): ViewerRun[] {
    return toViewerRuns(this.runs ?? this.#selection.value.runs);
  }
  get #keys(): string[] {
    return this.keys ?? this.#selection.value.keys;
  }
  get #step(): number | null {
    return this.step !== undefined ? this.step : this.#selection.value.step;
  }

  protected override willUpdate(): void {
    const source = this.#source;
    const request = source && {
      data: viewerData(source),
      runs: this.#runs.map((r) => r.ref),
      keys: this.#keys,
      step: this.#step,
    };
    this.#loader.request(request ?? null);
  }

  protected override updated(_changed: PropertyValues): void {
    const retries = this.#autoRetries.splice(0);
    if (retries.length && this.#autoRetry === undefined) {
      this.#autoRetry = setTimeout(
        () => {
          this.#autoRetry = undefined;
          for (const [retry] of retries) retry();
        },
        Math.max(...retries.map(([, ms]) => ms)),
      );
    }
    const frame = this.renderRoot.querySelector('.frame');
    if (frame) this.#frames.observe(frame);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#autoRetry);
    this.#autoRetry = undefined;
    this.#frames.disconnect();
  }

  protected override render(): TemplateResult {
    this.#autoRetries = [];
    const source = this.#source;
    const runs = this.#runs;
    const keys = this.#keys;
    if (!source) {
      return renderMessage('No image source', 'Place this element inside <wandb-source>, or set its source property.');
    }
    if (!runs.length || !keys.length) {
      return renderMessage(
        'Select runs and image keys',
        'Choose one or more runs and at least one image key to compare.',
      );
    }
    const data = viewerData(source);
    const known = runs.flatMap((run) => keys.map((key) => data.stepsOf(run.ref, key)));
    const latest = unionOfSteps(known.map((steps) => steps ?? [])).at(-1);
    const step = this.#step ?? latest ?? Number.MAX_SAFE_INTEGER;
    const grid = buildGrid(data, runs, keys, step, this.align);
    if (!grid.loading && !grid.errors && !grid.images) {
      return latest === undefined
        ? renderMessage(
            'No images logged under these keys yet',
            'Pick other image keys, or wait for the runs to log images.',
          )
        : renderMessage(
            `No images logged under these keys at or before step ${step}`,
            'Pick a later step or other image keys.',
          );
    }
    const focusable = grid.rows.flatMap((row, r) =>
      row.cells.flatMap(({ cell, column }) =>
        cell.kind === 'image' && this.#thumbReady(data, row, cell) ? [`${r}:${column}`] : [],
      ),
    );
    const tabStop = focusable.includes(this.#tabStop) ? this.#tabStop : (focusable[0] ?? '');
    const stepLabel = this.#step === null ? `Latest step (${latest ?? '…'})` : `Step ${step}`;
    return html`<div part="base" style="--_thumb: var(--thumb-size, ${this.thumbSize}px)">
      <div part="scroller" class="scroller">
        <table
          part="grid"
          role="grid"
          aria-busy=${grid.loading}
          @keydown=${this.#onKeydown}
          @focusin=${this.#onFocusin}
        >
          <caption part="step-label">
            ${stepLabel}${grid.loading ? html` · loading…` : nothing}
          </caption>
          <thead>
            <tr>
              <th part="corner" scope="col" rowspan=${grid.groups.some((g) => g.labelled) ? 2 : 1}>Run</th>
              ${grid.groups.map(
                (g) =>
                  html`<th part="key-header" scope="colgroup" colspan=${g.columns.length} rowspan=${g.labelled ? 1 : 2}>
                    ${g.key}
                  </th>`,
              )}
            </tr>
            ${
              grid.groups.some((g) => g.labelled)
                ? html`<tr>
                    ${grid.groups.flatMap((g) =>
                      g.labelled
                        ? g.columns.map(
                            (c) =>
                              html`<th part="column-header" scope="col" title=${c.label}>
                                <span class="prompt">${c.label}</span>
                              </th>`,
                          )
                        : [],
                    )}
                  </tr>`
                : nothing
            }
          </thead>
          <tbody>
            ${grid.rows.map(
              (row, r) =>
                html`<tr>
                  <th part="run-header" scope="row" title=${row.run.ref.runId}>
                    <span part="run-swatch" class="swatch" style="background: ${row.run.color}"></span>${row.run.name}
                  </th>
                  ${row.cells.map(({ cell, span, column }) => {
                    const id = `${r}:${column}`;
                    return cell.kind === 'image'
                      ? this.#imageCell(data, row, cell, step, r, column, id === tabStop)
                      : html`<td part="cell" colspan=${span}>${this.#tile(cell, step)}</td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }

  #tile(cell: Exclude<GridCell, ImageCell>, step: number): TemplateResult {
    switch (cell.kind) {
      case 'loading':
        return html`<div class="tile" aria-hidden="true"><div part="skeleton" class="skeleton"></div></div>`;
      case 'missing':
        return html`<div part="placeholder" class="tile">No image at or before step ${step}</div>`;
      case 'blank':
        return html`<div part="placeholder" class="tile">
          ${this.align === 'caption' ? 'No image with this caption' : 'Not in this list'}
        </div>`;
      case 'unsupported':
        return html`<div part="placeholder" class="tile">${cell.message}</div>`;
      case 'error':
        return this.#errorTile(cell.error, () => {
          cell.retry();
          this.#loader.reload();
        });
    }
  }

  #imageCell(
    data: ViewerData,
    row: GridRow,
    cell: ImageCell,
    step: number,
    r: number,
    column: number,
    tabStop: boolean,
  ) {
    const { image } = cell;
    const urlId = data.urlId(row.run.ref, image.path);
    const url = data.urlOf(row.run.ref, image.path);
    const urlError = data.urls.error(urlId);
    const missing = data.missingOf(row.run.ref, image.path);
    const target: CompareTarget = { runId: row.run.ref.runId, key: cell.key, step: cell.step, index: image.index };
    const mark = ['A', 'B'][this.#selection.value.compare.findIndex((m) => sameTarget(m, target))];
    const alt = describeImage(row.run, target, image.caption, cell.listed);
    const retry = () => {
      this.#broken.clear(urlId);
      data.recheckUrls([urlId]);
      this.#loader.reload();
    };
    const thumb =
      urlError !== undefined
        ? this.#errorTile(urlError, retry)
        : this.#broken.isBroken(data, urlId, url)
          ? this.#errorTile(`Could not load the image ${image.path}.`, retry)
          : html`<button
              part=${mark ? 'thumb marked' : 'thumb'}
              class=${mark ? 'thumb marked' : 'thumb'}
              type="button"
              data-row=${r}
              data-column=${column}
              tabindex=${tabStop ? 0 : -1}
              @click=${(e: MouseEvent) => (e.shiftKey ? this.#mark(target) : this.#open(target))}
            >
              <span part="frame" class="frame">
                ${
                  url
                    ? html`<img
                        part="image"
                        src=${this.#thumbnail(url)}
                        alt=${alt}
                        loading="lazy"
                        decoding="async"
                        width=${image.width ?? nothing}
                        height=${image.height ?? nothing}
                        @load=${() => this.#broken.clear(urlId)}
                        @error=${() => this.#imageFailed(data, urlId, url)}
                      />`
                    : html`<span part="skeleton" class="skeleton"></span><span class="visually-hidden">${alt}</span>`
                }
              </span>
              ${
                mark
                  ? html`<span part="mark" class="mark" aria-hidden="true">${mark}</span>
                      <span class="visually-hidden">, marked ${mark} for comparison</span>`
                  : nothing
              }
            </button>`;
    return html`<td part="cell" class="cell">
      ${missing === null ? thumb : notUploadedTile(alt, missing)}
      ${image.caption && this.align === 'index' ? html`<p part="caption" class="caption prompt">${image.caption}</p>` : nothing}
      ${cell.step !== step ? html`<p part="step-note" class="note">step ${cell.step} · nearest earlier</p>` : nothing}
    </td>`;
  }

  /**
   * A failed cell with its reason and a Retry button. Failures that say when to try again (rate
   * limits) are retried by themselves then, as the message promises.
   */
  #errorTile(error: unknown, retry: () => void): TemplateResult {
    const failure = typeof error === 'string' ? null : describeError(error);
    if (failure?.retryable && failure.retryAfterMs !== null) this.#autoRetries.push([retry, failure.retryAfterMs]);
    return html`<div part="error" class="tile error">
      <span>${failure?.message ?? error}</span>
      <button part="retry-button" class="button" type="button" @click=${retry}>Retry</button>
    </div>`;
  }

  #thumbReady(data: ViewerData, row: GridRow, cell: ImageCell): boolean {
    const urlId = data.urlId(row.run.ref, cell.image.path);
    return (
      data.urls.error(urlId) === undefined &&
      data.missingOf(row.run.ref, cell.image.path) === null &&
      !this.#broken.isBroken(data, urlId, data.urlOf(row.run.ref, cell.image.path))
    );
  }

  #thumbnail(url: string): string {
    return this.#source?.thumbnailUrl?.(url, this._frameWidth || this.thumbSize, globalThis.devicePixelRatio) ?? url;
  }

  #imageFailed(data: ViewerData, urlId: string, url: string): void {
    if (this.#broken.failed(urlId, url)) {
      data.recheckUrls([urlId]);
      this.#loader.reload();
    }
    this.requestUpdate();
  }

  #open(image: CompareTarget): void {
    if (this.dispatchEvent(new ImageOpenEvent(image))) this.#selection.store.setDetail(image);
  }

  #mark(image: CompareTarget): void {
    const marks = markForCompare(this.#selection.value.compare, image);
    this.#selection.store.setCompare(marks);
    this.dispatchEvent(new CompareMarkEvent(marks));
  }

  #onFocusin = (event: FocusEvent): void => {
    const thumb = (event.target as HTMLElement).closest<HTMLElement>('.thumb');
    if (thumb && this.#tabStop !== `${thumb.dataset.row}:${thumb.dataset.column}`) {
      this.#tabStop = `${thumb.dataset.row}:${thumb.dataset.column}`;
      this.requestUpdate();
    }
  };

  #onKeydown = (event: KeyboardEvent): void => {
    const thumb = (event.target as HTMLElement).closest<HTMLButtonElement>('.thumb');
    if (!thumb) return;
    if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      thumb.dispatchEvent(new MouseEvent('click', { shiftKey: true }));
      return;
    }
    const thumbs = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.thumb')];
    const position = (b: HTMLElement) => ({ row: Number(b.dataset.row), column: Number(b.dataset.column) });
    const next = moveInGrid(thumbs.map(position), position(thumb), event.key, event.ctrlKey || event.metaKey);
    if (next < 0) return;
    event.preventDefault();
    thumbs[next]!.focus();
  };
}

/** The run names this image but never uploaded its file: said in the cell, with the image's alt text for screen readers. */
function notUploadedTile(alt: string, why: string): TemplateResult {
  return html`<div part="placeholder not-uploaded" class="tile" title=${why}>
    <span>Not uploaded</span><span class="visually-hidden">: ${alt}. ${why}</span>
  </div>`;
}
