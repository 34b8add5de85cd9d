import { crc32, deflateSync } from 'node:zlib';

/**
 * A small PNG encoder: 8-bit RGB, one IDAT, a per-row filter chosen by the usual
 * minimum-sum-of-absolute-differences heuristic. Deterministic: the same pixels give the same
 * bytes (for a given zlib).
 */
export function encodePng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  return encode(width, height, rgb, RGB);
}

/** The same for one 8-bit grey channel (PNG colour type 0), as wandb writes segmentation masks. */
export function encodeGrayPng(width: number, height: number, grey: Uint8Array): Uint8Array {
  return encode(width, height, grey, GREY);
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const RGB = { colourType: 2, bpp: 3 };
const GREY = { colourType: 0, bpp: 1 };

function encode(width: number, height: number, pixels: Uint8Array, format: typeof RGB): Uint8Array {
  if (pixels.length !== width * height * format.bpp)
    throw new RangeError(`expected ${width * height * format.bpp} bytes, got ${pixels.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, format.colourType, 0, 0, 0], 8); // bit depth 8, colour type, deflate, adaptive filters, no interlace
  return concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filterRows(width, height, pixels, format.bpp), { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function filterRows(width: number, height: number, rgb: Uint8Array, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * (stride + 1));
  const candidate = new Uint8Array(stride);
  const best = new Uint8Array(stride);
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = rgb.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rgb.subarray((y - 1) * stride, y * stride) : zero;
    let bestType = 0;
    let bestScore = Infinity;
    for (let type = 0; type < 5; type++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= bpp ? row[i - bpp]! : 0;
        const b = up[i]!;
        const c = i >= bpp ? up[i - bpp]! : 0;
        const predicted = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const value = (row[i]! - predicted) & 0xff;
        candidate[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        bestType = type;
        best.set(candidate);
      }
    }
    out[y * (stride + 1)] = bestType;
    out.set(best, y * (stride + 1) + 1);
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
