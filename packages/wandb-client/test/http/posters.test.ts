import { describe, expect, it } from 'vitest';
import { hasThumbnail } from '../../src/http/thumbnails.js';
import { imageSetFromValue } from '../../src/images.js';

const refOf = (value: Record<string, unknown>) => imageSetFromValue('clip', 0, value)!.images[0]!;

describe('hasThumbnail: which media a server thumbnail shows as a still', () => {
  it('images, and GIF videos (their first frame)', () => {
    expect(hasThumbnail(refOf({ _type: 'image-file', path: 'media/images/a.png', format: 'png' }))).toBe(true);
    expect(hasThumbnail(refOf({ _type: 'video-file', path: 'media/videos/clip_0_ab.gif' }))).toBe(true);
    expect(hasThumbnail(refOf({ _type: 'video-file', path: 'media/videos/clip_0_ab.GIF' }))).toBe(true);
  });

  it('not mp4, webm or ogg videos: the browser shows their first frame', () => {
    for (const format of ['mp4', 'webm', 'ogg'])
      expect(hasThumbnail(refOf({ _type: 'video-file', path: `media/videos/clip_0_ab.${format}` })), format).toBe(
        false,
      );
  });
});
