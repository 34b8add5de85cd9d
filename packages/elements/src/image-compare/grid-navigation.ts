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
