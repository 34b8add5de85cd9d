import { expect, waitUntil } from '@open-wc/testing';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { press } from '../../test-support/keyboard.js';
import { CAT_BOX, mediaProject, SPRITE_TILES, webmBytes } from '../../test-support/media-fixtures.js';
import { storeFor, withContext } from '../../test-support/viewer-mount.js';
import type { CompareTarget } from '../context/selection-store.js';
import './define.js';
import type { ImagePair } from './image-pair.js';

let dataset: Dataset;
before(async () => {
  dataset = mediaProject(await webmBytes());
});

const shadow = (el: ImagePair) => el.shadowRoot!;
const videos = (el: ImagePair) => [...shadow(el).querySelectorAll('video')];
const playButton = (el: ImagePair) =>
  [...shadow(el).querySelectorAll('button')].find((b) => /both/.test(b.textContent!))!;
const inSync = (el: ImagePair, tolerance: number) => {
  const [a, b] = videos(el);
  return Math.abs(a!.currentTime - b!.currentTime) <= tolerance;
};

const VIDEO_A: CompareTarget = { runId: 'amber', key: 'samples/video', step: 0, index: 0 };
const VIDEO_B: CompareTarget = { runId: 'brook', key: 'samples/video', step: 100, index: 0 };

async function opened(targets: CompareTarget[], mode = 'side-by-side'): Promise<ImagePair> {
  const source = createMemorySource(dataset);
  const store = await storeFor(source, dataset);
  const pair = document.createElement('image-pair');
  pair.mode = mode as ImagePair['mode'];
  const el = await withContext(pair, source, store);
  store.setCompare(targets);
  await el.updateComplete;
  return el;
}

async function videosReady(el: ImagePair): Promise<HTMLVideoElement[]> {
  await waitUntil(
    () => videos(el).length === 2 && videos(el).every((v) => v.readyState >= 2),
    'the videos did not load',
  );
  await waitUntil(() => videos(el)[0]!.style.visibility !== 'hidden', 'the videos were not laid out');
  return videos(el);
}

describe('<image-pair> videos', () => {
  it('plays, seeks and pauses both videos together from one control bar, side by side', async () => {
    const el = await opened([VIDEO_A, VIDEO_B]);
    const [a, b] = await videosReady(el);
    expect(a!.controls, 'one shared bar, not each video its own').to.equal(false);
    expect(a!.style.width).to.equal('64px');
    playButton(el).click();
    await waitUntil(() => !a!.paused && !b!.paused, 'both did not start');
    await waitUntil(() => a!.currentTime > 0.6, 'A did not play on');
    expect(inSync(el, 0.2), `A ${a!.currentTime} and B ${b!.currentTime}`).to.equal(true);
    expect(playButton(el).textContent!.trim()).to.equal('Pause both');

    const time = shadow(el).querySelector<HTMLInputElement>('[part~="video-controls"] input[type="range"]')!;
    time.value = '2';
    time.dispatchEvent(new Event('input'));
    await waitUntil(
      () => !a!.seeking && !b!.seeking && a!.currentTime >= 2 && b!.currentTime >= 2,
      'both did not seek',
    );
    expect(inSync(el, 0.2)).to.equal(true);

    // Seeking one video (as its own keys would) moves the other.
    a!.pause();
    await waitUntil(() => b!.paused, 'B did not pause with A');
    a!.currentTime = 0.5;
    await waitUntil(() => !b!.seeking && Math.abs(b!.currentTime - 0.5) < 0.06, `B stayed at ${b!.currentTime}`);
    expect(playButton(el).textContent!.trim()).to.equal('Play both');
    await expect(el).to.be.accessible();
  });

  it('plays in sync in swipe mode with K, and says the difference is for stills', async () => {
    const el = await opened([VIDEO_A, VIDEO_B], 'swipe');
    const [a, b] = await videosReady(el);
    shadow(el).querySelector<HTMLElement>('[part="stage"]')!.focus();
    await press('k');
    await waitUntil(() => !a!.paused && !b!.paused, 'K did not play both');
    await waitUntil(() => a!.currentTime > 0.5, 'A did not play on');
    expect(inSync(el, 0.2)).to.equal(true);
    await press('k');
    await waitUntil(() => a!.paused && b!.paused, 'K did not pause both');

    await press('4');
    await el.updateComplete;
    expect(videos(el)).to.have.length(0);
    expect(shadow(el).querySelector('[part="message"]')!.textContent).to.contain('compares still images');
    expect(shadow(el).querySelector('[part="readout"]')!.textContent).to.equal(
      'Pixel values are read from still images.',
    );
  });

  it('says a video and a still image are not compared', async () => {
    const el = await opened([VIDEO_A, { runId: 'amber', key: 'val/boxes', step: 0, index: 0 }]);
    await waitUntil(() => shadow(el).querySelector('[part="message"] p'), 'no message');
    expect(shadow(el).querySelector('[part="message"]')!.textContent).to.contain(
      'A is a video and B a still image: compare two videos or two images.',
    );
  });
});

describe('<image-pair> overlays', () => {
  it('draws the boxes over their image in each pane and shares the class toggles', async () => {
    const boxes: CompareTarget = { runId: 'amber', key: 'val/boxes', step: 0, index: 0 };
    const el = await opened([boxes, { runId: 'amber', key: 'legacy', step: 0, index: 0 }]);
    await waitUntil(() => shadow(el).querySelector('[part="box"] rect'), 'no box');
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    const image = shadow(el).querySelector('img[part="image"]')!.getBoundingClientRect();
    const box = shadow(el).querySelector<SVGRectElement>('[part="box"] rect')!;
    const { x, y } = box.getBBox();
    const corner = new DOMPoint(x, y).matrixTransform(box.getScreenCTM()!);
    expect(corner.x).to.be.closeTo(image.left + CAT_BOX.minX * image.width, 1);
    expect(corner.y).to.be.closeTo(image.top + CAT_BOX.minY * image.height, 1);
    expect(shadow(el).querySelectorAll('[part="box"]'), 'only A carries boxes').to.have.length(1);

    const cat = [...shadow(el).querySelectorAll('label')].find((l) => l.textContent!.trim() === 'cat')!;
    cat.querySelector('input')!.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="box"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<image-pair> sprite tiles', () => {
  it('compares two tiles of one legacy sprite, each cut to its own rectangle', async () => {
    const tile = (index: number): CompareTarget => ({ runId: 'amber', key: 'legacy', step: 0, index });
    const el = await opened([tile(0), tile(2)]);
    await waitUntil(
      () => /Centre x \d+, y \d+ · A/.test(shadow(el).querySelector('[part="readout"]')!.textContent!),
      'no pixel readout',
    );
    const images = [...shadow(el).querySelectorAll<HTMLImageElement>('img[part="image"]')];
    expect(images.map((i) => i.naturalWidth)).to.deep.equal([8, 8]);
    const [red, , blue] = SPRITE_TILES;
    expect(shadow(el).querySelector('[part="readout"]')!.textContent).to.contain(
      `A ${red!.join(' ')} 255 · B ${blue!.join(' ')} 255`,
    );
  });
});
