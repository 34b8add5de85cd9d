import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { heatColor, heatLevel } from '../internal/pixel-diff.js';
import { press } from '../../test-support/keyboard.js';
import { swatchNumber } from '../../test-support/css-color.js';
import { pngDataUrl, threeRunProject } from '../../test-support/viewer-fixtures.js';
import { storeFor, withContext } from '../../test-support/viewer-mount.js';
import './define.js';
import type { PairModeChangeEvent } from '../events/pair-mode-change.js';
import type { ImagePair } from './image-pair.js';

const dataset = threeRunProject();
const shadow = (el: ImagePair) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: ImagePair, selector: string) => shadow(el).querySelector<T>(selector);
const images = (el: ImagePair) => [...shadow(el).querySelectorAll<HTMLImageElement>('img[part="image"]')];
const text = (node: Element | null) => node!.textContent!.replace(/\s+/g, ' ').trim();
const readout = (el: ImagePair) => text(q(el, '[part="readout"]'));

/** A: flat (10, 20, 30); B: the left half (10, 60, 30), the right half equal to A. */
const flatA = () => pngDataUrl(8, 8, [10, 20, 30]);
const halfB = (size = 8) =>
  pngDataUrl(size, size, (context) => {
    context.fillStyle = 'rgb(10 20 30)';
    context.fillRect(0, 0, size, size);
    context.fillStyle = 'rgb(10 60 30)';
    context.fillRect(0, 0, size / 2, size);
  });

async function pure(mode = 'side-by-side', b = halfB(), a = flatA()): Promise<ImagePair> {
  const el = await fixture<ImagePair>(html`<image-pair mode=${mode}></image-pair>`);
  el.a = { src: a, label: 'flat', color: '#0072b2' };
  el.b = { src: b, label: 'half', color: '#e69f00' };
  await waitUntil(() => q(el, '[part="pane"]'), 'the images did not load');
  await frames(el);
  return el;
}

/** Let the viewport be measured (a ResizeObserver, then a frame) and the view fitted. */
async function frames(el: ImagePair): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await el.updateComplete;
}

async function opened(): Promise<[ImagePair, Awaited<ReturnType<typeof storeFor>>]> {
  const source = createMemorySource(dataset);
  const store = await storeFor(source, dataset);
  const el = await withContext(document.createElement('image-pair'), source, store);
  store.setCompare([
    { runId: 'amber', key: 'samples/grid', step: 200, index: 0 },
    { runId: 'brook', key: 'samples/grid', step: 150, index: 1 },
  ]);
  await waitUntil(
    () => images(el).length === 2 && images(el).every((i) => i.complete && i.naturalWidth > 0),
    'no images',
  );
  await frames(el);
  return [el, store];
}

/** The colour of the difference canvas at an image pixel. */
function canvasPixel(el: ImagePair, x: number, y: number): number[] {
  const canvas = q<HTMLCanvasElement>(el, 'canvas')!;
  return [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data];
}

describe('<image-pair>', () => {
  it('opens on the two marked images, side by side, labelled A and B, and passes an audit', async () => {
    const [el] = await opened();
    expect(q<HTMLDialogElement>(el, 'dialog')!.open).to.equal(true);
    expect(images(el).map((i) => i.alt)).to.deep.equal([
      'A: a red fox in snow, amber-glade-3, samples/grid #1, step 200',
      'B: a red fox in snow, brook-fern-2, samples/grid #2, step 150',
    ]);
    expect(q(el, '[part="legend"]')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      'A a red fox in snow, amber-glade-3, samples/grid #1, step 200',
    );
    expect(shadow(el).querySelectorAll('[part="pane"]')).to.have.length(2);
    const swatches = [...shadow(el).querySelectorAll('[part="run-swatch"]')].map(swatchNumber);
    expect(swatches, "each side's run number, as in the grid").to.deep.equal(['1', '2']);
    await expect(el).to.be.accessible();
  });

  it('switches mode with 1–4, the tabs and their arrow keys, firing change and pair-mode-change', async () => {
    const [el] = await opened();
    const changes: string[] = [];
    el.addEventListener('change', () => changes.push(`change:${el.mode}`));
    el.addEventListener('pair-mode-change', (e) => changes.push((e as PairModeChangeEvent).mode));
    await sendKeys({ press: '2' });
    await el.updateComplete;
    expect(el.mode).to.equal('swipe');
    expect(text(q(el, '[role="tab"][aria-selected="true"]'))).to.equal('Swipe');
    await sendKeys({ press: '4' });
    await el.updateComplete;
    expect(el.mode).to.equal('difference');
    q(el, '[role="tab"][aria-selected="true"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.mode).to.equal('side-by-side');
    expect(text(shadow(el).activeElement)).to.equal('Side by side');
    await sendKeys({ press: 'End' });
    expect(el.mode).to.equal('difference');
    q(el, '#tab-blink')!.click();
    expect(changes).to.deep.equal([
      'change:swipe',
      'swipe',
      'change:difference',
      'difference',
      'change:side-by-side',
      'side-by-side',
      'change:difference',
      'difference',
      'change:blink',
      'blink',
    ]);
  });

  it('locks zoom and pan across both images side by side', async () => {
    const el = await pure('side-by-side', pngDataUrl(400, 300, [200, 0, 0]), pngDataUrl(400, 300, [0, 0, 200]));
    const [a, b] = images(el);
    const before = a!.getBoundingClientRect().width;
    await sendKeys({ press: '+' });
    await el.updateComplete;
    expect(a!.getBoundingClientRect().width).to.be.closeTo(before * 1.25, 0.5);
    expect(a!.style.transform).to.equal(b!.style.transform);
    const pane = shadow(el).querySelectorAll('[part="pane"]')[1]!.getBoundingClientRect();
    const start = a!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(pane.left + 100), Math.round(pane.top + 100)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(pane.left + 70), Math.round(pane.top + 100)] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(a!.getBoundingClientRect().left).to.be.closeTo(start.left - 30, 0.5);
    expect(a!.style.transform).to.equal(b!.style.transform);
  });

  it('swipes with a keyboard-operable slider and by dragging the divider', async () => {
    const el = await pure('swipe');
    const divider = q(el, '[role="slider"]')!;
    const clip = () => q(el, '.clip')!.style.clipPath;
    expect(divider.getAttribute('aria-valuenow')).to.equal('50');
    divider.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(divider.getAttribute('aria-valuenow')).to.equal('51');
    await press('Shift+ArrowLeft');
    await sendKeys({ press: 'PageDown' });
    await el.updateComplete;
    expect(el.position).to.equal(31);
    expect(clip()).to.equal('inset(0px 0px 0px 31%)');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(divider.getAttribute('aria-valuetext')).to.equal('A left of 100%, B right');
    el.position = 50;
    await el.updateComplete;
    const pane = q(el, '[part="pane"]')!.getBoundingClientRect();
    const handle = divider.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(handle.left + handle.width / 2), Math.round(pane.top + pane.height / 2)],
    });
    await sendMouse({ type: 'down' });
    await sendMouse({
      type: 'move',
      position: [Math.round(pane.left + pane.width / 4), Math.round(pane.top + pane.height / 2)],
    });
    await sendMouse({ type: 'up' });
    expect(el.position).to.be.closeTo(25, 1);
  });

  it('blinks: Space flips between A and B, Play flips on a timer', async () => {
    const el = await pure('blink');
    const visible = () => images(el).map((i) => i.style.visibility !== 'hidden');
    expect(visible()).to.deep.equal([true, false]);
    expect(text(q(el, '.tag.big'))).to.equal('A');
    q(el, '[part="stage"]')!.focus();
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(visible()).to.deep.equal([false, true]);
    expect(text(q(el, '.tag.big'))).to.equal('B');
    el.blinkInterval = 100;
    const play = [...shadow(el).querySelectorAll('button')].find((b) => text(b) === 'Play')!;
    play.click();
    const seen = new Set<string>();
    await waitUntil(() => {
      seen.add(text(q(el, '.tag.big')));
      return seen.size === 2 && text(q(el, '.tag.big')) === 'B';
    }, 'the timer did not flip');
    expect(play.getAttribute('aria-pressed')).to.equal('true');
  });

  it('draws the difference heat map of two known images, amplified by the gain', async () => {
    const el = await pure('difference');
    await waitUntil(() => q<HTMLCanvasElement>(el, 'canvas')?.dataset.drawn, 'no heat map');
    expect(canvasPixel(el, 1, 1)).to.deep.equal([...heatColor(heatLevel(40, 4)), 255]);
    expect(canvasPixel(el, 6, 6)).to.deep.equal([0, 0, 0, 255]);
    expect(heatLevel(40, 4)).to.equal(160);
    expect(text(q(el, '[part="controls"]'))).to.contain('max 40');
    expect(text(q(el, '[part="controls"]'))).to.contain('50.0% of pixels differ');
    el.gain = 1;
    await el.updateComplete;
    expect(canvasPixel(el, 1, 1)).to.deep.equal([...heatColor(40), 255]);
    expect(heatColor(40)).to.not.deep.equal(heatColor(160));
  });

  it('scales B to A when their sizes differ, and says so', async () => {
    const el = await pure('difference', halfB(16));
    expect(text(q(el, '[part="legend"]'))).to.contain("B is 16×16; shown and compared scaled to A's 8×8.");
    await waitUntil(() => q<HTMLCanvasElement>(el, 'canvas')?.dataset.drawn, 'no heat map');
    expect(canvasPixel(el, 1, 1)).to.deep.equal([...heatColor(160), 255]);
    expect(canvasPixel(el, 6, 1)).to.deep.equal([0, 0, 0, 255]);
  });

  it('reads the pixel values of A and B under the cursor, and at the centre without one', async () => {
    const el = await pure('side-by-side');
    await waitUntil(() => readout(el).startsWith('Centre'), 'no centre readout');
    expect(readout(el)).to.equal('Centre x 4, y 4 · A 10 20 30 255 · B 10 20 30 255 · |A−B| 0');
    const image = images(el)[1]!.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(image.left + image.width * 0.1), Math.round(image.top + image.height * 0.7)],
    });
    await el.updateComplete;
    expect(readout(el)).to.equal('x 0, y 5 · A 10 20 30 255 · B 10 60 30 255 · |A−B| 40');
  });

  it('swaps A and B with X and closes with Escape, clearing the selection', async () => {
    const [el, store] = await opened();
    const swapped = oneEvent(el, 'pair-swap');
    q(el, '[part="stage"]')!.focus();
    await sendKeys({ press: 'x' });
    await swapped;
    expect(store.value.compare.map((t) => t.runId)).to.deep.equal(['brook', 'amber']);
    await el.updateComplete;
    expect(images(el)[0]!.alt).to.match(/^A: .*brook-fern-2/);
    const closed = oneEvent(el, 'close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(store.value.compare).to.deep.equal([]);
    expect(q<HTMLDialogElement>(el, 'dialog')!.open).to.equal(false);
  });

  it('explains an image that cannot be loaded', async () => {
    const el = await fixture<ImagePair>(html`<image-pair></image-pair>`);
    el.a = { src: flatA(), label: 'flat' };
    el.b = { src: 'data:image/png;base64,AAAA', label: 'broken' };
    await waitUntil(() => q(el, '[part="message"][role="alert"]'), 'no error');
    expect(text(q(el, '[part="message"]'))).to.contain('B (broken): The image could not be loaded.');
  });
});
