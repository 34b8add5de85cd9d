import sharp from 'sharp';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@run-comparer/wandb-client';
import { testApp, type TestApp } from './fixtures/app.js';

const media = '/api/media/demo-team/img-gen/run0';
const GIF = 'media/videos/denoise_0_a1b2.gif';
const WEBM = 'media/videos/clip_0_c3d4.webm';
const RED = { r: 220, g: 40, b: 40 };
const BLUE = { r: 40, g: 60, b: 220 };

let t: TestApp;

/** A two-frame animated GIF (red, then blue), 80×60, as `wandb.Video` writes one. */
async function twoFrameGif(): Promise<Uint8Array> {
  const frame = (background: typeof RED) =>
    sharp({ create: { width: 80, height: 60, channels: 3, background } })
      .png()
      .toBuffer();
  return sharp([await frame(RED), await frame(BLUE)], { join: { animated: true } })
    .gif({ delay: [200, 200] })
    .toBuffer();
}

beforeAll(async () => {
  const dataset: Dataset = {
    entity: 'demo-team',
    project: 'img-gen',
    runs: [
      {
        id: 'run0',
        displayName: 'video-run',
        state: 'finished',
        createdAt: '2026-11-01T00:00:00.000Z',
        history: [
          {
            _step: 0,
            denoise: { _type: 'video-file', path: GIF, sha256: 'a1b2', size: 1 },
            clip: { _type: 'video-file', path: WEBM, sha256: 'c3d4', size: 1 },
          },
        ],
        files: { [GIF]: await twoFrameGif(), [WEBM]: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]) },
      },
    ],
  };
  t = testApp(dataset);
});

describe('video posters', () => {
  it('a GIF video has a still poster through the thumbnail protocol: its first frame, as one WebP frame', async () => {
    const original = await request(t.app).get(`${media}/${GIF}`).buffer(true).expect(200);
    expect(original.headers['content-type']).toBe('image/gif');
    expect((await sharp(original.body as Buffer, { pages: -1 }).metadata()).pages).toBe(2);

    const res = await request(t.app).get(`${media}/${GIF}?w=64`).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('image/webp');
    const poster = sharp(res.body as Buffer, { pages: -1 });
    const meta = await poster.metadata();
    expect(meta.pages ?? 1, 'a still, not an animation').toBe(1);
    expect(meta.width).toBe(64);
    const { data } = await poster.raw().toBuffer({ resolveWithObject: true });
    const centre = (24 * 64 + 32) * (meta.channels ?? 3);
    const [r, g, b] = [data[centre]!, data[centre + 1]!, data[centre + 2]!];
    expect(
      Math.abs(r - RED.r) + Math.abs(g - RED.g) + Math.abs(b - RED.b),
      `the first frame, not ${r} ${g} ${b}`,
    ).toBeLessThan(20);
  });

  it('an mp4/webm video has no server poster: ?w= says so and points at the original', async () => {
    const res = await request(t.app).get(`${media}/${WEBM}?w=64`).expect(422);
    expect(res.body.error.message).toContain(`"${WEBM}" could not be decoded as an image`);
    expect(res.body.error.message).toContain('open the original without ?w=');
    const original = await request(t.app).get(`${media}/${WEBM}`).buffer(true).expect(200);
    expect(original.headers['content-type']).toBe('video/webm');
  });
});
