import { mimeTypeOf } from '@run-comparer/wandb-client';
import { invalidArgument } from '../errors.js';

/**
 * Raster formats wandb logs and the server will serve or thumbnail, and the videos of `wandb.Video`.
 * SVG is refused: it can carry script.
 */
const SERVABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'video/mp4',
  'video/webm',
  'video/ogg',
]);

/** The JSON files of an image's boxes (`media/metadata/boxes2D/….boxes2D.json`), read by the viewer. */
const BOX_FILE = /\.boxes2D\.json$/;

export interface MediaPath {
  /** The run-relative path, segments joined by `/`. */
  path: string;
  mimeType: string;
}

/**
 * Check a media path given as decoded URL segments. Anything that could step outside the run's
 * files is refused before any lookup: `..`, `.`, empty segments (absolute paths), backslashes,
 * percent signs (left over from double encoding), control characters (NUL) and drive letters.
 */
export function checkMediaPath(segments: readonly string[]): MediaPath {
  if (segments.length === 0)
    throw invalidArgument('The media path is missing: /api/media/ENTITY/PROJECT/RUN_ID/media/images/...');
  if (segments.length > 32) throw invalidArgument('The media path has more than 32 segments.');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw invalidArgument('The media path must be relative to the run, without empty, "." or ".." segments.');
    }
    if (/[\\%/\u0000-\u001f\u007f]/.test(segment)) {
      throw invalidArgument(
        'The media path may not contain backslashes, "%" (double encoding), "/" inside a segment or control characters.',
      );
    }
    if (segment.length > 255) throw invalidArgument('A media path segment is longer than 255 characters.');
  }
  if (/^[A-Za-z]:/.test(segments[0]!))
    throw invalidArgument('The media path must be relative to the run, not a drive path.');
  const path = segments.join('/');
  if (path.length > 1024) throw invalidArgument('The media path is longer than 1024 characters.');
  const mimeType = mimeTypeOf(path);
  if (!SERVABLE.has(mimeType) && !BOX_FILE.test(path)) {
    throw invalidArgument(
      `Only logged images (png, jpg, gif, webp, bmp), videos (mp4, webm, ogg) and box files (.boxes2D.json) are served; "${segments.at(-1)}" is not one.`,
    );
  }
  return { path, mimeType };
}

/** wandb names media files `<key>_<step>_<sha256 prefix>.<ext>`: such content never changes. */
export function isContentAddressed(path: string): boolean {
  return /_[0-9a-f]{20,64}\.[A-Za-z0-9]+$/.test(path);
}
