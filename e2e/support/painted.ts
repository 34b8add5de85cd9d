import type { Page } from '@playwright/test';
import sharp from 'sharp';

/** One grid thumbnail as the browser painted it. */
export interface PaintedThumbnail {
  alt: string;
  /** The width the run logged the image at (the `<img>`'s width attribute). */
  loggedWidth: number;
  /** The `<img>` box lies inside its frame (what is outside the frame is clipped away). */
  inside: boolean;
  /** Share of the frame's middle half (each way) painted in something other than its background. */
  painted: number;
}

interface FrameLayout {
  alt: string;
  loggedWidth: number;
  inside: boolean;
  background: number[];
  /** The frame's box in the viewport, and whether all of it is on screen. */
  box: { x: number; y: number; width: number; height: number };
  onScreen: boolean;
}

/**
 * Every thumbnail of the grid, read from real screenshots of the viewport: a blank frame (the
 * picture painted outside it) shows as `painted` near 0, whatever `naturalWidth` says. One
 * screenshot serves every frame on screen; the page scrolls to the others.
 */
export async function paintedThumbnails(page: Page): Promise<PaintedThumbnail[]> {
  const frames = page.locator('image-compare [part="frame"]');
  const out: PaintedThumbnail[] = [];
  let layouts = await frames.evaluateAll(readFrames);
  let shot = await viewportShot(page);
  for (let i = 0; i < layouts.length; i++) {
    if (!layouts[i]!.onScreen) {
      await frames.nth(i).scrollIntoViewIfNeeded();
      layouts = await frames.evaluateAll(readFrames);
      shot = await viewportShot(page);
    }
    const { alt, loggedWidth, inside } = layouts[i]!;
    out.push({ alt, loggedWidth, inside, painted: paintedShare(shot, layouts[i]!) });
  }
  return out;
}

/** In the page: each frame's box and its image's, and the frame's background colour. */
function readFrames(elements: Element[]): FrameLayout[] {
  return elements.map((element) => {
    const img = element.querySelector('img')!;
    const [f, i] = [element.getBoundingClientRect(), img.getBoundingClientRect()];
    const inside =
      i.left >= f.left - 0.5 && i.top >= f.top - 0.5 && i.right <= f.right + 0.5 && i.bottom <= f.bottom + 0.5;
    const onScreen = f.left >= 0 && f.top >= 0 && f.right <= innerWidth && f.bottom <= innerHeight;
    const background = (getComputedStyle(element).backgroundColor.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    const box = { x: f.left, y: f.top, width: f.width, height: f.height };
    return { alt: img.alt, loggedWidth: Number(img.getAttribute('width')), inside, background, box, onScreen };
  });
}

interface Shot {
  data: Buffer;
  width: number;
  channels: number;
  /** Screenshot pixels per CSS pixel. */
  scale: number;
}

async function viewportShot(page: Page): Promise<Shot> {
  const viewportWidth = await page.evaluate(() => innerWidth);
  const { data, info } = await sharp(await page.screenshot({ animations: 'disabled', caret: 'hide' }))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, channels: info.channels, scale: info.width / viewportWidth };
}

function paintedShare(shot: Shot, { box, background }: FrameLayout): number {
  const k = shot.scale;
  let differs = 0;
  let total = 0;
  for (let y = Math.ceil((box.y + box.height / 4) * k); y < (box.y + (box.height * 3) / 4) * k; y++) {
    for (let x = Math.ceil((box.x + box.width / 4) * k); x < (box.x + (box.width * 3) / 4) * k; x++) {
      const at = (y * shot.width + x) * shot.channels;
      const distance = [0, 1, 2].reduce((sum, c) => sum + Math.abs(shot.data[at + c]! - background[c]!), 0);
      if (distance > 24) differs++;
      total++;
    }
  }
  return total === 0 ? 0 : differs / total;
}
