/** The grid as one PNG, drawn in the browser from the images it shows: loaded on first use (see grid-download-control.ts). */
import type { ImageRef } from '@run-comparer/wandb-client';
import type { ViewerData } from '../data/viewer-data.js';
import type { GridView } from '../image-compare/grid-model.js';
import { layoutGridPicture, type GridPicture } from './grid-picture.js';

/** What the grid shows (its model, from the data it was built from), and how to title and name the picture. */
export interface GridPictureInput {
  data: ViewerData;
  view: GridView;
  /** Whether captions go under the images (lists line up by position). */
  captions: boolean;
  /** The project, e.g. `acme/diffusion`; the file is named after `name`. */
  title: string;
  name: string;
  /** Cell size in CSS pixels (the thumbnail size). */
  size: number;
}

/** Decode the image at `url`; a failure names the file. */
async function decode(url: string, path: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch {
    throw new Error(`Could not load ${path} for the picture.`);
  }
  return image;
}

/** The grid at the selection's step as a PNG, and its layout. Throws with what went wrong. */
export async function gridPicture(
  input: GridPictureInput,
): Promise<{ blob: Blob; picture: GridPicture; step: number }> {
  const { data, view } = input;
  if (view.kind !== 'grid') throw new Error(`Nothing to download: ${view.title}.`);
  const { grid } = view;
  const loaded = new Map<string, HTMLImageElement>();
  await Promise.all(
    grid.rows.flatMap((row) =>
      row.cells.flatMap(({ cell }) => {
        if (cell.kind !== 'image' || cell.image.kind === 'video') return [];
        const url = data.urlOf(row.run.ref, cell.image.path);
        if (!url) return [];
        return decode(url, cell.image.path).then((image) => void loaded.set(cell.image.path, image));
      }),
    ),
  );
  const sizeOf = (image: ImageRef) => {
    const element = loaded.get(image.path);
    return image.crop ?? (element && { width: element.naturalWidth, height: element.naturalHeight });
  };
  const picture = layoutGridPicture(grid, input.size, input.title, input.captions, sizeOf);
  return { blob: await draw(picture, loaded), picture, step: grid.step };
}

async function draw(picture: GridPicture, loaded: Map<string, HTMLImageElement>): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = picture.width;
  canvas.height = picture.height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, picture.width, picture.height);
  for (const { x, y, size, color } of picture.swatches) {
    context.fillStyle = color;
    context.fillRect(x, y, size, size);
  }
  context.textBaseline = 'alphabetic';
  for (const t of picture.texts) {
    context.font = `${t.bold ? '600 ' : ''}${t.size}px system-ui, sans-serif`;
    context.fillStyle = t.muted ? '#555' : '#111';
    context.textAlign = t.align ?? 'left';
    context.fillText(t.text, t.x, t.y, t.maxWidth);
  }
  for (const { image, x, y, width, height } of picture.images) {
    const element = loaded.get(image.path);
    if (!element) continue;
    const crop = image.crop ?? { x: 0, y: 0, width: element.naturalWidth, height: element.naturalHeight };
    context.drawImage(element, crop.x, crop.y, crop.width, crop.height, x, y, width, height);
  }
  return new Promise((resolve, reject) => {
    try {
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))));
    } catch {
      // A tainted canvas: an image from another origin without CORS headers.
      reject(new Error('The images come from another origin that does not allow reading them (CORS).'));
    }
  });
}

/** Save the grid as `<project>-step-<step>.png` through a download link in `root`. */
export async function saveGridPicture(input: GridPictureInput, root: ShadowRoot): Promise<void> {
  const { blob, step } = await gridPicture(input);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${input.name}-step-${step}.png`;
  link.hidden = true;
  root.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
