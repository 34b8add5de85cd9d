import type { ReactiveControllerHost } from 'lit';

/** A focusable cell of the grid: its row and (first) column. */
export interface GridPosition {
  row: number;
  column: number;
}

/**
 * Where arrow-key navigation goes from `from` among the focusable cells `cells` (APG grid
 * pattern): ←/→ within the row, ↑/↓ to the nearest cell in the row above/below, Home/End to the
 * row's ends, Ctrl+Home/End to the first/last cell. Returns the index in `cells`, or -1.
 */
export function moveInGrid(cells: readonly GridPosition[], from: GridPosition, key: string, ctrl = false): number {
  const index = (pick: (c: GridPosition) => boolean, order: (a: GridPosition, b: GridPosition) => number) => {
    let best = -1;
    cells.forEach((cell, i) => {
      if (pick(cell) && (best < 0 || order(cell, cells[best]!) < 0)) best = i;
    });
    return best;
  };
  const reading = (a: GridPosition, b: GridPosition) => a.row - b.row || a.column - b.column;
  const distance = (row: number) => (a: GridPosition, b: GridPosition) =>
    Math.abs(a.row - row) - Math.abs(b.row - row) ||
    Math.abs(a.column - from.column) - Math.abs(b.column - from.column);
  switch (key) {
    case 'ArrowRight':
      return index(
        (c) => c.row === from.row && c.column > from.column,
        (a, b) => a.column - b.column,
      );
    case 'ArrowLeft':
      return index(
        (c) => c.row === from.row && c.column < from.column,
        (a, b) => b.column - a.column,
      );
    case 'ArrowDown':
      return index((c) => c.row > from.row, distance(from.row));
    case 'ArrowUp':
      return index((c) => c.row < from.row, distance(from.row));
    case 'Home':
      return index((c) => ctrl || c.row === from.row, reading);
    case 'End':
      return index(
        (c) => ctrl || c.row === from.row,
        (a, b) => -reading(a, b),
      );
    default:
      return -1;
  }
}

/**
 * The grid's roving focus: one tab stop (the thumbnail focused last while it is still shown,
 * else the first), arrow keys and Home/End moving focus among the thumbnails (`moveInGrid`), and
 * Shift+Enter as a Shift+click. Moves go over every focusable cell of the grid (`cells`), drawn
 * or not: a cell in a row not drawn (the grid draws the rows on screen) is scrolled in
 * (`reveal`), drawn, then focused. Thumbnails are `.thumb` buttons with `data-row` and
 * `data-column`; the listeners go on the element around them.
 */
export class GridFocus {
  #tabStop = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { cells: () => readonly GridPosition[]; reveal: (row: number) => void },
  ) {}

  /** Which of the focusable cells (`row:column`) is the tab stop. */
  tabStop(focusable: readonly string[]): string {
    return focusable.includes(this.#tabStop) ? this.#tabStop : (focusable[0] ?? '');
  }

  handleFocusin = (event: FocusEvent): void => {
    const thumb = (event.target as HTMLElement).closest<HTMLElement>('.thumb');
    if (thumb && this.#tabStop !== `${thumb.dataset.row}:${thumb.dataset.column}`) {
      this.#tabStop = `${thumb.dataset.row}:${thumb.dataset.column}`;
      this.host.requestUpdate();
    }
  };

  handleKeydown = async (event: KeyboardEvent): Promise<void> => {
    const thumb = (event.target as HTMLElement).closest<HTMLButtonElement>('.thumb');
    if (!thumb) return;
    if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      thumb.dispatchEvent(new MouseEvent('click', { shiftKey: true }));
      return;
    }
    const cells = this.options.cells();
    const from = { row: Number(thumb.dataset.row), column: Number(thumb.dataset.column) };
    const next = cells[moveInGrid(cells, from, event.key, event.ctrlKey || event.metaKey)];
    if (!next) return;
    event.preventDefault();
    const grid = event.currentTarget as HTMLElement;
    const find = () =>
      grid.querySelector<HTMLButtonElement>(`.thumb[data-row="${next.row}"][data-column="${next.column}"]`);
    this.#tabStop = `${next.row}:${next.column}`;
    this.host.requestUpdate();
    let target = find();
    if (!target) {
      this.options.reveal(next.row);
      await this.host.updateComplete;
      target = find();
    }
    target?.focus();
  };
}
