import type { ImageRef } from '@run-comparer/wandb-client';
import type { GridCell, GridModel } from '../image-compare/grid-model.js';

/** Where everything of the grid goes in the downloaded picture, in pixels: pure, so it can be tested. */

export interface PictureText {
  text: string;
  x: number;
  /** The baseline. */
  y: number;
  /** Font size in pixels. */
  size: number;
  bold?: boolean;
  muted?: boolean;
  maxWidth: number;
  align?: 'left' | 'center';
}

export interface PictureImage {
  /** Index into the grid's rows, and the cell's first column. */
  row: number;
  column: number;
  image: ImageRef;
  /** Where the image goes, fitted into its cell, aspect kept. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GridPicture {
  width: number;
  height: number;
  texts: PictureText[];
  images: PictureImage[];
  /** Run colour marks. */
  swatches: Array<{ x: number; y: number; size: number; color: string }>;
}

export const PICTURE = { pad: 16, name: 180, gap: 8, title: 24, head: 26, label: 22, caption: 18 } as const;

/** The text of a cell without an image, as the grid says it. */
function cellText(cell: Exclude<GridCell, { kind: 'image' }>, step: number): string {
  if (cell.kind === 'missing') return `No image at or before step ${step}`;
  if (cell.kind === 'unsupported') return cell.message;
  if (cell.kind === 'blank') return 'Not in this list';
  return cell.kind === 'error' ? 'Could not load' : 'Loading…';
}

/**
 * The picture of `grid` with cells `size` px square: `title` and the step on top, a header row per key
 * (and a row of column labels where the grid has one), then a row per run: its colour mark and name,
 * each image fitted into its cell with its caption under it when lists line up by position.
 */
export function layoutGridPicture(
  grid: GridModel,
  size: number,
  title: string,
  captions: boolean,
  sizeOf: (image: ImageRef) => { width: number; height: number } | undefined,
): GridPicture {
  const { pad, name, gap } = PICTURE;
  const columns = grid.groups.reduce((n, g) => n + g.columns.length, 0);
  const labelled = grid.groups.some((g) => g.labelled);
  const rowHeight = size + (captions ? PICTURE.caption : 0) + gap;
  const top = pad + PICTURE.title + PICTURE.head + (labelled ? PICTURE.label : 0);
  const columnX = (column: number) => pad + name + column * (size + gap);
  const picture: GridPicture = {
    width: columnX(columns) - gap + pad,
    height: top + grid.rows.length * rowHeight - gap + pad,
    texts: [{ text: `${title} · step ${grid.step}`, x: pad, y: pad + 16, size: 16, bold: true, maxWidth: 10_000 }],
    images: [],
    swatches: [],
  };
  const text = (t: Omit<PictureText, 'maxWidth'>, maxWidth: number) => picture.texts.push({ ...t, maxWidth });
  let column = 0;
  const headY = pad + PICTURE.title + 18;
  for (const group of grid.groups) {
    const width = group.columns.length * (size + gap) - gap;
    text({ text: group.key, x: columnX(column) + width / 2, y: headY, size: 14, bold: true, align: 'center' }, width);
    if (group.labelled)
      group.columns.forEach((c, i) =>
        text({ text: c.label, x: columnX(column + i), y: headY + PICTURE.label, size: 12, muted: true }, size),
      );
    column += group.columns.length;
  }
  grid.rows.forEach((row, r) => {
    const y = top + r * rowHeight;
    picture.swatches.push({ x: pad, y: y + 4, size: 12, color: row.run.color });
    text({ text: row.run.name, x: pad + 18, y: y + 15, size: 14 }, name - 18 - gap);
    for (const { cell, span, column } of row.cells) {
      const x = columnX(column);
      if (cell.kind !== 'image') {
        text({ text: cellText(cell, grid.step), x, y: y + size / 2, size: 12, muted: true }, span * (size + gap) - gap);
        continue;
      }
      const natural = sizeOf(cell.image) ?? { width: size, height: size };
      const scale = Math.min(size / natural.width, size / natural.height);
      const width = Math.round(natural.width * scale);
      const height = Math.round(natural.height * scale);
      picture.images.push({
        row: r,
        column,
        image: cell.image,
        x: x + Math.floor((size - width) / 2),
        y: y + Math.floor((size - height) / 2),
        width,
        height,
      });
      if (captions && cell.image.caption)
        text({ text: cell.image.caption, x, y: y + size + 14, size: 12, muted: true }, size);
      if (cell.step !== grid.step)
        text({ text: `step ${cell.step}`, x: x + 4, y: y + 16, size: 12, muted: true }, size - 8);
    }
  });
  return picture;
}
