import type { Dataset, HistoryRow } from '@run-comparer/wandb-client';
import { ENTITY, PROJECT, pngBytes, type Rgb } from './viewer-fixtures.js';

/**
 * Test and story data for media beyond plain images: a real webm video (3 s, 64×48, 10 fps,
 * ffmpeg's test pattern; see media/README.md), an image with a box file and a mask, a legacy
 * sprite. Values are shaped as wandb writes them (`video-file`, `boxes2D`, `mask`, `images`).
 */

/** The bytes of the committed webm fixture. */
export async function webmBytes(): Promise<Uint8Array> {
  const response = await fetch(new URL('./media/count-3s.webm', import.meta.url));
  if (!response.ok) throw new Error(`the webm fixture answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export const OVERLAY_SIZE = { width: 80, height: 60 };
/** The one box of `val/boxes`: fractions of the image, class 1 ("cat"). */
export const CAT_BOX = { minX: 0.25, maxX: 0.75, minY: 0.2, maxY: 0.6 };
export const SPRITE_TILES: Rgb[] = [
  [220, 40, 40],
  [40, 200, 60],
  [40, 60, 220],
];

const encoder = new TextEncoder();

/** A 1×1 GIF (one white pixel): what `wandb.Video` writes by default is a GIF. */
const GIF = Uint8Array.from(atob('R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs='), (c) => c.charCodeAt(0));

/** Two runs: `amber` and `brook` log `samples/video` (the webm) at 0 and 100; `amber` logs `val/boxes`, `samples/gif` and `legacy` at 0. */
export function mediaProject(webm: Uint8Array): Dataset {
  const runs = ['amber', 'brook'].map((id, r) => {
    const files: Record<string, Uint8Array> = {};
    const rows: HistoryRow[] = [0, 100].map((step) => {
      const path = `media/videos/samples/video_${step}_${id}.webm`;
      files[path] = webm;
      return { _step: step, 'samples/video': { _type: 'video-file', path, sha256: `${id}${step}`, size: webm.length } };
    });
    if (id === 'amber') {
      const { width, height } = OVERLAY_SIZE;
      const image = 'media/images/val/boxes_0_amber.png';
      const boxes = 'media/metadata/boxes2D/val/boxes_0_amber.boxes2D.json';
      const mask = 'media/images/mask/val/boxes_0_amber.mask.png';
      files[image] = pngBytes(width, height, [200, 200, 200]);
      files[boxes] = encoder.encode(
        JSON.stringify({
          box_data: [{ position: CAT_BOX, class_id: 1, box_caption: 'cat', scores: { conf: 0.9 } }],
          class_labels: { 1: 'cat', 2: 'dog' },
        }),
      );
      // Class 1 on the left half, class 2 on the right: one-channel ids, as wandb writes masks.
      files[mask] = pngBytes(width, height, (context) => {
        context.fillStyle = 'rgb(1 1 1)';
        context.fillRect(0, 0, width / 2, height);
        context.fillStyle = 'rgb(2 2 2)';
        context.fillRect(width / 2, 0, width / 2, height);
      });
      files['media/videos/samples/gif_0_amber.gif'] = GIF;
      files['media/images/legacy_0.png'] = pngBytes(8 * SPRITE_TILES.length, 8, (context) =>
        SPRITE_TILES.forEach((rgb, i) => {
          context.fillStyle = `rgb(${rgb.join(' ')})`;
          context.fillRect(i * 8, 0, 8, 8);
        }),
      );
      Object.assign(rows[0]!, {
        'val/boxes': {
          _type: 'image-file',
          path: image,
          width,
          height,
          format: 'png',
          boxes: { predictions: { _type: 'boxes2D', path: boxes } },
          masks: { ground_truth: { _type: 'mask', path: mask } },
        },
        'samples/gif': {
          _type: 'video-file',
          path: 'media/videos/samples/gif_0_amber.gif',
          sha256: 'gif0',
          size: GIF.length,
        },
        legacy: { _type: 'images', width: 8, height: 8, count: 3, format: 'png', captions: ['red', 'green', 'blue'] },
      });
    }
    return {
      id,
      displayName: `${id}-media`,
      state: 'finished' as const,
      createdAt: new Date(Date.UTC(2026, 10, 20) - r * 3_600_000).toISOString(),
      history: rows,
      files,
    };
  });
  return { entity: ENTITY, project: PROJECT, runs };
}
