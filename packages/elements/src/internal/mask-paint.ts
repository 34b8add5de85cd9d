import { canvasOf, decodedImage } from './decoded-image.js';

/** Ten distinct colours (Tableau 10), one per class id modulo ten: a class looks the same as box and as mask. */
const PALETTE: readonly (readonly [number, number, number])[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/** How opaque a painted mask is (0–255): the image stays visible under it. */
export const MASK_ALPHA = 115;

export function classRgb(id: number): readonly [number, number, number] {
  return PALETTE[((id % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}

export function classColor(id: number): string {
  return `rgb(${classRgb(id).join(' ')})`;
}

/**
 * Recolour a class-id mask (RGBA, the id in the red channel, as wandb writes one-channel PNGs):
 * each shown class in its colour at `MASK_ALPHA`, the rest transparent. Returns the ids present.
 */
export function colourMask(data: Uint8ClampedArray, shown: (id: number) => boolean): number[] {
  const ids = new Set<number>();
  const visible = new Map<number, boolean>();
  for (let i = 0; i < data.length; i += 4) {
    const id = data[i]!;
    ids.add(id);
    let show = visible.get(id);
    if (show === undefined) visible.set(id, (show = shown(id)));
    const [r, g, b] = classRgb(id);
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    data[i + 3] = show ? MASK_ALPHA : 0;
  }
  return [...ids].sort((a, b) => a - b);
}

/** Load a mask image and paint it (see `colourMask`) into a PNG `data:` URL. */
export async function paintMask(url: string, shown: (id: number) => boolean): Promise<{ url: string; ids: number[] }> {
  const image = await decodedImage(url);
  const { canvas, context } = canvasOf(image.naturalWidth, image.naturalHeight, { willReadFrequently: true });
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const ids = colourMask(pixels.data, shown);
  context.putImageData(pixels, 0, 0);
  return { url: canvas.toDataURL('image/png'), ids };
}
