import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Rows drawn beyond those on screen, above and below (scrolling shows them at once). */
export const MARGIN_ROWS = 2;
/** Height assumed for a row never drawn, until one is measured. */
const DEFAULT_ROW_HEIGHT = 220;

/** The rows of a virtualised grid to draw, and the space the others take. */
export interface RowWindow {
  /** Indices of the rows to draw, ascending. */
  drawn: number[];
  /** Height not drawn before each drawn row (`gaps[i]` before `drawn[i]`), and after the last (`gaps[drawn.length]`). */
  gaps: number[];
  /** The rows on screen: `first` to `last`, inclusive (none when `last < first`). */
  first: number;
  last: number;
}

/** Inclusive range of column indices. */
export interface ColumnRange {
  first: number;
  last: number;
}

/**
 * Where the grid's scroll box looks, for a grid that draws only the rows on screen (and a margin).
 * Rows take their measured heights (an average until measured); columns are measured from a drawn
 * row. Follows the box's scrolling and size, and the page scrolling it in and out of view, and
 * re-renders the host (once a frame at most) when other rows or columns come into view.
 */
export class GridViewport implements ReactiveController {
  #scroller: HTMLElement | null = null;
  #scrolled: EventTarget[] = [];
  #heights = new Map<string, number>();
  #estimate = DEFAULT_ROW_HEIGHT;
  #head = 0;
  #runColumn = 0;
  /** Left and right edge of each column, in the table's coordinates. */
  #columns: Array<[number, number]> = [];
  #ids: string[] = [];
  #seen = '';
  #frame = 0;
  #resize = new ResizeObserver(() => this.#changed());

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.attach(null);
    cancelAnimationFrame(this.#frame);
  }

  /** Follow this scroll box (call after each render; following the same one again does nothing). */
  attach(scroller: HTMLElement | null): void {
    if (scroller === this.#scroller) return;
    // Scrolling the box, or anything around it, may bring other rows into view. A scroll event
    // does not leave its shadow root: the box and each ancestor, across shadow roots, are listened to.
    for (const target of this.#scrolled) target.removeEventListener('scroll', this.#changed);
    this.#resize.disconnect();
    this.#scroller = scroller;
    this.#scrolled = [];
    if (!scroller) return;
    for (let node: Node | null = scroller; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null)
      if (node instanceof Element || node instanceof Document) this.#scrolled.push(node);
    for (const target of this.#scrolled) target.addEventListener('scroll', this.#changed, { passive: true });
    this.#resize.observe(scroller);
  }

  /** Measure the drawn rows (`tr[data-row-id]`), the header and the columns after a render. */
  measure(table: HTMLTableElement): void {
    const top = table.getBoundingClientRect();
    this.#head = table.tHead?.getBoundingClientRect().height ?? 0;
    let widest: HTMLTableRowElement | null = null;
    for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-row-id]')) {
      this.#heights.set(row.dataset.rowId!, row.getBoundingClientRect().height);
      if (!widest || row.cells.length > widest.cells.length) widest = row;
    }
    if (this.#heights.size) {
      let sum = 0;
      for (const height of this.#heights.values()) sum += height;
      this.#estimate = sum / this.#heights.size;
    }
    if (!widest) return;
    this.#runColumn = widest.cells[0]?.getBoundingClientRect().width ?? 0;
    const columns: Array<[number, number]> = [];
    for (const cell of [...widest.cells].slice(1)) {
      const box = cell.getBoundingClientRect();
      const span = cell.colSpan || 1;
      const width = box.width / span;
      for (let i = 0; i < span; i++) {
        const left = box.left - top.left + i * width;
        columns.push([left, left + width]);
      }
    }
    this.#columns = columns;
    this.#changed();
  }

  /** The rows to draw among `ids` (one per row, stable): those on screen, a margin, and `keep` (the focused row). */
  window(ids: string[], keep: readonly number[] = []): RowWindow {
    this.#ids = ids;
    const [top, bottom] = this.#visibleY();
    const offsets = this.#offsets(ids);
    let first = 0;
    while (first < ids.length && offsets[first + 1]! <= top) first++;
    let last = first - 1;
    while (last + 1 < ids.length && offsets[last + 1]! < bottom) last++;
    const from = Math.max(0, first - MARGIN_ROWS);
    const to = Math.min(ids.length - 1, Math.max(last, first) + MARGIN_ROWS);
    const drawn = new Set<number>();
    for (let i = from; i <= to; i++) drawn.add(i);
    for (const row of keep) if (row >= 0 && row < ids.length) drawn.add(row);
    const sorted = [...drawn].sort((a, b) => a - b);
    const gaps: number[] = [];
    let end = 0;
    for (const row of sorted) {
      gaps.push(offsets[row]! - end);
      end = offsets[row + 1]!;
    }
    gaps.push(offsets[ids.length]! - end);
    return { drawn: sorted, gaps, first, last };
  }

  /** The columns on screen (beside the sticky run column); every column until they are measured. */
  columnsInView(count: number): ColumnRange {
    if (this.#columns.length !== count || !this.#scroller) return { first: 0, last: count - 1 };
    const box = this.#scroller;
    const visible = this.#visibleX();
    const left = box.scrollLeft + visible[0] + this.#runColumn;
    const right = box.scrollLeft + visible[1];
    let first = 0;
    while (first < count && this.#columns[first]![1] <= left) first++;
    let last = first - 1;
    while (last + 1 < count && this.#columns[last + 1]![0] < right) last++;
    return { first, last };
  }

  /** Scroll the box so row `index` of `ids` is on screen. */
  reveal(index: number, ids: string[]): void {
    const box = this.#scroller;
    if (!box) return;
    const offsets = this.#offsets(ids);
    const view = box.clientHeight - this.#head;
    if (offsets[index]! < box.scrollTop) box.scrollTop = offsets[index]!;
    else if (offsets[index + 1]! > box.scrollTop + view) box.scrollTop = offsets[index + 1]! - view;
  }

  /** Body offsets of each row's top, and the end of the last (`ids.length + 1` entries). */
  #offsets(ids: string[]): number[] {
    const offsets = [0];
    for (const id of ids) offsets.push(offsets.at(-1)! + (this.#heights.get(id) ?? this.#estimate));
    return offsets;
  }

  /** The part of the rows' area on screen, in body coordinates (below the sticky header). */
  #visibleY(): [number, number] {
    const box = this.#scroller;
    if (!box) return [0, innerHeight];
    const rect = box.getBoundingClientRect();
    const from = Math.max(this.#head, -rect.top);
    const to = Math.min(box.clientHeight, innerHeight - rect.top);
    return [box.scrollTop + from - this.#head, box.scrollTop + Math.max(from, to) - this.#head];
  }

  #visibleX(): [number, number] {
    const rect = this.#scroller!.getBoundingClientRect();
    const from = Math.max(0, -rect.left);
    return [from, Math.max(from, Math.min(this.#scroller!.clientWidth, innerWidth - rect.left))];
  }

  /** Scrolled or resized: re-render (once a frame) when other rows or columns are on screen. */
  #changed = (): void => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const rows = this.window(this.#ids);
      const columns = this.columnsInView(this.#columns.length);
      const seen = `${rows.first}:${rows.last}:${columns.first}:${columns.last}`;
      if (seen !== this.#seen) this.host.requestUpdate();
    });
  };

  /** Record what the last render drew for (so scrolling within it does not re-render). */
  rendered(rows: RowWindow, columns: ColumnRange): void {
    this.#seen = `${rows.first}:${rows.last}:${columns.first}:${columns.last}`;
  }
}
