/**
 * The thumbnail protocol of a Run Comparer server: a media URL with `?w=WIDTH` answers a WebP no
 * wider than WIDTH device pixels. Clients ask for one of a few widths, rounded up, so a thumbnail is
 * never blurrier than its cell and the server's caches hold few sizes; the server renders exactly
 * those widths.
 */
export const THUMBNAIL_WIDTHS = [64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048] as const;

/** The width to ask for to show an image `cssWidth` CSS pixels wide on a screen of `pixelRatio`. */
export function thumbnailWidth(cssWidth: number, pixelRatio = 1): number {
  const wanted = Math.ceil(Math.max(1, cssWidth) * Math.max(1, pixelRatio || 1));
  return THUMBNAIL_WIDTHS.find((width) => width >= wanted) ?? THUMBNAIL_WIDTHS.at(-1)!;
}

/** The URL of a thumbnail of `url` (a media URL of the server) to show `cssWidth` CSS pixels wide. */
export function thumbnailUrl(url: string, cssWidth: number, pixelRatio = 1): string {
  return withWidth(url, thumbnailWidth(cssWidth, pixelRatio));
}

/**
 * The width a server renders for `?w=requested`: the widest of {@link THUMBNAIL_WIDTHS} not wider
 * than asked (so each width clients ask for is rendered as it is), and below the narrowest, the
 * request rounded down to a multiple of 16.
 */
export function servedThumbnailWidth(requested: number): number {
  const fitting = THUMBNAIL_WIDTHS.filter((width) => width <= requested);
  return fitting.at(-1) ?? Math.max(16, Math.floor(requested / 16) * 16);
}

/** `url` with a `w=<px>` query parameter added (kept before any `#fragment`). */
export function withWidth(url: string, width: number): string {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}w=${width}${fragment}`;
}

/**
 * Whether a thumbnail (`?w=`) shows this media as a still: an image, or a GIF video, whose
 * thumbnail is its first frame (a poster for a grid cell). An mp4, webm or ogg video has none: a
 * browser plays it, and its own poster is its first frame (`<video preload="metadata">`).
 */
export function hasThumbnail(media: { kind: 'image' | 'video'; format: string | null; path: string }): boolean {
  if (media.kind === 'image') return true;
  const format = (media.format ?? media.path.split('.').pop() ?? '').toLowerCase();
  return format === 'gif';
}
