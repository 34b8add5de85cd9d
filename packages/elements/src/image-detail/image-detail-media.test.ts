import { expect, waitUntil } from '@open-wc/testing';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { sendKeys } from '@web/test-runner-commands';
import { press } from '../../test-support/keyboard.js';
import { CAT_BOX, mediaProject, SPRITE_TILES, webmBytes } from '../../test-support/media-fixtures.js';
import { paintedViewport, sameColor } from '../../test-support/painted.js';
import { storeFor, withContext } from '../../test-support/viewer-mount.js';
import { classRgb, MASK_ALPHA } from '../internal/mask-paint.js';
import './define.js';
import type { ImageDetail } from './image-detail.js';

let dataset: Dataset;
before(async () => {
  dataset = mediaProject(await webmBytes());
});

const shadow = (el: ImageDetail) => el.shadowRoot!;

async function opened(key: string, step = 0, index = 0): Promise<ImageDetail> {
  const source = createMemorySource(dataset);
  const store = await storeFor(source, dataset);
  const el = await withContext(document.createElement('image-detail'), source, store);
  store.setDetail({ runId: 'amber', key, step, index });
  await el.updateComplete;
  return el;
}

function checkbox(el: ImageDetail, text: string): HTMLInputElement {
  const label = [...shadow(el).querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith(text));
  if (!label) throw new Error(`no checkbox "${text}"`);
  return label.querySelector('input')!;
}

describe('<image-detail> media', () => {
  it('plays a video with the browser controls, its first frame as poster, and keeps the arrows for the video', async () => {
    const el = await opened('samples/video');
    await waitUntil(() => shadow(el).querySelector('video')?.readyState, 'the video did not load');
    const video = shadow(el).querySelector('video')!;
    expect(video.controls).to.equal(true);
    expect(video.preload).to.equal('metadata');
    expect(video.getAttribute('aria-label')).to.contain('amber-media, samples/video');
    await waitUntil(() => video.style.width === '64px', `laid out at the video's size, not ${video.style.width}`);
    expect(video.style.height).to.equal('48px');
    expect(shadow(el).querySelector('img'), 'no image instead').to.equal(null);

    await video.play();
    await waitUntil(() => video.currentTime > 0.2, 'the video did not play');
    video.pause();
    video.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="title"]')!.textContent, 'still step 0').to.contain('step 0');
    await expect(el).to.be.accessible();
  });

  it('shows a GIF video as an image, which animates by itself', async () => {
    const el = await opened('samples/gif');
    await waitUntil(() => shadow(el).querySelector<HTMLImageElement>('img[part="image"]')?.complete, 'no image');
    expect(shadow(el).querySelector('img[part="image"]')!.getAttribute('src')).to.match(/^data:image\/gif/);
    expect(shadow(el).querySelector('video')).to.equal(null);
  });

  it('draws a box where the image has it, at fit and zoomed in, and a mask in the class colours', async () => {
    const el = await opened('val/boxes');
    await waitUntil(() => shadow(el).querySelector('[part="box"] rect'), 'no box was drawn');
    // The toggles under the stage make it shorter: measure once they are there.
    await waitUntil(() => shadow(el).querySelectorAll('fieldset').length === 2, 'no toggles');
    await new Promise(requestAnimationFrame);
    const image = shadow(el).querySelector('img[part="image"]')!;
    const box = shadow(el).querySelector<SVGRectElement>('[part="box"] rect')!;
    /** The box's corners on screen (its geometry, not its stroke, which browsers count differently). */
    const corners = () => {
      const matrix = box.getScreenCTM()!;
      const { x, y, width, height } = box.getBBox();
      const at = (px: number, py: number) => new DOMPoint(px, py).matrixTransform(matrix);
      return [at(x, y), at(x + width, y + height)] as const;
    };
    const expectAt = () => {
      const i = image.getBoundingClientRect();
      const [topLeft, bottomRight] = corners();
      expect(topLeft.x).to.be.closeTo(i.left + CAT_BOX.minX * i.width, 1);
      expect(topLeft.y).to.be.closeTo(i.top + CAT_BOX.minY * i.height, 1);
      expect(bottomRight.x).to.be.closeTo(i.left + CAT_BOX.maxX * i.width, 1);
      expect(bottomRight.y).to.be.closeTo(i.top + CAT_BOX.maxY * i.height, 1);
    };
    await waitUntil(() => image.getBoundingClientRect().width > 100, 'the image was not fitted');
    expectAt();
    const fitted = image.getBoundingClientRect().width;
    shadow(el).querySelector<HTMLElement>('[part="stage"]')!.focus();
    await sendKeys({ press: '+' });
    await sendKeys({ press: '+' });
    await waitUntil(() => image.getBoundingClientRect().width > fitted * 1.4, 'did not zoom in');
    expectAt();

    expect(shadow(el).querySelector('[part="box"] text')!.textContent).to.equal('cat · conf 0.9');
    await waitUntil(() => shadow(el).querySelector('img[part="mask"]'), 'no mask');
    const pixels = await maskPixels(shadow(el).querySelector<HTMLImageElement>('img[part="mask"]')!);
    expectNear(pixels.left, [...classRgb(1), MASK_ALPHA]);
    expectNear(pixels.right, [...classRgb(2), MASK_ALPHA]);
    await expect(el).to.be.accessible();
  });

  it('hides a class and a whole layer from the keyboard, on the boxes and the mask', async () => {
    const el = await opened('val/boxes');
    await waitUntil(() => shadow(el).querySelectorAll('fieldset').length === 2, 'no toggles for the two layers');
    await waitUntil(() => shadow(el).querySelector('img[part="mask"]'), 'no mask');
    const cat = checkbox(el, 'cat');
    cat.focus();
    await press('Space');
    await el.updateComplete;
    expect(cat.checked).to.equal(false);
    expect(shadow(el).querySelector('[part="box"]'), 'the cat box is hidden').to.equal(null);

    const second = [...shadow(el).querySelectorAll('fieldset')][1]!
      .querySelectorAll('label')[2]!
      .querySelector('input')!;
    // The run's config names no mask classes: wandb's default names.
    expect(second.parentElement!.textContent!.trim()).to.equal('class_2');
    second.click();
    await waitUntil(async () => {
      const mask = shadow(el).querySelector<HTMLImageElement>('img[part="mask"]');
      return mask && (await maskPixels(mask)).right[3] === 0;
    }, 'class 2 of the mask was not hidden');
    const mask = shadow(el).querySelector<HTMLImageElement>('img[part="mask"]')!;
    expect((await maskPixels(mask)).left[3]).to.equal(MASK_ALPHA);

    checkbox(el, 'ground_truth').click();
    await el.updateComplete;
    expect(shadow(el).querySelector('img[part="mask"]'), 'the whole mask is hidden').to.equal(null);
  });

  it('shows only its tile of a legacy sprite, on screen', async () => {
    const el = await opened('legacy', 0, 1);
    const tile = () => shadow(el).querySelector<HTMLElement>('[part="tile"]')!;
    await waitUntil(
      () => tile()?.style.width === '8px' && tile().getBoundingClientRect().width > 40,
      'the tile was not fitted',
    );
    const rect = tile().getBoundingClientRect();
    const painted = await paintedViewport();
    const inside = painted.colorAt(rect.left + rect.width / 2, rect.top + rect.height / 2);
    expect(sameColor(inside, SPRITE_TILES[1]!), `the green tile, not ${inside.join(' ')}`).to.equal(true);
    const edge = painted.colorAt(rect.left + 3, rect.top + rect.height / 2);
    expect(sameColor(edge, SPRITE_TILES[1]!), `no red from the tile before, got ${edge.join(' ')}`).to.equal(true);
    const outside = painted.colorAt(rect.right + 4, rect.top + rect.height / 2);
    expect(sameColor(outside, SPRITE_TILES[2]!), 'nothing of the next tile').to.equal(false);
  });
});

/** Canvas read-back of a translucent pixel rounds through premultiplied alpha. */
function expectNear(actual: Uint8ClampedArray, expected: number[]): void {
  expected.forEach((value, i) => expect(actual[i], `channel ${i} of ${[...actual].join(' ')}`).to.be.closeTo(value, 6));
}

async function maskPixels(mask: HTMLImageElement): Promise<{ left: Uint8ClampedArray; right: Uint8ClampedArray }> {
  await mask.decode();
  const canvas = document.createElement('canvas');
  canvas.width = mask.naturalWidth;
  canvas.height = mask.naturalHeight;
  const context = canvas.getContext('2d')!;
  context.drawImage(mask, 0, 0);
  const row = Math.floor(canvas.height / 2);
  return {
    left: context.getImageData(2, row, 1, 1).data,
    right: context.getImageData(canvas.width - 3, row, 1, 1).data,
  };
}
