/**
 * A float RGB canvas with anti-aliased shapes from signed distance functions, blur and noise.
 * Drawing happens in scene units; `scale` pixels make one unit, so one scene renders the same
 * picture at any size (a 128-unit scene at scale 4 is a 512 px image).
 */

export type RGB = readonly [number, number, number];
/** Signed distance to a shape's edge in pixels: negative inside. */
export type Sdf = (x: number, y: number) => number;

export class Canvas {
  readonly data: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly scale = 1,
  ) {
    this.data = new Float32Array(width * height * 3);
  }

  /** Paint every pixel from `color(x, y)` (pixel centres, in scene units). */
  fill(color: (x: number, y: number) => RGB): this {
    const k = this.scale;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) this.set(x, y, color((x + 0.5) / k, (y + 0.5) / k), 1);
    }
    return this;
  }

  /**
   * Blend a shape over the canvas with an anti-aliased edge one pixel wide; `color` may vary
   * over the shape. The shape's distances are in scene units.
   */
  shape(sdf: Sdf, color: RGB | ((x: number, y: number) => RGB), alpha = 1): this {
    if (alpha <= 0) return this;
    const k = this.scale;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const [sx, sy] = [(x + 0.5) / k, (y + 0.5) / k];
        const coverage = clamp(0.5 - sdf(sx, sy) * k, 0, 1) * alpha;
        if (coverage > 0) this.set(x, y, typeof color === 'function' ? color(sx, sy) : color, coverage);
      }
    }
    return this;
  }

  private set(x: number, y: number, [r, g, b]: RGB, amount: number): void {
    const i = (y * this.width + x) * 3;
    const d = this.data;
    d[i] = d[i]! + (r - d[i]!) * amount;
    d[i + 1] = d[i + 1]! + (g - d[i + 1]!) * amount;
    d[i + 2] = d[i + 2]! + (b - d[i + 2]!) * amount;
  }

  /** Box blur of `radius` scene units, three passes (close to a Gaussian). */
  blur(radius: number): this {
    const r = Math.round(radius * this.scale);
    if (r < 1) return this;
    for (let pass = 0; pass < 3; pass++) {
      this.blurAxis(r, true);
      this.blurAxis(r, false);
    }
    return this;
  }

  /** One box-blur pass along rows or columns, with a running sum and clamped edges. */
  private blurAxis(r: number, horizontal: boolean): void {
    const { width, height, data } = this;
    const lines = horizontal ? height : width;
    const length = horizontal ? width : height;
    const step = (horizontal ? 1 : width) * 3;
    const line = new Float32Array(length);
    for (let l = 0; l < lines; l++) {
      const first = (horizontal ? l * width : l) * 3;
      for (let c = 0; c < 3; c++) {
        for (let k = 0; k < length; k++) line[k] = data[first + k * step + c]!;
        let sum = 0;
        for (let j = -r; j <= r; j++) sum += line[clamp(j, 0, length - 1)]!;
        for (let k = 0; k < length; k++) {
          data[first + k * step + c] = sum / (2 * r + 1);
          sum += line[Math.min(k + r + 1, length - 1)]! - line[Math.max(k - r, 0)]!;
        }
      }
    }
  }

  /** Apply `fn` to every pixel's colour; `x`, `y` are the pixel's corner in scene units. */
  map(fn: (color: RGB, x: number, y: number) => RGB): this {
    const d = this.data;
    const k = this.scale;
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const i = (y * this.width + x) * 3;
        const [r, g, b] = fn([d[i]!, d[i + 1]!, d[i + 2]!], x / k, y / k);
        d[i] = r;
        d[i + 1] = g;
        d[i + 2] = b;
      }
    }
    return this;
  }

  /** 8-bit RGB, each channel rounded to `levels` steps (fewer levels compress better). */
  toRgb8(levels = 256): Uint8Array {
    const out = new Uint8Array(this.data.length);
    const step = 255 / (levels - 1);
    for (let i = 0; i < out.length; i++)
      out[i] = Math.round(Math.round(clamp(this.data[i]!, 0, 1) * (levels - 1)) * step);
    return out;
  }
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function smoothstep(edge0: number, edge1: number, v: number): number {
  const t = clamp((v - edge0) / (edge1 - edge0), 0, 1);
  return t * t * (3 - 2 * t);
}

export const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

export const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Sdf =>
  (x, y) => {
    const k = Math.hypot((x - cx) / rx, (y - cy) / ry);
    return (k - 1) * Math.min(rx, ry);
  };

export const box =
  (x0: number, y0: number, x1: number, y1: number, round = 0): Sdf =>
  (x, y) => {
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const dx = Math.abs(x - cx) - (x1 - x0) / 2 + round;
    const dy = Math.abs(y - cy) - (y1 - y0) / 2 + round;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - round;
  };

/** A convex polygon (points in either winding). */
export const polygon = (points: readonly (readonly [number, number])[]): Sdf => {
  const n = points.length;
  let area = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = points[i]!;
    const [bx, by] = points[(i + 1) % n]!;
    area += ax * by - bx * ay;
  }
  const sign = area > 0 ? 1 : -1;
  return (x, y) => {
    let d = -Infinity;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[(i + 1) % n]!;
      const ex = bx - ax;
      const ey = by - ay;
      const len = Math.hypot(ex, ey) || 1;
      d = Math.max(d, (sign * ((x - ax) * ey - (y - ay) * ex)) / len);
    }
    return d;
  };
};

/** A seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Smooth value noise in [-1, 1] on a grid of `cell` pixels, seeded. */
export function valueNoise(
  seed: number,
  width: number,
  height: number,
  cell: number,
): (x: number, y: number) => number {
  const cols = Math.ceil(width / cell) + 2;
  const rows = Math.ceil(height / cell) + 2;
  const next = random(seed);
  const grid = Float32Array.from({ length: cols * rows }, () => next() * 2 - 1);
  return (x, y) => {
    const gx = x / cell;
    const gy = y / cell;
    const x0 = Math.floor(gx);
    const y0 = Math.floor(gy);
    const tx = smoothstep(0, 1, gx - x0);
    const ty = smoothstep(0, 1, gy - y0);
    const i = y0 * cols + x0;
    const top = grid[i]! + (grid[i + 1]! - grid[i]!) * tx;
    const bottom = grid[i + cols]! + (grid[i + cols + 1]! - grid[i + cols]!) * tx;
    return top + (bottom - top) * ty;
  };
}
