import type { ImageRef } from '../types.js';
import { extensionOf, isRecord, normalizePath, num, str } from './value-fields.js';

/**
 * One `video-file` value as a ref: wandb writes no `format` (the file's extension is gif, mp4, webm
 * or ogg), and `width`/`height` only for videos it encoded from arrays. Null without a `path`.
 */
export function videoRef(value: unknown, index: number, caption?: string | null): ImageRef | null {
  if (!isRecord(value)) return null;
  const path = str(value.path);
  if (!path) return null;
  return {
    path: normalizePath(path),
    caption: caption ?? str(value.caption),
    width: num(value.width),
    height: num(value.height),
    format: str(value.format) ?? extensionOf(path),
    index,
    sha256: str(value.sha256),
    kind: 'video',
  };
}

/**
 * A `videos` list: `{ count, videos: [video-file…], captions: [...] | false }`. `captions` is the
 * literal `false` when the first video has none; each entry may carry its own `caption` too.
 */
export function videoListRefs(value: Record<string, unknown>): { refs: ImageRef[]; withoutPath: unknown[] } {
  const videos = Array.isArray(value.videos) ? value.videos : [];
  const captions = Array.isArray(value.captions) ? value.captions : [];
  const refs: ImageRef[] = [];
  const withoutPath: unknown[] = [];
  videos.forEach((video, i) => {
    const ref = videoRef(video, i, str(captions[i]));
    if (ref) refs.push(ref);
    else withoutPath.push(video);
  });
  return { refs, withoutPath };
}
