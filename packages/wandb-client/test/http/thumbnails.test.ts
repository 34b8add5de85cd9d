import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { servedThumbnailWidth, thumbnailWidth, THUMBNAIL_WIDTHS, withWidth } from '../../src/http/thumbnails.js';
import { createMemorySource } from '../../src/memory/index.js';
import { contractDataset } from '../contract/run-source.contract.js';
import { serveOneImage } from './serve.js';

describe('thumbnail widths', () => {
  it('rounds the device-pixel width up to a bucket', () => {
    expect(thumbnailWidth(160, 1)).toBe(192);
    expect(thumbnailWidth(160, 2)).toBe(384);
    expect(thumbnailWidth(128, 1)).toBe(128);
    expect(thumbnailWidth(100, 1.5)).toBe(192);
    expect(thumbnailWidth(10, 1)).toBe(64);
    expect(thumbnailWidth(5000, 3)).toBe(2048);
  });

  it('adds the width to a URL, with or without a query', () => {
    expect(withWidth('/api/media/r1/a.png', 256)).toBe('/api/media/r1/a.png?w=256');
    expect(withWidth('https://s/a.png?sig=x', 256)).toBe('https://s/a.png?sig=x&w=256');
    expect(withWidth('/a.png#v2', 64)).toBe('/a.png?w=64#v2');
  });

  it('the server renders every width a client asks for exactly, and never wider than asked', () => {
    for (let css = 1; css <= 2200; css++) {
      for (const ratio of [1, 1.25, 1.5, 2, 3]) {
        const asked = thumbnailWidth(css, ratio);
        expect(servedThumbnailWidth(asked)).toBe(asked);
      }
    }
    for (let w = 16; w <= 4096; w++) {
      const served = servedThumbnailWidth(w);
      expect(served).toBeLessThanOrEqual(w);
      expect(served >= THUMBNAIL_WIDTHS[0] || served % 16 === 0).toBe(true);
    }
  });
});

describe('thumbnailUrl of the HTTP source, served by a Run Comparer server', () => {
  it('loads a WebP as wide as the bucket asked for, for any cell width', async () => {
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#3a7' } })
      .png()
      .toBuffer();
    const served = await serveOneImage(png, 600, 400);
    try {
      for (const [cssWidth, pixelRatio, expected] of [
        [100, 1, 128],
        [150, 1, 192],
        [150, 2, 384],
        [500, 1, 512],
      ] as const) {
        const url = served.source.thumbnailUrl!(served.url, cssWidth, pixelRatio);
        const response = await fetch(url);
        expect(response.headers.get('content-type')).toBe('image/webp');
        const { width } = await sharp(new Uint8Array(await response.arrayBuffer())).metadata();
        expect(width, url).toBe(expected);
      }
    } finally {
      await served.close();
    }
  });

  it('sources that cannot resize have no thumbnail URLs', () => {
    expect(createMemorySource(contractDataset()).thumbnailUrl).toBeUndefined();
  });
});
