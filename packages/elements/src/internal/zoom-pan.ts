/**
 * Zoom and pan as pure math. A view maps image pixels to box (viewport) pixels:
 * `box = offset + scale × image`. Every function returns a new view, clamped so the image never
 * drifts out of sight: smaller than the box it is centred, larger it always covers the box.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface View {
  scale: number;
  x: number;
  y: number;
}

/** The most a view magnifies: one image pixel as a 32 × 32 block. */
export const MAX_SCALE = 32;

/** The scale at which the whole image fits the box (never 0, even for empty sizes). */
export function fitScale(content: Size, box: Size): number {
  if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0) return 1;
  return Math.min(box.width / content.width, box.height / content.height);
}

/** The smallest scale allowed: the fit, or 1:1 for an image smaller than the box. */
export function minScale(content: Size, box: Size): number {
  return Math.min(1, fitScale(content, box));
}

/** The whole image, as large as fits, centred. */
export function fitView(content: Size, box: Size): View {
  return clampView({ scale: fitScale(content, box), x: 0, y: 0 }, content, box);
}

/** Keep the scale within limits and the image in sight (see the module comment). */
export function clampView(view: View, content: Size, box: Size): View {
  const scale = Math.min(MAX_SCALE, Math.max(minScale(content, box), view.scale));
  return {
    scale,
    x: clampAxis(view.x, content.width * scale, box.width),
    y: clampAxis(view.y, content.height * scale, box.height),
  };
}

function clampAxis(offset: number, length: number, space: number): number {
  if (length <= space) return (space - length) / 2;
  return Math.min(0, Math.max(space - length, offset));
}

/** Scale to `scale`, keeping the image point under `anchor` (a box point) where it is. */
export function zoomTo(view: View, scale: number, anchor: Point, content: Size, box: Size): View {
  const target = Math.min(MAX_SCALE, Math.max(minScale(content, box), scale));
  const ratio = target / view.scale;
  return clampView(
    { scale: target, x: anchor.x - (anchor.x - view.x) * ratio, y: anchor.y - (anchor.y - view.y) * ratio },
    content,
    box,
  );
}

/** Multiply the scale by `factor` around `anchor` (default: the box centre). */
export function zoomBy(view: View, factor: number, content: Size, box: Size, anchor?: Point): View {
  return zoomTo(view, view.scale * factor, anchor ?? { x: box.width / 2, y: box.height / 2 }, content, box);
}

/** Move the image by (dx, dy) box pixels. */
export function panBy(view: View, dx: number, dy: number, content: Size, box: Size): View {
  return clampView({ scale: view.scale, x: view.x + dx, y: view.y + dy }, content, box);
}

/** The image pixel under a box point (fractional; floor it to index pixels). */
export function toImagePoint(view: View, point: Point): Point {
  return { x: (point.x - view.x) / view.scale, y: (point.y - view.y) / view.scale };
}

/** Per axis, whether the image is larger than the box there, so there is somewhere to pan to. */
export function overflow(view: View, content: Size, box: Size): { x: boolean; y: boolean } {
  return { x: content.width * view.scale > box.width + 0.5, y: content.height * view.scale > box.height + 0.5 };
}

/** A wheel event's zoom factor: one notch (100 px) zooms by about 1.2×, trackpads smoothly. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-pixels * 0.0018);
}
