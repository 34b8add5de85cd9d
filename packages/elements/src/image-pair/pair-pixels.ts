import type { ReactiveControllerHost } from 'lit';
import { heatmap, pixelAt, pixelDeltas, readPixels, type PixelDeltas, type Pixels } from '../internal/pixel-diff.js';
import type { Size } from '../internal/zoom-pan.js';

/** Whether an image must be requested with CORS for its pixels to be readable. */
export function needsCors(url: string): boolean {
  if (!/^https?:/i.test(url)) return false;
  return new URL(url, location.href).origin !== location.origin;
}

export interface PixelReadout {
  x: number;
  y: number;
  a: number[];
  b: number[];
  delta: number;
}

type Loaded = HTMLImageElement | Error;

/**
 * The two images of a comparison, decoded, and their pixels: B drawn at A's size, the per-pixel
 * differences, the heat map at a gain, and the values under a point. Reading pixels needs
 * same-origin, `data:` or CORS-enabled images; otherwise `pixelsError` says so.
 */
export class PairPixels {
  #images = new Map<string, Loaded>();
  #sources: [string | null, string | null] = [null, null];
  #pixels: { a: Pixels; b: Pixels; deltas: PixelDeltas } | null = null;
  #heat: { gain: number; data: Uint8ClampedArray } | null = null;
  pixelsError: string | null = null;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Show these two images (null: not known yet). */
  set(a: string | null, b: string | null): void {
    if (a === this.#sources[0] && b === this.#sources[1]) return;
    this.#sources = [a, b];
    this.#pixels = null;
    this.#heat = null;
    this.pixelsError = null;
    for (const src of [a, b]) if (src) this.#load(src);
    this.#compute();
  }

  /** Try a failed image again. */
  retry(src: string): void {
    this.#images.delete(src);
    this.#sources = [null, null];
  }

  image(side: 0 | 1): Loaded | undefined {
    const src = this.#sources[side];
    return src ? this.#images.get(src) : undefined;
  }

  /** A's natural size: the frame both images are shown (and compared) in. */
  get size(): Size | null {
    const a = this.image(0);
    return a instanceof HTMLImageElement ? { width: a.naturalWidth, height: a.naturalHeight } : null;
  }

  /** B's natural size, when it differs from A's. */
  get scaledFrom(): Size | null {
    const [a, b] = [this.image(0), this.image(1)];
    if (!(a instanceof HTMLImageElement) || !(b instanceof HTMLImageElement)) return null;
    const same = a.naturalWidth === b.naturalWidth && a.naturalHeight === b.naturalHeight;
    return same ? null : { width: b.naturalWidth, height: b.naturalHeight };
  }

  get deltas(): PixelDeltas | null {
    return this.#pixels?.deltas ?? null;
  }

  /** The heat map of the differences at `gain` (RGBA, A's size), cached per gain. */
  heatmap(gain: number): Uint8ClampedArray | null {
    if (!this.#pixels) return null;
    if (this.#heat?.gain !== gain) this.#heat = { gain, data: heatmap(this.#pixels.deltas, gain) };
    return this.#heat.data;
  }

  /** The pixel values of A and B at an image point of A, or null outside. */
  readout(x: number, y: number): PixelReadout | null {
    const pixels = this.#pixels;
    const a = pixels && pixelAt(pixels.a, x, y);
    const b = pixels && pixelAt(pixels.b, x, y);
    if (!pixels || !a || !b) return null;
    const px = Math.floor(x);
    const py = Math.floor(y);
    return { x: px, y: py, a, b, delta: pixels.deltas.deltas[py * pixels.a.width + px]! };
  }

  #load(src: string): void {
    if (this.#images.has(src)) return;
    const image = new Image();
    if (needsCors(src)) image.crossOrigin = 'anonymous';
    image.src = src;
    image.decode().then(
      () => this.#settle(src, image),
      () => this.#settle(src, new Error('The image could not be loaded.')),
    );
  }

  #settle(src: string, loaded: Loaded): void {
    this.#images.set(src, loaded);
    this.#compute();
    this.host.requestUpdate();
  }

  #compute(): void {
    const [a, b] = [this.image(0), this.image(1)];
    if (this.#pixels || !(a instanceof HTMLImageElement) || !(b instanceof HTMLImageElement)) return;
    try {
      const pa = readPixels(a, a.naturalWidth, a.naturalHeight);
      const pb = readPixels(b, a.naturalWidth, a.naturalHeight);
      this.#pixels = { a: pa, b: pb, deltas: pixelDeltas(pa, pb) };
    } catch {
      this.pixelsError =
        'Pixel values are not available: the images come from another site that does not allow reading them (CORS).';
    }
  }
}
