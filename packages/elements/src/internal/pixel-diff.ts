/**
 * Per-pixel difference of two equally sized RGBA images and its heat-map colouring. Pure
 * functions over `Uint8ClampedArray`s, so they run (and are tested) without a canvas.
 */

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row, 4 bytes a pixel (what `ImageData.data` holds). */
  data: Uint8ClampedArray;
}

export interface PixelDeltas {
  width: number;
  height: number;
  /** Per pixel, the largest absolute difference over R, G, B and A (0–255). */
  deltas: Uint8Array;
  /** The largest delta anywhere. */
  max: number;
  /** The mean delta over all pixels. */
  mean: number;
  /** The share of pixels that differ at all (0–1). */
  changed: number;
}

/** |A − B| per pixel. Throws when the sizes differ: scale B to A first. */
export function pixelDeltas(a: Pixels, b: Pixels): PixelDeltas {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(
      `Images differ in size (${a.width}×${a.height} and ${b.width}×${b.height}); scale B to A first.`,
    );
  }
  const count = a.width * a.height;
  const deltas = new Uint8Array(count);
  let max = 0;
  let sum = 0;
  let changed = 0;
  for (let p = 0, i = 0; p < count; p++, i += 4) {
    const delta = Math.max(
      Math.abs(a.data[i]! - b.data[i]!),
      Math.abs(a.data[i + 1]! - b.data[i + 1]!),
      Math.abs(a.data[i + 2]! - b.data[i + 2]!),
      Math.abs(a.data[i + 3]! - b.data[i + 3]!),
    );
    deltas[p] = delta;
    sum += delta;
    if (delta > max) max = delta;
    if (delta) changed++;
  }
  return {
    width: a.width,
    height: a.height,
    deltas,
    max,
    mean: count ? sum / count : 0,
    changed: count ? changed / count : 0,
  };
}

/** Colour stops of the heat scale (black → purple → red → orange → pale yellow), 0–1. */
const STOPS: ReadonlyArray<readonly [number, number, number, number]> = [
  [0, 0, 0, 0],
  [0.25, 87, 16, 110],
  [0.5, 188, 55, 84],
  [0.75, 249, 142, 9],
  [1, 252, 255, 164],
];

let palette: Uint8ClampedArray | undefined;

/** The heat colour for a level 0–255, as [r, g, b]. Monotonic in brightness. */
export function heatColor(level: number): [number, number, number] {
  palette ??= buildPalette();
  const i = Math.max(0, Math.min(255, Math.round(level))) * 3;
  return [palette[i]!, palette[i + 1]!, palette[i + 2]!];
}

function buildPalette(): Uint8ClampedArray {
  const out = new Uint8ClampedArray(256 * 3);
  for (let level = 0; level < 256; level++) {
    const t = level / 255;
    const upper = STOPS.findIndex(([at]) => at >= t);
    const [t1, ...c1] = STOPS[Math.max(1, upper)]!;
    const [t0, ...c0] = STOPS[Math.max(0, upper - 1)]!;
    const f = t1 === t0 ? 0 : (t - t0) / (t1 - t0);
    for (let c = 0; c < 3; c++) out[level * 3 + c] = Math.round(c0[c]! + (c1[c]! - c0[c]!) * f);
  }
  return out;
}

/** The heat level a delta shows at: `delta × gain`, capped at 255. */
export function heatLevel(delta: number, gain: number): number {
  return Math.min(255, Math.round(delta * gain));
}

/** Colour the deltas: each pixel gets `heatColor(delta × gain)`, opaque. */
export function heatmap(deltas: PixelDeltas, gain: number, out?: Uint8ClampedArray): Uint8ClampedArray {
  const data = out ?? new Uint8ClampedArray(deltas.deltas.length * 4);
  for (let p = 0, i = 0; p < deltas.deltas.length; p++, i += 4) {
    const [r, g, b] = heatColor(heatLevel(deltas.deltas[p]!, gain));
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    data[i + 3] = 255;
  }
  return data;
}

/** The RGBA of one pixel, or null outside the image. */
export function pixelAt(pixels: Pixels, x: number, y: number): [number, number, number, number] | null {
  const px = Math.floor(x);
  const py = Math.floor(y);
  if (px < 0 || py < 0 || px >= pixels.width || py >= pixels.height) return null;
  const i = (py * pixels.width + px) * 4;
  const d = pixels.data;
  return [d[i]!, d[i + 1]!, d[i + 2]!, d[i + 3]!];
}

/**
 * Draw an image at `width × height` and read its pixels. Throws a SecurityError when the image
 * came from another origin without CORS (the canvas is then "tainted").
 */
export function readPixels(image: CanvasImageSource, width: number, height: number): Pixels {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(image, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}
