import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StyleInfo } from 'lit/directives/style-map.js';

/** Rows rendered beyond those in view, above and below. */
const OVERSCAN = 6;
/** Rows rendered before the list's height is known. */
const INITIAL_ROWS = 20;

/**
 * A virtualised list of rows of one height in a scrolling box: which rows to render (those in
 * view, a margin, and any the host must keep, such as the active option), where each stands, and
 * how tall the whole list is. The row height is measured from the first rendered row; until then
 * the first rows render in flow. Scrolling or a new size of the scrolling box re-renders the host
 * at most once an animation frame, and only when the rows in view change.
 */
export class VirtualRows implements ReactiveController {
  #first = 0;
  #end = INITIAL_ROWS;
  #rowHeight = 0;
  #frame = 0;
  /** Re-render on the next measure even if the rows in view are the same (the row height changed). */
  #force = false;
  /** Measures again when the scrolling box changes size (a window resized, a layout change). */
  #resize = new ResizeObserver(() => this.#schedule(false));
  #observed: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly scroller: () => HTMLElement | null,
    private readonly list: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const scroller = this.scroller();
    if (scroller !== this.#observed) {
      this.#resize.disconnect();
      if (scroller) this.#resize.observe(scroller);
      this.#observed = scroller;
    }
    const row = this.list()?.querySelector<HTMLElement>('[role="option"]')?.offsetHeight ?? 0;
    if (row > 0 && row !== this.#rowHeight) {
      this.#rowHeight = row;
      // The rows take their places in the next update, not inside this one.
      this.#schedule(true);
    }
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
    this.#observed = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** The indices to render of `count` rows, in order: the window, plus `keep` wherever it is. */
  indices(count: number, keep: number): number[] {
    const first = Math.min(this.#first, count);
    const end = Math.min(count, this.#end);
    const indices = Array.from({ length: end - first }, (_, i) => first + i);
    if (keep < first && keep >= 0) indices.unshift(keep);
    else if (keep >= end && keep < count) indices.push(keep);
    return indices;
  }

  /** Where row `index` stands (nothing until the row height is known). */
  place(index: number): StyleInfo {
    return this.#rowHeight
      ? { position: 'absolute', insetBlockStart: `calc(${index * this.#rowHeight}px + 0.25rem)` }
      : {};
  }

  /** The list's own height for `count` rows (and its padding). */
  listStyle(count: number): StyleInfo {
    return this.#rowHeight ? { blockSize: `calc(${count * this.#rowHeight}px + 0.5rem)` } : {};
  }

  onScroll = (): void => this.#schedule(false);

  #schedule(force: boolean): void {
    this.#force ||= force;
    this.#frame ||= requestAnimationFrame(() => {
      this.#frame = 0;
      this.#measure();
    });
  }

  /** Scroll so that row `index` is in view (it need not be rendered yet). */
  reveal(index: number): void {
    const scroller = this.scroller();
    const list = this.list();
    const row = this.#rowHeight;
    if (!scroller || !list || !row) return;
    const top = list.offsetTop + index * row;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + row > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + row - scroller.clientHeight;
    this.#measure();
  }

  #measure(): void {
    const scroller = this.scroller();
    const list = this.list();
    if (!scroller || !list || !this.#rowHeight) return;
    const top = scroller.scrollTop - list.offsetTop;
    const first = Math.max(0, Math.floor(top / this.#rowHeight) - OVERSCAN);
    const end = Math.ceil((top + scroller.clientHeight) / this.#rowHeight) + OVERSCAN;
    if (first === this.#first && end === this.#end && !this.#force) return;
    this.#force = false;
    this.#first = first;
    this.#end = end;
    this.host.requestUpdate();
  }
}
