import type { RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { property, state } from 'lit/decorators.js';
import type { CompareTarget } from '../context/selection-store.js';
import { SelectionController } from '../context/selection-controller.js';
import { LiveRefreshController } from '../controllers/live-refresh-controller.js';
import { RetryController, type Failed } from '../controllers/retry-controller.js';
import { BrokenImages } from '../data/broken-images.js';
import { viewerData, type ViewerData } from '../data/viewer-data.js';
import { describeImage, sameTarget, toViewerRuns, type RunLike, type ViewerRun } from '../data/viewer-runs.js';
import { CompareMarkEvent } from '../events/compare-mark.js';
import { ImageOpenEvent } from '../events/image-open.js';
import { StepReadyEvent, stepReadyReporters } from '../events/step-ready.js';
import { describeError } from '../internal/describe-error.js';
import { renderMessage } from '../internal/status.js';
import { markForCompare } from './compare-marks.js';
import {
  renderFailedTile,
  renderGridHead,
  renderNotUploaded,
  renderThumb,
  renderTile,
  renderImageCell,
  type FailedCell,
} from './grid-cells.js';
import { GridImages, type ShownRow } from './grid-images.js';
import { GridLoader } from './grid-loader.js';
import { neighbourSteps, unionOfSteps } from '../data/step-lookup.js';
import { viewGrid, type Align, type GridCell, type GridRow, type GridView } from './grid-model.js';
import { GridFocus, type GridPosition } from './grid-navigation.js';
import { GridViewport, type RowWindow } from './grid-viewport.js';
import { styles } from './image-compare.styles.js';
import { showsImage, thumbState } from './thumb-state.js';
import { runSwatch } from '../internal/run-swatch.js';

type ImageCell = Extract<GridCell, { kind: 'image' }>;
type ShownGrid = Extract<GridView, { kind: 'grid' }>;

/** The row of a focusable cell id (`row:column`). */
const rowOf = (id: string) => Number(id.split(':')[0]);

/**
 * @summary The images of the selected runs at one training step: a row per run, a column group
 * per image key and a column per image of a list, lined up by position or by caption (prompt).
 *
 * Reads the runs, keys and step from the enclosing `<wandb-source>` selection and the source from
 * its context, or from the `runs`, `keys`, `step` and `source` properties. A run without an image
 * at the step shows its nearest earlier one, marked "nearest earlier"; on the selection's step
 * axis (e.g. `epoch`), each run shows its image at the largest value at or before the step. Neighbouring steps are
 * prefetched, so stepping through training is instant. Only the rows on screen (and a margin)
 * are drawn and their images loaded, the visible cells at the current step first; a row shows
 * one step's images, never a mix (it keeps the previous step's until the new one's are in). Keyboard: arrow keys, Home/End (Ctrl for
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
 * @csspart config - The `key=value` lines of `configKeys` under a run's name.
 * @csspart row-note - "step N · loading M…" under a run's name while its row keeps step N until M's images are in.
 * @csspart run-swatch - The run's colour mark: its number in its colour and shape.
 * @csspart cell - A grid cell.
 * @csspart thumb - A thumbnail button; `thumb marked` when marked for comparison.
 * @csspart frame - The box a thumbnail image is fitted into.
 * @csspart image - A thumbnail image.
 * @csspart mark - The A/B badge of a marked thumbnail.
 * @csspart caption - An image's caption, clamped; in full on hover and focus.
 * @csspart step-note - "step N · nearest earlier" under an image from an earlier step (any step on an axis).
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
 * @fires step-ready - {StepReadyEvent} Every row on screen shows this step's images (decoded, or failed); once per step.
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
  /**
   * Config keys shown as `key=value` under each run's name, from the run's `config` (nested keys with dots,
   * e.g. `optimizer.name`); long values are shortened, in full on hover and focus. Their element loads once
   * the page is idle, with `<run-comparer>`'s run details (registered by it and by the package entry).
   */
  @property({ attribute: false }) configKeys: readonly string[] = [];
  /** How many steps on each side of the current one to load ahead of time. */
  @property({ type: Number }) prefetch = 2;
  /** While a shown run is still running, look for new steps this often (ms); 0 never does. */
  @property({ type: Number, attribute: 'live-interval' }) liveInterval = 30_000;

  @state() private _frameWidth = 0;
  #view: GridView = { kind: 'message', title: '', detail: '' };
  #broken = new BrokenImages();
  #viewport = new GridViewport(this);
  #window: RowWindow = { drawn: [], gaps: [0], first: 0, last: -1 };
  #shown: ShownRow[] = [];
  #tabStop = '';
  #focus = new GridFocus(this, {
    cells: () => (this.#view.kind === 'grid' ? this.#cells(this.#view) : []),
    reveal: (row) => this.#view.kind === 'grid' && this.#viewport.reveal(row, this.#rowIds(this.#view)),
  });
  #images = new GridImages(this, {
    thumbnail: (url) => this.#thumbnail(url),
    broken: this.#broken,
    onReady: (step) => this.dispatchEvent(new StepReadyEvent(step)),
  });
  #selection = new SelectionController(this, { watch: ['runs', 'keys', 'step', 'axis', 'compare'] });
  #loader = new GridLoader(this, { prefetch: () => this.prefetch });
  /** Failed cells whose errors say when to try again (rate limits) are retried by themselves then. */
  #retry = new RetryController(this);
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
  #configLines(runId: string) {
    const config = (this.runs ?? this.#selection.value.runs).find((r) => r.ref.runId === runId)?.run?.config;
    return this.configKeys.length
      ? html`<run-config-keys part="config" .config=${config} .keys=${this.configKeys}></run-config-keys>`
      : nothing;
  }
  get #keys(): string[] {
    return this.keys ?? this.#selection.value.keys;
  }
  get #step(): number | null {
    return this.step !== undefined ? this.step : this.#selection.value.step;
  }
  /** The selection's step axis, unless `step` is given (a `_step`). */
  get #axis() {
    return this.step !== undefined ? null : this.#selection.value.axis;
  }

  protected override willUpdate(): void {
    const source = this.#source;
    const runs = this.#runs;
    const keys = this.#keys;
    const data = source && viewerData(source);
    const axis = this.#axis;
    const view = (this.#view = viewGrid(data, runs, keys, this.#step, this.align, axis));
    if (view.kind === 'grid') stepReadyReporters.add(this);
    else stepReadyReporters.delete(this);
    if (view.kind !== 'grid') {
      const request = { data, runs: runs.map((r) => r.ref), keys, step: this.#step, inView: [], axis };
      this.#loader.request(data ? { ...request, data } : null);
      this.#images.plan(null);
      return;
    }
    // The focused row stays drawn; without focus, the tab stop is among the rows drawn.
    const focusable = this.#focusable(view);
    const last = this.#focus.tabStop(focusable);
    const keep = last && this.matches(':focus-within') ? [rowOf(last)] : [];
    const window = (this.#window = this.#viewport.window(this.#rowIds(view), keep));
    const onScreen = (id: string) => rowOf(id) >= window.first && rowOf(id) <= window.last;
    this.#tabStop = this.#focus.tabStop(focusable.filter((id) => id === last || onScreen(id))) || last;
    const inView = window.drawn.map((r) => view.grid.rows[r]!.run.ref);
    this.#loader.request({ data: view.data, runs: runs.map((r) => r.ref), keys, step: this.#step, inView, axis });
    const columns = this.#viewport.columnsInView(view.grid.groups.reduce((n, g) => n + g.columns.length, 0));
    const union =
      axis?.placement?.domain ??
      unionOfSteps(runs.flatMap((run) => keys.map((key) => view.data.stepsOf(run.ref, key) ?? [])));
    const neighbours = neighbourSteps(union, view.grid.step, this.prefetch, this.prefetch);
    const frame = { data: view.data, grid: view.grid, keys, align: this.align, ...window, columns, neighbours };
    this.#shown = this.#images.plan(frame, `${runs.map((r) => r.ref.runId).join(' ')}\n${keys.join('\n')}`);
    this.#viewport.rendered(window, columns);
  }

  protected override updated(): void {
    if (this.#view.kind === 'grid') this.#retry.armEach(this.#failures(this.#view));
    this.#viewport.attach(this.renderRoot.querySelector<HTMLElement>('.scroller'));
    const table = this.renderRoot.querySelector('table');
    if (table) this.#viewport.measure(table);
    const frame = this.renderRoot.querySelector('.frame');
    if (frame) this.#frames.observe(frame);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    stepReadyReporters.delete(this);
    this.#frames.disconnect();
  }

  protected override render(): TemplateResult {
    const view = this.#view;
    if (view.kind === 'message') return renderMessage(view.title, view.detail);
    const { data, grid, step, latest } = view;
    const tabStop = this.#tabStop;
    const stepLabel =
      this.#step === null ? `Latest step (${latest ?? '…'})` : grid.axis ? `${grid.axis.key} ${step}` : `Step ${step}`;
    const headRows = grid.groups.some((g) => g.labelled) ? 2 : 1;
    const columns = grid.groups.reduce((n, g) => n + g.columns.length, 0);
    const gaps = this.#window.gaps;
    const gapRow = (i: number) =>
      gaps[i]
        ? [
            {
              id: `gap ${i}`,
              shown: null,
              gap: html`<tr class="gap" aria-hidden="true">
                <td colspan=${columns + 1} style="height: ${gaps[i]}px"></td>
              </tr>`,
            },
          ]
        : [];
    const body = [
      ...this.#shown.flatMap((shown, i) => [...gapRow(i), { id: shown.row.run.ref.runId, shown, gap: nothing }]),
      ...gapRow(this.#shown.length),
    ];
    return html`<div part="base" style="--_thumb: var(--thumb-size, ${this.thumbSize}px)">
      <div part="scroller" class="scroller">
        <table
          part="grid"
          role="grid"
          aria-rowcount=${grid.rows.length + headRows}
          aria-colcount=${columns + 1}
          aria-busy=${grid.loading}
          @keydown=${this.#focus.handleKeydown}
          @focusin=${this.#focus.handleFocusin}
        >
          <caption part="step-label">
            <span class="step-label">${stepLabel}${grid.loading ? html` · loading…` : nothing}</span>
          </caption>
          ${renderGridHead(grid.groups)}
          <tbody>
            ${repeat(
              body,
              (item) => item.id,
              ({ shown, gap }) => {
                if (!shown) return gap;
                const { row, index: r, step: shownStep } = shown;
                return html`<tr
                  data-row-id=${row.run.ref.runId}
                  aria-rowindex=${headRows + r + 1}
                  aria-busy=${shownStep !== step}
                >
                  <th part="run-header" scope="row" title=${row.run.ref.runId}>
                    ${runSwatch(row.run)}${row.run.name} ${this.#configLines(row.run.ref.runId)}
                    ${shownStep !== step ? html`<span part="row-note" class="note">step ${shownStep} · loading ${step}…</span>` : nothing}
                  </th>
                  ${row.cells.map(({ cell, span, column }) =>
                    cell.kind === 'image'
                      ? this.#imageCell(data, row, cell, { row: r, column }, `${r}:${column}` === tabStop)
                      : html`<td part="cell" colspan=${span}>
                          ${renderTile(cell, shownStep, this.align, (failed) => this.#failedTile(failed.error, this.#retryTile(failed)))}
                        </td>`,
                  )}
                </tr>`;
              },
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }

  #imageCell(data: ViewerData, row: GridRow, cell: ImageCell, position: GridPosition, tabStop: boolean) {
    const { image } = cell;
    const thumb = thumbState(data, this.#broken, row.run.ref, image.path);
    const { urlId, url } = thumb;
    const target: CompareTarget = { runId: row.run.ref.runId, key: cell.key, step: cell.step, index: image.index };
    const mark = ['A', 'B'][this.#selection.value.compare.findIndex((m) => sameTarget(m, target))];
    const alt = describeImage(row.run, target, image.caption, cell.listed);
    const shown =
      thumb.missing !== null
        ? renderNotUploaded(alt, thumb.missing)
        : thumb.urlError !== undefined || thumb.broken
          ? this.#failedTile(
              thumb.urlError !== undefined ? thumb.urlError : `Could not load the image ${image.path}.`,
              this.#retryImage(data, urlId, () => this.#images.retry(data, row.run, image.path)),
            )
          : renderThumb({
              image,
              src: this.#images.src(data, row.run, image.path),
              alt,
              mark,
              ...position,
              tabStop,
              onClick: (e) => (e.shiftKey ? this.#mark(target) : this.#open(target)),
              onLoad: () => this.#broken.clear(urlId),
              onError: () => this.#imageFailed(data, urlId, url!, () => this.#images.retry(data, row.run, image.path)),
            });
    const step = cell.earlier || this.#axis ? cell.step : null;
    return renderImageCell(shown, this.align === 'index' ? image.caption : null, step, cell.earlier);
  }

  /** A failed cell: the error in words (or `error` itself when it is already words) and Retry. */
  #failedTile(error: unknown, retry: () => void): TemplateResult {
    return renderFailedTile(typeof error === 'string' ? error : describeError(error).message, retry);
  }

  #retryTile(cell: FailedCell): () => void {
    return () => {
      cell.retry();
      this.#loader.reload();
    };
  }

  #retryImage(data: ViewerData, urlId: string, forgetThumb?: () => void): () => void {
    return () => {
      forgetThumb?.();
      this.#broken.clear(urlId);
      data.recheckUrls([urlId]);
      this.#loader.reload();
    };
  }

  /** Every failure the grid shows (steps, a set or an image URL that did not load), with its retry. */
  #failures({ data, grid }: ShownGrid): Failed[] {
    return grid.rows.flatMap((row) =>
      row.cells.flatMap(({ cell }): Failed[] => {
        if (cell.kind === 'error') return [{ failure: describeError(cell.error), retry: this.#retryTile(cell) }];
        if (cell.kind !== 'image') return [];
        const { urlId, urlError } = thumbState(data, this.#broken, row.run.ref, cell.image.path);
        if (urlError === undefined) return [];
        return [{ failure: describeError(urlError), retry: this.#retryImage(data, urlId) }];
      }),
    );
  }

  /** The thumbnails that take focus (`row:column`): those showing an image, not a failure or a note. */
  #focusable({ data, grid }: ShownGrid): string[] {
    return grid.rows.flatMap((row, r) =>
      row.cells.flatMap(({ cell, column }) =>
        cell.kind === 'image' && showsImage(thumbState(data, this.#broken, row.run.ref, cell.image.path))
          ? [`${r}:${column}`]
          : [],
      ),
    );
  }

  /** Stable ids of the grid's rows (its runs). */
  #rowIds({ grid }: ShownGrid): string[] {
    return grid.rows.map((row) => row.run.ref.runId);
  }

  /** Every thumbnail that takes focus, drawn or not. */
  #cells(view: ShownGrid): GridPosition[] {
    return this.#focusable(view).map((id) => {
      const [row, column] = id.split(':').map(Number);
      return { row: row!, column: column! };
    });
  }

  #thumbnail(url: string): string {
    return this.#source?.thumbnailUrl?.(url, this._frameWidth || this.thumbSize, globalThis.devicePixelRatio) ?? url;
  }

  #imageFailed(data: ViewerData, urlId: string, url: string, forgetThumb: () => void): void {
    if (this.#broken.failed(urlId, url)) {
      forgetThumb();
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
}
