import { expect, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { paintedViewport, sameColor } from '../../test-support/painted.js';
import { GREEN, viewerDataset, type Rgb } from '../../test-support/viewer-fixtures.js';
import { imagesDecoded, storeFor, withContext } from '../../test-support/viewer-mount.js';
import './define.js';
import type { ImageCompare } from './image-compare.js';

/**
 * What a user sees in each grid cell, from a real screenshot: the picture painted inside its
 * frame, contained and centred, whatever the image's size against the cell (160 px).
 */

const KEY = 'samples/hires';
const CELL = 160;
const SIZES = [
  [64, 64],
  [CELL, CELL],
  [512, 512],
  [1024, 1024],
  [1024, 512],
  [384, 768],
] as const;

/** A grid of one run whose one image is `width × height`, loaded and decoded. */
async function gridWith(width: number, height: number): Promise<ImageCompare> {
  const dataset = viewerDataset([
    { id: 'run', images: { [KEY]: { 0: { color: GREEN, caption: `${width}×${height}`, width, height } } } },
  ]);
  const source = createMemorySource(dataset);
  const store = await storeFor(source, dataset, { keys: [KEY], step: 0 });
  const el = await withContext(document.createElement('image-compare'), source, store);
  await waitUntil(() => el.shadowRoot!.querySelector('img'), 'no thumbnail');
  await imagesDecoded(el.shadowRoot!);
  return el;
}

function rgbOf(cssColor: string): Rgb {
  const [r, g, b] = cssColor.match(/\d+(\.\d+)?/g)!.map(Number);
  return [r!, g!, b!];
}

/** The frame and image boxes of the grid's cell, scrolled to the middle of the viewport. */
function cellOf(el: ImageCompare) {
  const frame = el.shadowRoot!.querySelector<HTMLElement>('[part="frame"]')!;
  frame.scrollIntoView({ block: 'center', inline: 'center' });
  return {
    frame: frame.getBoundingClientRect(),
    image: frame.querySelector('img')!.getBoundingClientRect(),
    background: rgbOf(getComputedStyle(frame).backgroundColor),
  };
}

describe('<image-compare> thumbnails as painted', () => {
  for (const [width, height] of SIZES) {
    it(`paints a ${width}×${height} image inside its ${CELL} px frame, centred`, async () => {
      const { frame, image, background } = cellOf(await gridWith(width, height));
      expect([Math.round(frame.width), Math.round(frame.height)]).to.deep.equal([CELL, CELL]);
      expect(sameColor(background, GREEN), 'the frame background differs from the picture').to.equal(false);

      const shot = await paintedViewport();
      const [x, y] = [frame.left + frame.width / 2, frame.top + frame.height / 2];
      const scale = Math.min(1, CELL / width, CELL / height);
      const [halfWidth, halfHeight] = [(width * scale) / 2, (height * scale) / 2];
      // The centre, then 4 px inside and 4 px outside each edge of the picture as it should show.
      const probes = [
        [0, 0, 'picture'],
        [halfWidth - 4, 0, 'picture'],
        [4 - halfWidth, 0, 'picture'],
        [0, halfHeight - 4, 'picture'],
        [0, 4 - halfHeight, 'picture'],
        [halfWidth + 4, 0, 'background'],
        [0, -halfHeight - 4, 'background'],
      ] as const;
      for (const [dx, dy, expected] of probes) {
        if (Math.abs(dx) > CELL / 2 - 2 || Math.abs(dy) > CELL / 2 - 2) continue;
        expect(shot.colorAt(x + dx, y + dy), `${expected} at (${dx}, ${dy}) from the cell centre`).to.satisfy(
          (c: Rgb) => sameColor(c, expected === 'picture' ? GREEN : background),
        );
      }

      expect(image.left, 'image box starts left of its frame').to.be.at.least(frame.left - 0.5);
      expect(image.top, 'image box starts above its frame').to.be.at.least(frame.top - 0.5);
      expect(image.right, 'image box ends right of its frame').to.be.at.most(frame.right + 0.5);
      expect(image.bottom, 'image box ends below its frame').to.be.at.most(frame.bottom + 0.5);
    });
  }
});
