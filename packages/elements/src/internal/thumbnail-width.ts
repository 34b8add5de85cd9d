/**
 * Thumbnail widths, in device pixels, that a Run Comparer server renders. Rounding the wanted
 * width up to one of a few buckets keeps the number of distinct URLs (and cache entries) small.
 */
export const THUMBNAIL_WIDTHS = [64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048] as const;

/** The bucket for a thumbnail shown `cssWidth` CSS pixels wide on a screen of `pixelRatio`. */
export function thumbnailWidth(cssWidth: number, pixelRatio = 1): number {
  const wanted = Math.ceil(Math.max(1, cssWidth) * Math.max(1, pixelRatio || 1));
  return THUMBNAIL_WIDTHS.find((width) => width >= wanted) ?? THUMBNAIL_WIDTHS.at(-1)!;
}

/** `url` with a `w=<px>` query parameter added (kept before any `#fragment`). */
export function withWidth(url: string, width: number): string {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}w=${width}${fragment}`;
}
