import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createMemorySource, NetworkError } from '@run-comparer/wandb-client';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SelectionStore } from '../context/selection-store.js';
import { controlledSource } from '../../test-support/controlled-source.js';
import { press } from '../../test-support/keyboard.js';
import { swatchNumber } from '../../test-support/css-color.js';
import { BLUE, RED, selectionOf, threeRunProject, viewerDataset } from '../../test-support/viewer-fixtures.js';
import { storeFor, withContext } from '../../test-support/viewer-mount.js';
import './define.js';
import type { ImageDetail } from './image-detail.js';

const dataset = threeRunProject();
const shadow = (el: ImageDetail) => el.shadowRoot!;
const dialog = (el: ImageDetail) => shadow(el).querySelector('dialog')!;
const title = (el: ImageDetail) => shadow(el).querySelector('[part="title"]')!.textContent!.replace(/\s+/g, ' ').trim();
const image = (el: ImageDetail) => shadow(el).querySelector<HTMLImageElement>('img');
const button = (el: ImageDetail, label: string) =>
  shadow(el).querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;

async function shown(el: ImageDetail): Promise<HTMLImageElement> {
  await waitUntil(
    () => image(el)?.complete && image(el)!.naturalWidth > 0 && image(el)!.style.visibility === 'visible',
    'the image did not show',
  );
  return image(el)!;
}

async function opened(store: SelectionStore, source = createMemorySource(dataset)): Promise<ImageDetail> {
  const el = await withContext(document.createElement('image-detail'), source, store);
  store.setDetail({ runId: 'amber', key: 'samples/grid', step: 100, index: 0 });
  await el.updateComplete;
  return el;
}

/** translate(x, y) of the image. */
const offset = (img: HTMLImageElement) => {
  const [, x, y] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\)/.exec(img.style.transform)!;
  return { x: Number(x), y: Number(y) };
};

describe('<image-detail>', () => {
  it('opens as a modal dialog on the selected image at full resolution, and passes an audit', async () => {
    const source = createMemorySource(dataset);
    const store = await storeFor(source, dataset);
    const el = await opened(store, source);
    expect(dialog(el).open).to.equal(true);
    expect(dialog(el).matches(':modal')).to.equal(true);
    const img = await shown(el);
    expect(img.naturalWidth).to.equal(8);
    expect(img.alt).to.equal('a red fox in snow, amber-glade-3, samples/grid #1, step 100');
    expect(title(el)).to.equal('amber-glade-3, samples/grid #1, step 100');
    expect(swatchNumber(shadow(el).querySelector('[part="run-swatch"]')!), "the run's number, as in the grid").to.equal(
      '1',
    );
    expect(shadow(el).querySelector('[part="caption"]')!.textContent).to.equal('a red fox in snow');
    await expect(el).to.be.accessible();
  });

  it('closes on Escape, clears the selection and gives focus back', async () => {
    const source = createMemorySource(dataset);
    const store = await storeFor(source, dataset);
    const opener = await fixture<HTMLButtonElement>(html`<button>open</button>`);
    opener.focus();
    const el = await opened(store, source);
    await shown(el);
    expect(shadow(el).activeElement?.getAttribute('part'), 'focus moves into the dialog').to.equal('stage');
    const closed = oneEvent(el, 'close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(dialog(el).open).to.equal(false);
    expect(store.value.detail).to.equal(null);
    await waitUntil(() => document.activeElement === opener, 'focus did not return to the opener');
  });

  it('stays closed when it re-renders between the close button and its close event, and opens again later', async () => {
    const source = createMemorySource(dataset);
    const store = await storeFor(source, dataset);
    const el = await opened(store, source);
    await shown(el);
    const reopened: string[] = [];
    const watcher = new MutationObserver((records) =>
      records.forEach((r) => (r.target as Element).hasAttribute?.('open') && reopened.push(r.type)),
    );
    watcher.observe(shadow(el), { subtree: true, attributeFilter: ['open'] });
    const closed = oneEvent(el, 'close');
    button(el, 'Close').click();
    el.requestUpdate(); // e.g. an image or the run's steps arriving while the close event is queued
    await el.updateComplete;
    await closed;
    await el.updateComplete;
    watcher.disconnect();
    expect(reopened, 'the dialog flashed open again').to.deep.equal([]);
    expect(shadow(el).querySelector('dialog[open]'), 'no open dialog after closing').to.equal(null);
    expect(store.value.detail).to.equal(null);
    store.setDetail({ runId: 'amber', key: 'samples/grid', step: 200, index: 0 });
    await el.updateComplete;
    expect(dialog(el).open, 'opens again for the next image').to.equal(true);
    await shown(el);
  });

  it('steps through the run with ←/→ and across runs with ↑/↓, at the nearest earlier step', async () => {
    const source = createMemorySource(dataset);
    const store = await storeFor(source, dataset);
    const el = await opened(store, source);
    await shown(el);
    await waitUntil(() => !button(el, 'Next step').disabled);
    await sendKeys({ press: 'ArrowRight' });
    expect(store.value.detail).to.deep.equal({ runId: 'amber', key: 'samples/grid', step: 200, index: 0 });
    await waitUntil(() => image(el)?.alt.endsWith('step 200'));
    expect(button(el, 'Next step').disabled).to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    expect(store.value.detail).to.deep.equal({ runId: 'brook', key: 'samples/grid', step: 150, index: 0 });
    await waitUntil(() => image(el)?.alt === 'a lighthouse at dusk, brook-fern-2, samples/grid #1, step 150');
    await sendKeys({ press: 'ArrowLeft' });
    expect(store.value.detail!.step).to.equal(0);
    await sendKeys({ press: 'ArrowLeft' });
    expect(store.value.detail!.step).to.equal(0);
    await sendKeys({ press: 'ArrowDown' });
    expect(store.value.detail).to.deep.equal({ runId: 'cedar', key: 'samples/grid', step: 0, index: 0 });
    await waitUntil(() => shadow(el).querySelector('[part="message"]'));
    expect(shadow(el).querySelector('[part="message"]')!.textContent).to.contain(
      'cedar-moss-1 logged no image under samples/grid at step 0.',
    );
    expect(button(el, 'Next run').disabled).to.equal(true);
    button(el, 'Previous run').click();
    expect(store.value.detail!.runId).to.equal('brook');
  });

  it('loads the neighbouring steps ahead of time', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    const store = await storeFor(controlled.source, dataset);
    const el = await opened(store, controlled.source);
    await shown(el);
    const steps = () => controlled.callsTo('at').map((c) => (c.args[1] as { step: number }).step);
    await waitUntil(() => steps().includes(0) && steps().includes(200), 'steps 0 and 200 were not loaded ahead');
  });

  describe('zoom and pan', () => {
    const big = viewerDataset([
      {
        id: 'amber',
        name: 'amber-glade-3',
        images: { big: { 10: { color: RED, width: 400, height: 300 }, 20: { color: BLUE, width: 400, height: 300 } } },
      },
    ]);

    async function openBig(): Promise<[ImageDetail, HTMLElement]> {
      const source = createMemorySource(big);
      const store = await storeFor(source, big);
      const el = await withContext(document.createElement('image-detail'), source, store);
      store.setDetail({ runId: 'amber', key: 'big', step: 10, index: 0 });
      await shown(el);
      return [el, shadow(el).querySelector<HTMLElement>('[part="stage"]')!];
    }

    it('fits the image, zooms with +/−, 1 and 0 and the buttons', async () => {
      const [el, stage] = await openBig();
      const box = stage.getBoundingClientRect();
      const fit = Math.min(box.width / 400, box.height / 300);
      expect(image(el)!.getBoundingClientRect().width).to.be.closeTo(400 * fit, 1);
      expect(button(el, 'Zoom in').parentElement!.querySelector('[part="zoom-level"]')!.textContent).to.equal(
        `${Math.round(fit * 100)}%`,
      );
      await sendKeys({ press: '+' });
      await el.updateComplete;
      expect(image(el)!.getBoundingClientRect().width).to.be.closeTo(400 * fit * 1.25, 1);
      await sendKeys({ press: '1' });
      await el.updateComplete;
      expect(image(el)!.getBoundingClientRect().width).to.be.closeTo(400, 1);
      expect(shadow(el).querySelector('[part="zoom-level"]')!.textContent).to.equal('100%');
      await sendKeys({ press: '0' });
      await el.updateComplete;
      expect(image(el)!.getBoundingClientRect().width).to.be.closeTo(400 * fit, 1);
      button(el, 'Zoom in').click();
      await el.updateComplete;
      expect(image(el)!.getBoundingClientRect().width).to.be.closeTo(400 * fit * 1.25, 1);
    });

    it('zooms the wheel around the cursor: the pixel under it stays under it', async () => {
      const [el, stage] = await openBig();
      const box = stage.getBoundingClientRect();
      const cursor = { x: box.left + box.width * 0.7, y: box.top + box.height * 0.4 };
      const fraction = () => {
        const r = image(el)!.getBoundingClientRect();
        return { x: (cursor.x - r.left) / r.width, y: (cursor.y - r.top) / r.height };
      };
      const before = fraction();
      stage.dispatchEvent(
        new WheelEvent('wheel', {
          deltaY: -300,
          clientX: cursor.x,
          clientY: cursor.y,
          bubbles: true,
          cancelable: true,
        }),
      );
      await el.updateComplete;
      expect(image(el)!.getBoundingClientRect().width).to.be.greaterThan(
        400 * Math.min(box.width / 400, box.height / 300) * 1.5,
      );
      expect(fraction().x).to.be.closeTo(before.x, 0.002);
      expect(fraction().y).to.be.closeTo(before.y, 0.002);
    });

    it('pans with the arrow keys when zoomed in (instead of changing step), and by dragging', async () => {
      const [el, stage] = await openBig();
      for (let i = 0; i < 4; i++) await sendKeys({ press: '+' });
      await el.updateComplete;
      const start = offset(image(el)!);
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(offset(image(el)!).x).to.be.lessThan(start.x);
      expect(image(el)!.alt).to.contain('step 10');
      const box = stage.getBoundingClientRect();
      const from = offset(image(el)!);
      await sendMouse({ type: 'move', position: [Math.round(box.left + 200), Math.round(box.top + 150)] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [Math.round(box.left + 230), Math.round(box.top + 160)] });
      await sendMouse({ type: 'up' });
      await el.updateComplete;
      expect(offset(image(el)!).x).to.be.closeTo(from.x + 30, 0.5);
      await press('Control+ArrowRight');
      await waitUntil(() => image(el)?.alt.endsWith('step 20'));
    });

    it('keeps the zoom when moving to an image of the same size', async () => {
      const [el] = await openBig();
      await sendKeys({ press: '1' });
      await el.updateComplete;
      await press('Control+ArrowRight');
      await waitUntil(() => image(el)?.alt.endsWith('step 20') && image(el)!.complete);
      expect(shadow(el).querySelector('[part="zoom-level"]')!.textContent).to.equal('100%');
    });
  });

  it('shows what failed and loads the image when Retry is clicked with the mouse', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    controlled.failNext('at', new NetworkError('Could not reach the Run Comparer server at /api: Failed to fetch.'));
    const store = await storeFor(controlled.source, dataset);
    const el = await opened(store, controlled.source);
    await waitUntil(() => shadow(el).querySelector('[part="retry-button"]'), 'no Retry button after the failure');
    expect(shadow(el).querySelector('[part="message"]')!.textContent).to.contain('Could not reach the server');
    const retry = shadow(el).querySelector('[part="retry-button"]')!.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(retry.left + retry.width / 2), Math.round(retry.top + retry.height / 2)],
    });
    const img = await shown(el);
    expect(img.alt).to.equal('a red fox in snow, amber-glade-3, samples/grid #1, step 100');
  });

  it('works from properties alone, without a store', async () => {
    const el = await fixture<ImageDetail>(html`<image-detail></image-detail>`);
    el.source = createMemorySource(dataset);
    el.runs = selectionOf(dataset);
    el.image = { runId: 'amber', key: 'val/hero', step: 200, index: 0 };
    const img = await shown(el);
    expect(img.alt).to.equal('hero shot, amber-glade-3, val/hero, step 200');
    const navigated = oneEvent(el, 'image-open');
    await sendKeys({ press: 'ArrowLeft' });
    await navigated;
    expect(el.image).to.deep.equal({ runId: 'amber', key: 'val/hero', step: 0, index: 0 });
    button(el, 'Close').click();
    await oneEvent(el, 'close');
    expect(el.image).to.equal(null);
    expect(dialog(el).open).to.equal(false);
  });
});
