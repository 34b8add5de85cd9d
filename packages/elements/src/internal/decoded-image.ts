import { needsCors } from '../image-pair/pair-pixels.js';

/** An image loaded and decoded, requested with CORS when it is on another origin (so its pixels can be read). */
export async function decodedImage(src: string): Promise<HTMLImageElement> {
  const image = new Image();
  if (needsCors(src)) image.crossOrigin = 'anonymous';
  image.src = src;
  await image.decode();
  return image;
}

/** A canvas of this size and its 2D context. */
export function canvasOf(width: number, height: number, settings?: CanvasRenderingContext2DSettings) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return { canvas, context: canvas.getContext('2d', settings)! };
}
