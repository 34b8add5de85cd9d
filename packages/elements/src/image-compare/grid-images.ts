import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BrokenImages } from '../data/broken-images.js';
import { imageScheduler, LoadPriority, type ImageScheduler } from '../data/image-scheduler.js';
import type { ViewerData } from '../data/viewer-data.js';
import type { ViewerRun } from '../data/viewer-runs.js';
import { rowAt, type Align, type GridModel, type GridRow } from './grid-model.js';
import type { ColumnRange } from './grid-viewport.js';
import { RowSteps } from './row-steps.js';
import { showsImage, thumbState } from './thumb-state.js';

/** What the grid draws now: the model, which rows are drawn and which of those are on screen. */
export interface GridFrame {
  data: ViewerData;
  grid: GridModel;
  keys: string[];
  align: Align;
  /** Indices (into `grid.rows`) of the rows drawn, ascending. */
  drawn: number[];
  /** The rows on screen, inclusive. */
  first: number;
  last: number;
  /** The columns on screen, beside the run column. */
  columns: ColumnRange;
  /** Neighbouring steps to load ahead for the cells on screen. */
  neighbours: number[];
}

/** A drawn row and the step it shows: the current one, or an earlier one kept while that loads (`held`). */
export interface ShownRow {
  index: number;
  row: GridRow;
  /** The step its images are from (the current one unless held). */
  step: number;
}

/** Columns beside those on screen whose images load too (a short horizontal scroll shows them at once). */
const MARGIN_COLUMNS = 2;
/** Images whose last `src` is remembered; past this, forgotten all at once. */
const SHOWN_SRC_LIMIT = 4096;

/**
 * The thumbnails of `<image-compare>`, loaded through the page's {@link ImageScheduler}: the
 * cells on screen at the current step first, then those of the neighbouring steps, then the
 * margin; nothing else (a step the user left is dropped or aborted). A row shows one step's
 * images, never a mix (see {@link RowSteps}), and an image gets its `src` only once decoded.
 * `onReady` is called once per step when every row on screen shows that step's images.
 */
export class GridImages implements ReactiveController {
  #rows = new RowSteps();
  #ready: number | null = null;
  /** The `src` each image showed last (by URL id). */
  #shownSrc = new Map<string, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: {
      thumbnail: (url: string) => string;
      broken: BrokenImages;
      onReady: (step: number) => void;
      scheduler?: ImageScheduler;
    },
  ) {
    host.addController(this);
  }

  get scheduler(): ImageScheduler {
    return this.options.scheduler ?? imageScheduler();
  }

  hostDisconnected(): void {
    this.scheduler.want(this, new Map());
  }

  /**
   * The thumbnail URL an image cell may set as `src` now: once decoded (or failed: the `<img>`
   * then reports it); until then the URL it had before, if any (a signed URL refreshed), else null.
   */
  src(data: ViewerData, run: ViewerRun, path: string): string | null {
    const id = data.urlId(run.ref, path);
    const url = data.urlOf(run.ref, path);
    const thumb = url && this.options.thumbnail(url);
    const status = thumb ? this.scheduler.status(thumb) : undefined;
    if (!thumb || (status !== 'decoded' && status !== 'failed')) return this.#shownSrc.get(id) ?? null;
    if (this.#shownSrc.size >= SHOWN_SRC_LIMIT) this.#shownSrc.clear();
    this.#shownSrc.set(id, thumb);
    return thumb;
  }

  /** Forget a failed thumbnail (Retry), so it loads again. */
  retry(data: ViewerData, run: ViewerRun, path: string): void {
    const url = data.urlOf(run.ref, path);
    if (url) this.scheduler.forget(this.options.thumbnail(url));
  }

  /** Decide what each drawn row shows and ask the scheduler for the images that needs. */
  plan(frame: GridFrame | null, context = ''): ShownRow[] {
    if (!frame) {
      this.scheduler.want(this, new Map());
      return [];
    }
    const { grid, drawn, first, last } = frame;
    const step = grid.step;
    this.#rows.follow(context, step);
    if (this.#ready !== null && this.#ready !== step) this.#ready = null;
    const wanted = new Map<string, number>();
    const want = (urls: Iterable<string>, priority: number) => {
      for (const url of urls) if ((wanted.get(url) ?? Infinity) > priority) wanted.set(url, priority);
    };
    const near = { first: frame.columns.first - MARGIN_COLUMNS, last: frame.columns.last + MARGIN_COLUMNS };
    const shown: ShownRow[] = [];
    let allReady = !grid.loading;
    this.#rows.retain(new Set(drawn.map((r) => grid.rows[r]!.run.ref.runId)));
    for (const index of drawn) {
      const current = grid.rows[index]!;
      const id = current.run.ref.runId;
      const onScreen = index >= first && index <= last;
      const rowAtStep = (s: number) => (s === step ? current : this.#rowAt(frame, current, s));
      want(this.#urls(frame, current, frame.columns).urls, onScreen ? LoadPriority.visible : LoadPriority.rest);
      want(this.#urls(frame, current, near).urls, LoadPriority.rest);
      if (onScreen)
        for (const s of frame.neighbours) {
          const row = this.#rowAt(frame, current, s);
          if (row) want(this.#urls(frame, row, frame.columns).urls, LoadPriority.neighbour);
        }
      for (const s of this.#rows.passedOver(id)) {
        const row = this.#rowAt(frame, current, s);
        if (row) want(this.#urls(frame, row, frame.columns).urls, LoadPriority.rest);
      }
      const ready = (s: number) => {
        const row = rowAtStep(s);
        return !!row && this.#urls(frame, row, frame.columns).settled;
      };
      const choice = this.#rows.choose(id, ready, (s) => !!rowAtStep(s));
      const held = choice.step === step ? null : this.#rowAt(frame, current, choice.step);
      shown.push(held ? { index, row: held, step: choice.step } : { index, row: current, step });
      if (onScreen && (held || !ready(step))) allReady = false;
    }
    this.scheduler.want(this, wanted, () => this.host.requestUpdate());
    if (allReady && this.#ready !== step && drawn.length) {
      this.#ready = step;
      this.options.onReady(step);
    }
    return shown;
  }

  #rowAt(frame: GridFrame, current: GridRow, step: number): GridRow | null {
    const { groups, axis } = frame.grid;
    return rowAt(frame.data, current.run, frame.keys, step, frame.align, groups, axis);
  }

  /** The thumbnail URLs of `row` within `columns`, and whether each of them is settled (decoded, failed, or shows no image). */
  #urls({ data }: GridFrame, row: GridRow, columns: ColumnRange): { urls: string[]; settled: boolean } {
    const urls: string[] = [];
    let settled = true;
    for (const { cell, span, column } of row.cells) {
      if (column + span - 1 < columns.first || column > columns.last) continue;
      if (cell.kind === 'loading') settled = false;
      if (cell.kind !== 'image') continue;
      const thumb = thumbState(data, this.options.broken, row.run.ref, cell.image.path);
      if (!showsImage(thumb)) continue;
      if (!thumb.url) {
        settled = false;
        continue;
      }
      const url = this.options.thumbnail(thumb.url);
      urls.push(url);
      const status = this.scheduler.status(url);
      if (status !== 'decoded' && status !== 'failed') settled = false;
    }
    return { urls, settled };
  }
}
