import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { sendKeys } from '@web/test-runner-commands';
import '../wandb-source/define.js';
import './define.js';
import { threeRunProject } from '../../test-support/viewer-fixtures.js';
import type { RunComparer } from './run-comparer.js';
import { readSample, writeSample } from './evolution-view.js';
import { readViewState, writeViewState } from './url-state.js';
import { urlHistory } from '../../test-support/url-history.js';

const { openAt, pushed } = urlHistory();

const params = () => new URLSearchParams(location.search);
const root = (el: RunComparer) => el.shadowRoot!;
const evolution = (el: RunComparer) => root(el).querySelector('image-evolution');
const frames = (el: RunComparer, row: number) => [
  ...(evolution(el)?.shadowRoot?.querySelectorAll<HTMLElement>(`[role="gridcell"][data-row="${row}"]`) ?? []),
];
const dialog = (el: RunComparer, tag: string) => root(el).querySelector(tag)?.shadowRoot?.querySelector('dialog');

async function mount(query: string): Promise<RunComparer> {
  openAt(`entity=acme&project=diffusion&${query}`);
  const el = await fixture<RunComparer>(
    html`<run-comparer .source=${createMemorySource(threeRunProject())} initial-runs="0"></run-comparer>`,
  );
  await waitUntil(() => el.store.value.runs.length, 'the linked runs open');
  await el.ready;
  return el;
}

describe('evolution view: the sample in the URL', () => {
  it('round-trips key (colons included), list position and caption, and skips a malformed sample', () => {
    const params = new URLSearchParams('other=1');
    writeSample({ key: 'eval:ema/grid', index: 3, caption: 'a fox' }, params);
    expect(params.toString()).to.equal('other=1&view=evolution&sample=eval%3Aema%2Fgrid%3A3&caption=a+fox');
    expect(readSample(params)).to.deep.equal({ key: 'eval:ema/grid', index: 3, caption: 'a fox' });
    expect(readSample(new URLSearchParams('view=evolution&sample=samples/grid'))).to.equal(null);
    expect(readSample(new URLSearchParams('sample=samples/grid:0'))).to.equal(null, 'the grid view');
    const state = readViewState(new URLSearchParams('view=evolution&sample=k:1'));
    expect(state.sample).to.deep.equal({ key: 'k', index: 1, caption: null });
    const written = writeViewState({ ...state, sample: null }, new URLSearchParams('view=evolution&sample=k:1'));
    expect([...written.keys()]).to.deep.equal([], 'back to the grid drops the sample');
  });
});

describe('<run-comparer> evolution view', () => {
  it('opens from the detail view on that image, follows it across steps, and goes back to the grid', async () => {
    const el = await mount('run=amber&run=brook&key=samples/grid&step=100&detail=amber:100:1:samples/grid');
    await waitUntil(() => dialog(el, 'image-detail')?.open, 'the detail view opens', { timeout: 5000 });
    const before = pushed();
    await sendKeys({ press: 'e' });
    await waitUntil(() => evolution(el), 'the evolution view replaces the grid', { timeout: 5000 });
    expect(root(el).querySelector<HTMLElement>('.grid-card:has(image-compare)')!.hidden).to.equal(true);
    await waitUntil(() => !dialog(el, 'image-detail')?.open, 'the detail view closes');
    await waitUntil(() => params().get('view') === 'evolution');
    expect(params().get('sample')).to.equal('samples/grid:1');
    expect(params().has('detail')).to.equal(false);
    expect(pushed() - before, 'one history entry').to.equal(1);
    expect(evolution(el)!.imageKey).to.equal('samples/grid');
    expect(evolution(el)!.index).to.equal(1);
    await waitUntil(() => frames(el, 0).some((f) => f.querySelector('img')?.complete), 'frames show');
    expect(frames(el, 0).map((f) => f.getAttribute('aria-label'))[0]).to.contain('amber-glade-3');
    expect(root(el).activeElement?.getAttribute('part')).to.equal('grid-button');
    await expect(el).to.be.accessible();

    frames(el, 0)[0]!.click();
    await waitUntil(() => el.store.value.step === 0, 'a frame moves the step');
    await waitUntil(() => params().get('step') === '0');

    const back = root(el).querySelector<HTMLButtonElement>('[part="grid-button"]')!;
    back.click();
    await waitUntil(
      () => !root(el).querySelector<HTMLElement>('.grid-card:has(image-compare)')!.hidden,
      'the grid is back',
    );
    expect(evolution(el)).to.equal(null);
    await waitUntil(() => !params().has('view'));
    expect(params().has('sample')).to.equal(false);
    expect(root(el).activeElement?.getAttribute('part')).to.equal('evolution-button');
  });

  it('compares two Shift+clicked steps of one run in the compare dialog', async () => {
    const el = await mount('run=amber&run=brook&key=samples/grid&step=200&view=evolution&sample=samples/grid:0');
    await waitUntil(() => frames(el, 0).length === 4, 'a frame per step', { timeout: 5000 });
    frames(el, 0)[3]!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    frames(el, 0)[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await waitUntil(() => dialog(el, 'image-pair')?.open, 'the comparison opens');
    expect(el.store.value.compare).to.deep.equal([
      { runId: 'amber', key: 'samples/grid', step: 0, index: 0 },
      { runId: 'amber', key: 'samples/grid', step: 200, index: 0 },
    ]);
    const titles = dialog(el, 'image-pair')!.textContent!;
    expect(titles).to.contain('step 0').and.to.contain('step 200');
  });

  it('reopens from a link following a caption, and the visible button opens the image opened last', async () => {
    const el = await mount(
      'run=amber&run=brook&key=samples/grid&key=val/hero&view=evolution&sample=samples/grid:0&caption=a+lighthouse+at+dusk',
    );
    await waitUntil(() => evolution(el), 'the linked evolution view opens', { timeout: 5000 });
    expect(evolution(el)!.caption).to.equal('a lighthouse at dusk');
    expect(root(el).querySelector('.evolution-bar')!.textContent).to.contain('Following “a lighthouse at dusk”');
    // brook logged the lighthouse first in its list: the strip finds it by caption.
    await waitUntil(() => frames(el, 1).some((f) => f.getAttribute('aria-label')?.includes('lighthouse')));

    root(el).querySelector<HTMLButtonElement>('[part="grid-button"]')!.click();
    await waitUntil(() => !evolution(el));
    root(el).querySelector<HTMLButtonElement>('[part="evolution-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => evolution(el), 'the button opens the view', { timeout: 5000 });
    expect(params().get('sample')).to.equal('samples/grid:0', 'nothing opened: the first key, first image');
    const key = root(el).querySelector<HTMLSelectElement>('.evolution-bar select')!;
    key.value = 'val/hero';
    key.dispatchEvent(new Event('change'));
    await waitUntil(() => params().get('sample') === 'val/hero:0', 'picking another key');
    expect(evolution(el)!.imageKey).to.equal('val/hero');
  });
});
