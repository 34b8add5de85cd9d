import { executeServerCommand } from '@web/test-runner-commands';
import type { Rgb } from './viewer-fixtures.js';

/**
 * What the browser actually painted, read from a real screenshot of the viewport (taken by the
 * `viewport-screenshot` test-runner command, see scripts/wtr-screenshot-plugin.mjs).
 */
export interface PaintedViewport {
  /** The colour painted at viewport point (`x`, `y`) in CSS pixels. */
  colorAt(x: number, y: number): Rgb;
}

/** Photograph the viewport once the current layout has been painted. */
export async function paintedViewport(): Promise<PaintedViewport> {
  for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
  const base64 = await executeServerCommand<string, undefined>('viewport-screenshot');
  const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  const scale = bitmap.width / window.innerWidth;
  return {
    colorAt(x, y) {
      const [r, g, b] = context.getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data;
      return [r!, g!, b!];
    },
  };
}

/** Whether two colours match within `tolerance` per channel (screenshots may round or colour-manage). */
export function sameColor(a: Rgb, b: Rgb, tolerance = 12): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
}
