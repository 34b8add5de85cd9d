import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  createMemorySource,
  NetworkError,
  RateLimitError,
  thumbnailUrl,
  thumbnailWidth,
  type MediaUrl,
  type RunSource,
} from '@run-comparer/wandb-client';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { SelectionStore } from '../context/selection-store.js';
import { controlledSource } from '../../test-support/controlled-source.js';
import { growingSource } from '../../test-support/growing-source.js';
import { press } from '../../test-support/keyboard.js';
import { swatchNumber } from '../../test-support/css-color.js';
import { selectionOf, threeRunProject } from '../../test-support/viewer-fixtures.js';
import { imagesDecoded, storeFor, withContext } from '../../test-support/viewer-mount.js';
import './define.js';
import type { CompareMarkEvent } from '../events/compare-mark.js';
import type { ImageOpenEvent } from '../events/image-open.js';
import type { ImageCompare } from './image-compare.js';

const dataset = threeRunProject();
const KEYS = ['samples/grid', 'val/hero'];

const shadow = (el: ImageCompare) => el.shadowRoot!;
const rowsOf = (el: ImageCompare) => [...shadow(el).querySelectorAll('tbody tr[data-row-id]')];
const altsOf = (row: Element) => [...row.querySelectorAll('img')].map((img) => img.alt);
const thumbs = (el: ImageCompare) => [...shadow(el).querySelectorAll<HTMLButtonElement>('.thumb')];

/** Wait until nothing is loading and every thumbnail has its URL, then until images decode. */
async function loaded(el: ImageCompare): Promise<HTMLImageElement[]> {
  await waitUntil(() => !shadow(el).querySelector('.skeleton, [aria-busy="true"]'), 'the grid did not finish loading');
  return imagesDecoded(shadow(el));
}

async function mounted(
  source: RunSource,
  partial: Parameters<typeof storeFor>[2],
): Promise<[ImageCompare, SelectionStore]> {
  const store = await storeFor(source, dataset, { keys: KEYS, ...partial });
  const el = await withContext(document.createElement('image-compare'), source, store);
  return [el, store];
}

describe('<image-compare>', () => {
  it('shows a row per run and a column per key and image, with real decoded images', async () => {
    const [el] = await mounted(createMemorySource(dataset), { step: 200 });
    const images = await loaded(el);
    expect(images).to.have.length(2 + 1 + 2 + 2);
    for (const image of images) expect(image.naturalWidth, image.alt).to.equal(8);
    const headers = [...shadow(el).querySelectorAll('[part="run-header"]')].map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['amber-glade-3', 'brook-fern-2', 'cedar-moss-1']);
    const swatch = shadow(el).querySelector<HTMLElement>('[part="run-swatch"]')!;
    expect(getComputedStyle(swatch).backgroundColor).to.equal('rgb(42, 118, 195)');
    expect(swatchNumber(swatch), "the run's number: the second cue beside its colour").to.equal('1');
    const keyHeaders = [...shadow(el).querySelectorAll('[part="key-header"]')].map((th) => th.textContent!.trim());
    expect(keyHeaders).to.deep.equal(['samples/grid', 'val/hero']);
    expect(altsOf(rowsOf(el)[0]!)).to.deep.equal([
      'a red fox in snow, amber-glade-3, samples/grid #1, step 200',
      'a lighthouse at dusk, amber-glade-3, samples/grid #2, step 200',
      'hero shot, amber-glade-3, val/hero, step 200',
    ]);
    const captions = [...rowsOf(el)[0]!.querySelectorAll('[part~="caption"]')].map((p) => p.textContent);
    expect(captions).to.deep.equal(['a red fox in snow', 'a lighthouse at dusk', 'hero shot']);
    expect(shadow(el).querySelector('caption')!.textContent).to.contain('Step 200');
  });

  it('passes an accessibility audit', async () => {
    const [el] = await mounted(createMemorySource(dataset), { step: 150 });
    await loaded(el);
    await expect(el).to.be.accessible();
  });

  it('uses the nearest earlier step and says so; a run with none gets a placeholder', async () => {
    const [el] = await mounted(createMemorySource(dataset), { step: 120 });
    await loaded(el);
    const [amber, brook, cedar] = rowsOf(el);
    expect(altsOf(amber!)[0]).to.contain('step 100');
    expect(amber!.querySelector('[part="step-note"]')!.textContent).to.equal('step 100 · nearest earlier');
    expect(amber!.querySelectorAll('[part="step-note"]')).to.have.length(3);
    expect(brook!.querySelector('[part="step-note"]')!.textContent).to.equal('step 0 · nearest earlier');
    expect(brook!.querySelectorAll('img')).to.have.length(2);
    const placeholders = [...cedar!.querySelectorAll('[part="placeholder"]')].map((p) => p.textContent!.trim());
    expect(placeholders).to.deep.equal(['No image at or before step 120', 'No image at or before step 120']);
  });

  it('marks nothing when the run has the exact step', async () => {
    const [el] = await mounted(createMemorySource(dataset), { step: 100 });
    await loaded(el);
    const amberGrid = rowsOf(el)[0]!.querySelectorAll('td')[0]!;
    expect(amberGrid.querySelector('[part="step-note"]')).to.equal(null);
  });

  it('lines lists up by caption, with the prompts as column headers', async () => {
    const [el] = await mounted(createMemorySource(dataset), { step: 150, keys: ['samples/grid'] });
    await loaded(el);
    expect(altsOf(rowsOf(el)[1]!)[0]).to.match(/^a lighthouse at dusk, brook/);
    el.align = 'caption';
    await el.updateComplete;
    const columns = [...shadow(el).querySelectorAll('[part="column-header"]')].map((th) => th.textContent!.trim());
    expect(columns).to.deep.equal(['a red fox in snow', 'a lighthouse at dusk']);
    expect(altsOf(rowsOf(el)[0]!)[0]).to.match(/^a red fox in snow, amber/);
    expect(altsOf(rowsOf(el)[1]!)[0]).to.match(/^a red fox in snow, brook/);
    expect(altsOf(rowsOf(el)[1]!)[1]).to.match(/^a lighthouse at dusk, brook/);
    expect(shadow(el).querySelectorAll('[part~="caption"]')).to.have.length(0);
  });

  it('says when nothing is logged at or before the step, or at all, and asks for a selection', async () => {
    const [el, store] = await mounted(createMemorySource(dataset), { step: 100, keys: ['samples/grid'] });
    store.setRuns(store.value.runs.slice(2).map(({ ref, run }) => ({ ref, run })));
    const text = () => shadow(el).querySelector('[part="message"]')?.textContent ?? '';
    await waitUntil(() => text().includes('No images logged under these keys at or before step 100'));
    expect(text()).to.contain('Pick a later step or other image keys.');
    store.setKeys(['val/hero']);
    await waitUntil(() => text().includes('No images logged under these keys yet'));
    store.setKeys([]);
    await el.updateComplete;
    expect(text()).to.contain('Select runs and image keys');
  });

  it('works without a store or provider, from properties alone', async () => {
    const el = await fixture<ImageCompare>(html`<image-compare></image-compare>`);
    expect(shadow(el).textContent).to.contain('No image source');
    el.source = createMemorySource(dataset);
    el.runs = selectionOf(dataset).slice(0, 1);
    el.keys = ['val/hero'];
    el.step = null;
    await el.updateComplete;
    const [image] = await loaded(el);
    expect(image!.alt).to.equal('hero shot, amber-glade-3, val/hero, step 200');
    expect(shadow(el).querySelector('caption')!.textContent).to.contain('Latest step (200)');
  });

  it('never lets a slow answer for an old step replace the current one', async () => {
    const controlled = controlledSource(createMemorySource(dataset), { honorAbort: false });
    dataset.runs.forEach(() => controlled.failNext('index', new NetworkError('no index here'))); // so each step is asked for
    controlled.hold('at');
    const [el, store] = await mounted(controlled.source, { step: 0, keys: ['samples/grid'] });
    el.prefetch = 0;
    const stepOf = (call: { args: unknown[] }) => (call.args[1] as { step: number }).step;
    // Each row at exactly step 0 first (cedar too: its steps are not known yet).
    await waitUntil(() => controlled.callsTo('at').length === 3, 'step 0 was not asked for');
    const old = controlled.callsTo('at');
    store.setStep(100);
    await waitUntil(() => controlled.callsTo('at').some((c) => stepOf(c) === 100), 'step 100 was not asked for');
    expect(old.every((call) => call.signal?.aborted)).to.equal(true);
    for (const call of old) call.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await el.updateComplete;
    expect(altsOf(rowsOf(el)[0]!)).to.deep.equal([]);
    expect(rowsOf(el)[0]!.querySelector('.skeleton')).to.not.equal(null);
    for (const call of controlled.callsTo('at').slice(old.length)) call.release();
    await loaded(el);
    expect(altsOf(rowsOf(el)[0]!)[0]).to.contain('step 100');
    expect(altsOf(rowsOf(el)[1]!)[0]).to.contain('step 0');
    expect(rowsOf(el)[1]!.querySelector('[part="step-note"]')!.textContent).to.equal('step 0 · nearest earlier');
  });

  it('loads the image index of the selection once, in parts: later steps show at once and cost no request', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    const [el, store] = await mounted(controlled.source, { step: 0, keys: ['samples/grid'] });
    await loaded(el);
    const indexed = controlled.callsTo('index');
    // One run first (to learn what a run weighs), then as many as fit in one answer: here the other two.
    expect(indexed.map((c) => (c.args[0] as Array<{ runId: string }>).map((r) => r.runId))).to.deep.equal([
      ['amber'],
      ['brook', 'cedar'],
    ]);
    for (const call of indexed) expect(call.args[1]).to.deep.equal({ keys: ['samples/grid'] });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20)); // the neighbours' prefetch
    await settle();
    const before = controlled.calls.length;
    // amber logs at 0, 100, 200; brook at 0, 150: each row shows its nearest step at or before.
    for (const [step, amber, brook] of [
      [100, 100, 0],
      [150, 100, 150],
      [200, 200, 150],
    ]) {
      store.setStep(step!);
      await el.updateComplete;
      expect(shadow(el).querySelectorAll('.skeleton').length, `step ${step} waited for data`).to.equal(0);
      expect(altsOf(rowsOf(el)[0]!)[0]).to.contain(`step ${amber}`);
      expect(altsOf(rowsOf(el)[1]!)[0]).to.contain(`step ${brook}`);
      await settle();
    }
    const later = controlled.calls.slice(before).map((c) => c.method);
    expect(later.filter((method) => method !== 'mediaUrl')).to.deep.equal([]);
  });

  it('follows runs that are still training: new steps show without a reload', async () => {
    const { source, grow } = growingSource(dataset, 100);
    const store = await storeFor(source, dataset, { keys: ['samples/grid'], step: null });
    const el = document.createElement('image-compare');
    el.liveInterval = 100;
    await withContext(el, source, store);
    await loaded(el);
    expect(altsOf(rowsOf(el)[0]!)[0]).to.contain('step 100');
    grow();
    await waitUntil(() => altsOf(rowsOf(el)[0]!)[0]?.includes('step 200'), 'the new step 200 never showed');
    expect(shadow(el).querySelector('caption')!.textContent).to.contain('Latest step (200)');
  });

  it('does not look for new steps of finished runs', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    const store = await storeFor(controlled.source, dataset, { keys: ['samples/grid'], step: null });
    const el = document.createElement('image-compare');
    el.liveInterval = 20;
    await withContext(el, controlled.source, store);
    await loaded(el);
    const indexed = controlled.callsTo('index').length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(controlled.callsTo('index')).to.have.length(indexed);
  });

  it('without an index, prefetches neighbouring steps: the next step shows at once, with no new request', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    dataset.runs.forEach(() => controlled.failNext('index', new NetworkError('no index here')));
    const [el, store] = await mounted(controlled.source, { step: 0, keys: ['samples/grid'] });
    await loaded(el);
    const stepsAsked = () => controlled.callsTo('at').map((c) => (c.args[1] as { step: number }).step);
    await waitUntil(() => stepsAsked().includes(100) && stepsAsked().includes(150), 'no prefetch of 100 and 150');
    const urlsAsked = () => controlled.callsTo('mediaUrl').map((c) => String(c.args[1]));
    await waitUntil(() => urlsAsked().some((paths) => paths.includes('_100_')), 'no prefetch of media URLs');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = controlled.calls.length;
    store.setStep(100);
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('.skeleton').length).to.equal(0);
    expect(altsOf(rowsOf(el)[0]!)).to.deep.equal([
      'a red fox in snow, amber-glade-3, samples/grid #1, step 100',
      'a lighthouse at dusk, amber-glade-3, samples/grid #2, step 100',
    ]);
    const later = controlled.calls.slice(before);
    expect(later.filter((c) => c.method === 'steps')).to.have.length(0);
    expect(later.filter((c) => c.method === 'at' && (c.args[1] as { step: number }).step === 100)).to.have.length(0);
    expect(later.filter((c) => c.method === 'mediaUrl' && String(c.args[1]).includes('_100_'))).to.have.length(0);
  });

  it('moves through thumbnails with the arrow keys and opens one with Enter', async () => {
    const [el, store] = await mounted(createMemorySource(dataset), { step: 200 });
    await loaded(el);
    const all = thumbs(el);
    expect(all.map((t) => t.tabIndex).filter((t) => t === 0)).to.have.length(1);
    all[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(shadow(el).activeElement!.querySelector('img')!.alt).to.match(/^hero shot, amber/);
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement!.querySelector('img')!.alt).to.match(/brook-fern-2, samples\/grid #2, step 150/);
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(el).activeElement!.querySelector('img')!.alt).to.match(/cedar-moss-1, samples\/grid #2/);
    await press('Control+Home');
    expect(shadow(el).activeElement === all[0], 'Ctrl+Home goes to the first thumbnail').to.equal(true);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(shadow(el).activeElement!.getAttribute('tabindex')).to.equal('0');
    const opened = oneEvent<ImageOpenEvent>(el, 'image-open');
    await sendKeys({ press: 'Enter' });
    expect((await opened).image).to.deep.equal({ runId: 'amber', key: 'val/hero', step: 200, index: 0 });
    expect(store.value.detail).to.deep.equal({ runId: 'amber', key: 'val/hero', step: 200, index: 0 });
  });

  it('marks A then B for comparison with Shift+Enter and Shift+click, labelled on the thumbnails', async () => {
    const [el, store] = await mounted(createMemorySource(dataset), { step: 200 });
    await loaded(el);
    thumbs(el)[0]!.focus();
    await press('Shift+Enter');
    await el.updateComplete;
    expect(store.value.compare).to.deep.equal([{ runId: 'amber', key: 'samples/grid', step: 200, index: 0 }]);
    expect(thumbs(el)[0]!.querySelector('[part="mark"]')!.textContent).to.equal('A');
    expect(thumbs(el)[0]!.textContent).to.contain('marked A for comparison');
    const target = thumbs(el)[3]!.getBoundingClientRect();
    const marked = oneEvent<CompareMarkEvent>(el, 'compare-mark');
    await sendKeys({ down: 'Shift' });
    await sendMouse({ type: 'click', position: [Math.round(target.x + 20), Math.round(target.y + 20)] });
    await sendKeys({ up: 'Shift' });
    expect((await marked).images).to.have.length(2);
    await el.updateComplete;
    expect(store.value.compare[1]).to.deep.equal({ runId: 'brook', key: 'samples/grid', step: 150, index: 0 });
    expect(thumbs(el)[3]!.querySelector('[part="mark"]')!.textContent).to.equal('B');
    expect(store.value.detail).to.equal(null);
  });

  it('shows a failure with its reason and loads again on Retry', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    controlled.failNext('index', new NetworkError('connection reset'));
    controlled.failNext('steps', new NetworkError('connection reset'));
    const [el] = await mounted(controlled.source, { step: 200, keys: ['val/hero'] });
    await waitUntil(() => shadow(el).querySelector('[part="error"]'));
    const error = shadow(el).querySelector('[part="error"]')!;
    expect(error.textContent).to.contain('Could not reach the server: connection reset');
    error.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => shadow(el).querySelector('img'), 'Retry did not load the images');
    expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
    expect(shadow(el).querySelector('img')!.alt).to.match(/^hero shot, amber/);
  });

  it('retries by itself when the server says when (rate limits)', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    controlled.failNext('index', new RateLimitError('Too many requests.', 300));
    controlled.failNext('steps', new RateLimitError('Too many requests.', 300));
    const [el] = await mounted(controlled.source, { step: 200, keys: ['val/hero'] });
    await waitUntil(() => shadow(el).querySelector('[part="error"]'));
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.contain('rate limited, retrying in 1 s');
    await waitUntil(() => shadow(el).querySelector('img'), 'no automatic retry');
    const runsIndexed = controlled
      .callsTo('index')
      .map((c) => (c.args[0] as Array<{ runId: string }>).map((r) => r.runId));
    // The first part (amber) failed: the others were asked one by one (nothing told what a run weighs), then amber again.
    expect(runsIndexed, 'the retry asks for the index of the run that failed again').to.deep.equal([
      ['amber'],
      ['brook'],
      ['cedar'],
      ['amber'],
    ]);
  });

  /** A source whose first `broken` media URLs do not decode. */
  function flakyMedia(broken: number) {
    const inner = createMemorySource(dataset);
    const asked: string[] = [];
    const source: RunSource = {
      ...inner,
      mediaUrl: async (ref, paths, options) => {
        asked.push(...paths);
        const media = await inner.mediaUrl(ref, paths, options);
        return media.map((m): MediaUrl =>
          m.url !== null && broken-- > 0 ? { ...m, url: 'data:image/png;base64,AAAA' } : m,
        );
      },
    };
    return { source, asked };
  }

  it('gets a fresh URL once when an image fails to load', async () => {
    const { source, asked } = flakyMedia(1);
    const [el] = await mounted(source, { step: 200, keys: ['val/hero'] });
    el.runs = selectionOf(dataset).slice(0, 1);
    el.prefetch = 0;
    await waitUntil(
      () => shadow(el).querySelector('img')?.complete && shadow(el).querySelector('img')!.naturalWidth > 0,
    );
    expect(asked).to.deep.equal(['media/images/val_hero_200_0_amber.png', 'media/images/val_hero_200_0_amber.png']);
  });

  it('shows an error tile with Retry when the fresh URL fails too', async () => {
    const { source, asked } = flakyMedia(2);
    const [el] = await mounted(source, { step: 200, keys: ['val/hero'] });
    el.runs = selectionOf(dataset).slice(0, 1);
    el.prefetch = 0;
    await waitUntil(() => shadow(el).querySelector('[part="error"]'), 'no error tile');
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.contain(
      'Could not load the image media/images/val_hero_200_0_amber.png.',
    );
    expect(asked).to.have.length(2);
    shadow(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => shadow(el).querySelector('img')?.naturalWidth, 'Retry did not load the image');
    expect(asked).to.have.length(3);
  });

  it('asks an HTTP source for thumbnails at the shown size', async () => {
    const inner = createMemorySource(dataset, { mediaBaseUrl: '/missing-media' });
    const [el] = await mounted({ ...inner, kind: 'http', thumbnailUrl }, { step: 200, keys: ['val/hero'] });
    const sources = new Set<string>();
    new MutationObserver(() =>
      shadow(el)
        .querySelectorAll('img')
        .forEach((img) => sources.add(img.getAttribute('src')!)),
    ).observe(shadow(el), { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
    el.thumbSize = 100;
    const expected = `/missing-media/amber/media/images/val_hero_200_0_amber.png?w=${thumbnailWidth(100, devicePixelRatio)}`;
    await waitUntil(() => sources.has(expected), `never asked for ${expected}`);
    expect(devicePixelRatio !== 1 || expected.endsWith('?w=128')).to.equal(true);
  });

  it('fetches expiring URLs again before they lapse', async () => {
    const inner = createMemorySource(dataset);
    let version = 0;
    const source: RunSource = {
      ...inner,
      mediaUrl: async (ref, paths, options) => {
        version++;
        const media = await inner.mediaUrl(ref, paths, options);
        const expiresAt = new Date(Date.now() + 1500).toISOString();
        return media.map((m) => (m.url === null ? m : { ...m, url: `${m.url}#v${version}`, expiresAt }));
      },
    };
    const [el] = await mounted(source, { step: 200, keys: ['val/hero'] });
    el.runs = selectionOf(dataset).slice(0, 1);
    el.prefetch = 0;
    await loaded(el);
    const first = shadow(el).querySelector('img')!.src;
    await waitUntil(() => shadow(el).querySelector('img')!.src !== first, 'the URL was not refreshed', {
      timeout: 4000,
    });
    expect(shadow(el).querySelector('img')!.src).to.match(/#v\d+$/);
  });
});
