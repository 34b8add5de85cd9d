import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import './define.js';
import '../image-compare/define.js';
import '../run-comparer/define.js';
import { axisRuns } from '../../test-support/axis-datasets.js';
import { press } from '../../test-support/keyboard.js';
import { mountInSource } from '../../test-support/mount.js';
import type { ImageCompare } from '../image-compare/image-compare.js';
import type { RunComparer } from '../run-comparer/run-comparer.js';
import type { StepSlider } from './step-slider.js';

const thumb = (el: StepSlider) => el.shadowRoot!.querySelector<HTMLElement>('[role="slider"]')!;
const axisSelect = (el: StepSlider) => el.shadowRoot!.querySelector<HTMLSelectElement>('[part="axis-select"]');
const lanes = (el: StepSlider) =>
  [...el.shadowRoot!.querySelectorAll('[part="lane"]')].map(
    (lane) => lane.querySelector('.visually-hidden')!.textContent,
  );
/** Per grid row: the run, the alt text of its image and the note under it. */
const gridRows = (grid: ImageCompare) =>
  [...grid.shadowRoot!.querySelectorAll('tbody tr[data-row-id]')].map((row) => ({
    run: row.getAttribute('data-row-id'),
    alt: row.querySelector('img')?.alt ?? row.querySelector('[part~="placeholder"]')?.textContent?.trim(),
    note: row.querySelector('[part="step-note"]')?.textContent ?? null,
  }));
const settled = (grid: ImageCompare) =>
  !grid.shadowRoot!.querySelector('.skeleton, [aria-busy="true"]') && !!grid.shadowRoot!.querySelector('img');

function choose(select: HTMLSelectElement, value: string): void {
  select.focus();
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function mounted(runs: string[]) {
  const data = axisRuns();
  const m = await mountInSource(data, html`<step-slider></step-slider><image-compare></image-compare>`);
  await m.selectRuns(runs);
  m.provider.store.setKeys(['samples/grid']);
  const slider = m.provider.querySelector('step-slider')!;
  const grid = m.provider.querySelector('image-compare')!;
  await waitUntil(() => axisSelect(slider), 'no step axis select');
  return { ...m, slider, grid };
}

describe('<step-slider> step axis', () => {
  it('offers the numeric keys the runs share; on epoch the runs line up by epoch, not by _step', async () => {
    const { slider, grid, provider } = await mounted(['fast', 'slow']);
    const select = axisSelect(slider)!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['_step', 'epoch']);
    expect(select.labels[0]!.textContent).to.equal('Step axis');
    await waitUntil(() => thumb(slider)?.getAttribute('aria-valuetext') === 'step 600, 6 of 6');

    choose(select, 'epoch');
    await waitUntil(() => thumb(slider)?.getAttribute('aria-valuetext') === 'epoch 4, 5 of 5', 'not on epochs 0..4');
    expect(provider.store.value.axis?.key).to.equal('epoch');
    expect(provider.store.value.step, 'the selection holds the epoch').to.equal(4);
    await waitUntil(() => settled(grid) && gridRows(grid)[1]?.note === 'step 600 · nearest earlier');
    expect(gridRows(grid)).to.deep.equal([
      { run: 'fast', alt: 'samples/grid at 400, fast-run, samples/grid, step 400', note: 'step 400' },
      { run: 'slow', alt: 'samples/grid at 600, slow-run, samples/grid, step 600', note: 'step 600 · nearest earlier' },
    ]);
    expect(grid.shadowRoot!.querySelector('caption')!.textContent!.trim()).to.equal('epoch 4');

    thumb(slider).focus();
    await press('ArrowLeft');
    await press('ArrowLeft');
    await waitUntil(() => provider.store.value.step === 2 && settled(grid) && gridRows(grid)[1]?.note === 'step 400');
    expect(
      gridRows(grid).map((r) => r.note),
      'epoch 2 is step 200 in one run, 400 in the other',
    ).to.deep.equal(['step 200', 'step 400']);
    expect(lanes(slider)).to.deep.equal(['fast-run has epoch 2', 'slow-run has epoch 2']);
    await expect(slider).to.be.accessible();
    await expect(grid).to.be.accessible();

    choose(axisSelect(slider)!, '');
    await waitUntil(() => thumb(slider)?.getAttribute('aria-valuetext') === 'step 600, 6 of 6', 'back on _step');
    expect(provider.store.value.axis).to.equal(null);
    await waitUntil(() => settled(grid) && gridRows(grid)[0]?.note === 'step 400 · nearest earlier');
    expect(gridRows(grid).map((r) => r.note)).to.deep.equal(['step 400 · nearest earlier', null]);
  });

  it('a run with gaps on the axis shows its image at the largest value at or below, nearest earlier', async () => {
    const { slider, grid, provider } = await mounted(['fast', 'gappy']);
    choose(axisSelect(slider)!, 'epoch');
    await waitUntil(() => thumb(slider)?.getAttribute('aria-valuemax') === '4');
    provider.store.setStep(1);
    await waitUntil(() => settled(grid) && gridRows(grid)[1]?.note === 'step 0 · nearest earlier');
    expect(gridRows(grid).map((r) => r.note)).to.deep.equal(['step 100', 'step 0 · nearest earlier']);
    expect(lanes(slider)).to.deep.equal(['fast-run has epoch 1', 'gappy-run shows its earlier epoch 0']);
    const ticks = slider.shadowRoot!.querySelectorAll('[part="lane"] .lane-ticks');
    expect(ticks[1]!.getAttribute('d'), 'gappy has images at epochs 0 and 2 only').to.equal('M0 0v12M500 0v12');
  });

  it('says so when the runs log none of the chosen axis, and the select still goes back to _step', async () => {
    const { slider, provider } = await mounted(['fast']);
    provider.store.set({ axis: { key: 'samples_seen', placement: null }, step: null });
    await waitUntil(() => slider.shadowRoot!.textContent!.includes('logged no images under the chosen keys'));
    expect([...axisSelect(slider)!.options].map((o) => o.value)).to.deep.equal(['', 'epoch', 'samples_seen']);
    await expect(slider).to.be.accessible();
    choose(axisSelect(slider)!, '');
    await waitUntil(() => thumb(slider)?.getAttribute('aria-valuetext') === 'step 400, 5 of 5');
  });
});

describe('<run-comparer> step axis in the URL', () => {
  const original = location.href;
  afterEach(() => history.replaceState(null, '', original));

  it('writes axis=epoch with the epoch as the step, and a link opens the same view', async () => {
    const data = axisRuns();
    const url = new URL(original);
    url.search = `entity=acme&project=epochs&run=fast&run=slow&key=samples/grid&axis=epoch&step=2`;
    history.replaceState(null, '', url);
    const el = await fixture<RunComparer>(
      html`<run-comparer .source=${createMemorySource(data)} initial-runs="0"></run-comparer>`,
    );
    await el.ready;
    const slider = el.shadowRoot!.querySelector('step-slider')!;
    const grid = el.shadowRoot!.querySelector('image-compare')!;
    await waitUntil(
      () => thumb(slider)?.getAttribute('aria-valuetext') === 'epoch 2, 3 of 5',
      'not restored at epoch 2',
    );
    expect(axisSelect(slider)!.value).to.equal('epoch');
    await waitUntil(() => settled(grid) && gridRows(grid)[1]?.note === 'step 400');
    expect(gridRows(grid).map((r) => r.note)).to.deep.equal(['step 200', 'step 400']);

    thumb(slider).focus();
    await press('ArrowRight');
    await waitUntil(() => new URLSearchParams(location.search).get('step') === '3');
    expect(new URLSearchParams(location.search).get('axis')).to.equal('epoch');
    choose(axisSelect(slider)!, '');
    await waitUntil(() => !new URLSearchParams(location.search).has('axis'), 'axis stays in the URL on _step');
  });
});
