import sharp from 'sharp';
import { ApiError } from '../errors.js';

/** Images past this many pixels are refused rather than decoded (decompression bombs). */
const MAX_INPUT_PIXELS = 64_000_000;

/** A WebP no wider than `width` (never enlarged), first frame of an animation. */
export async function makeThumbnail(bytes: Uint8Array, width: number, path: string): Promise<Uint8Array> {
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: 75, effort: 4 })
      .toBuffer();
  } catch (error) {
    throw new ApiError(
      422,
      'unsupported',
      `"${path}" could not be decoded as an image (${(error as Error).message.split('\n')[0]}); open the original without ?w=.`,
    );
  }
}
