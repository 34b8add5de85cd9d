import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { createMemorySource, type RunSource } from '@run-comparer/wandb-client';
import { sendKeys } from '@web/test-runner-commands';
import { controlledSource } from '../../test-support/controlled-source.js';
import { press } from '../../test-support/keyboard.js';
import { teamProject } from '../../test-support/team-fixtures.js';
import { imagesDecoded, storeFor, withContext } from '../../test-support/viewer-mount.js';
import type { SelectionStore } from '../context/selection-store.js';
import { imageScheduler } from '../data/image-scheduler.js';
import type { StepReadyEvent } from '../events/step-ready.js';
import './define.js';
import type { ImageCompare } from './image-compare.js';

const KEYS = ['main/samples', 'main/reals'];
const team = teamProject({ runs: 24, keys: KEYS, steps: [0, 100, 200], images: 2 });

const shadow = (el: ImageCompare) => el.shadowRoot!;
const rowsOf = (el: ImageCompare) => [...shadow(el).querySelectorAll<HTMLElement>('tbody tr[data-row-id]')];
const drawnRuns = (el: ImageCompare) => rowsOf(el).map((row) => row.dataset.rowId);
const scroller = (el: ImageCompare) => shadow(el).querySelector<HTMLElement>('.scroller')!;
const altsOf = (row: Element) => [...row.querySelectorAll('img')].map((img) => img.alt);
const focusedAlt = (el: ImageCompare) => shadow(el).activeElement?.querySelector('img')?.alt ?? '';

async function settled(el: ImageCompare): Promise<void> {
  await waitUntil(() => !shadow(el).querySelector('.skeleton, [aria-busy="true"]'), 'the grid did not finish loading', {
    timeout: 5000,
  });
  await imagesDecoded(shadow(el));
}

/** `<image-compare>` in a scroll box of `height` px over `source`. */
async function mount(
  source: RunSource,
  step: number,
  { height = 420, prefetch = 2, dataset = team } = {},
): Promise<[ImageCompare, SelectionStore]> {
  const store = await storeFor(source, dataset, { keys: KEYS, step });
  const el = document.createElement('image-compare');
  el.thumbSize = 96;
  el.prefetch = prefetch;
  el.style.setProperty('--max-height', `${height}px`);
  await withContext(el, source, store);
  return [el, store];
}

describe('<image-compare> at team scale (24 runs)', () => {
  it('draws only the rows on screen and a margin, and still tells assistive tech the whole grid', async () => {
    const [el] = await mount(createMemorySource(team), 100);
    await settled(el);
    const drawn = drawnRuns(el);
    expect(drawn.length, 'rows drawn').to.be.within(2, 8);
    expect(drawn[0]).to.equal('run-00');
    const table = shadow(el).querySelector('table')!;
    const headRows = shadow(el).querySelectorAll('thead tr').length;
    expect(table.getAttribute('aria-rowcount')).to.equal(String(24 + headRows));
    expect(table.getAttribute('aria-colcount')).to.equal(String(1 + KEYS.length * 2));
    expect(rowsOf(el).map((row) => Number(row.getAttribute('aria-rowindex')))).to.deep.equal(
      drawn.map((_, i) => headRows + 1 + i),
    );
    expect(altsOf(rowsOf(el)[0]!)[0]).to.contain('run-00, main/samples #1, step 100');

    const box = scroller(el);
    box.scrollTop = box.scrollHeight;
    await waitUntil(() => drawnRuns(el).includes('run-23'), 'the last row was not drawn when scrolled to');
    await settled(el);
    expect(drawnRuns(el)).to.not.include('run-00');
    const last = rowsOf(el).at(-1)!;
    expect(last.getAttribute('aria-rowindex')).to.equal(String(headRows + 24));
    expect(altsOf(last)).to.deep.equal([
      'prompt 0, run-23, main/samples #1, step 100',
      'prompt 1, run-23, main/samples #2, step 100',
      'prompt 0, run-23, main/reals #1, step 100',
      'prompt 1, run-23, main/reals #2, step 100',
    ]);
    // Measured rows replace the estimates: the end of the grid is where the scrollbar ends.
    box.scrollTop = box.scrollHeight;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await el.updateComplete;
    const bottom = rowsOf(el).at(-1)!.getBoundingClientRect().bottom;
    const view = box.getBoundingClientRect();
    expect(bottom, 'the last row sits at the bottom of the scroll box').to.be.within(view.bottom - 30, view.bottom + 1);
  });

  it('loads the images of the rows drawn, not of the whole selection', async () => {
    // Images of their own: none decoded by an earlier test.
    const own = teamProject({ runs: 24, keys: KEYS, steps: [1000, 1100, 1200], images: 2 });
    const before = imageScheduler().stats().started;
    const [el] = await mount(createMemorySource(own), 1200, { prefetch: 1, dataset: own });
    await settled(el);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the neighbouring step's prefetch
    const drawn = rowsOf(el).length;
    const started = imageScheduler().stats().started - before;
    // Each drawn row: 4 thumbnails at the step shown and 4 at the one before it.
    expect(started, `${drawn} rows drawn`).to.be.within(drawn * 4, drawn * 4 * 2);
    expect(started).to.be.below(24 * 4);
  });

  it('moves focus with the keyboard into rows not drawn yet, and keeps it there', async () => {
    const [el] = await mount(createMemorySource(team), 100);
    await settled(el);
    expect(drawnRuns(el)).to.not.include('run-23');
    shadow(el).querySelector<HTMLButtonElement>('.thumb')!.focus();
    await press('Control+End');
    await waitUntil(() => focusedAlt(el).includes('run-23'), 'Ctrl+End did not reach the last row');
    expect(focusedAlt(el)).to.equal('prompt 1, run-23, main/reals #2, step 100');
    await settled(el);
    expect(drawnRuns(el)).to.not.include('run-00');
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedAlt(el).includes('run-22'), 'ArrowUp did not move to the row above');
    await press('Control+Home');
    await waitUntil(() => focusedAlt(el).includes('run-00'), 'Ctrl+Home did not go back to the first row');
    expect(focusedAlt(el)).to.equal('prompt 0, run-00, main/samples #1, step 100');
  });

  it('walks down with ArrowDown past the rows drawn at first, focus kept as the grid redraws', async () => {
    const [el] = await mount(createMemorySource(team), 100);
    await settled(el);
    // The first row not drawn yet (how many are drawn depends on the rows' measured height).
    const drawn = drawnRuns(el);
    const below = Array.from({ length: 24 }, (_, i) => `run-${String(i).padStart(2, '0')}`).findIndex(
      (run) => !drawn.includes(run),
    );
    expect(below, 'some rows are not drawn at first').to.be.above(0);
    const target = `run-${String(below).padStart(2, '0')}`;
    shadow(el).querySelector<HTMLButtonElement>('.thumb')!.focus();
    for (let i = 0; i < below; i++) await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedAlt(el).includes(target), `ArrowDown did not walk down to ${target}`);
    await el.updateComplete;
    expect(focusedAlt(el), 'focus stays on the thumbnail it moved to after the grid redraws').to.contain(target);
    expect(shadow(el).activeElement!.getAttribute('tabindex')).to.equal('0');
  });

  it('keeps a row on its previous step until all its images of the new one are in: never a mix', async () => {
    const controlled = controlledSource(createMemorySource(team));
    const [el, store] = await mount(controlled.source, 0, { height: 300, prefetch: 0 });
    await settled(el);
    controlled.hold('mediaUrl');
    store.setStep(100);
    const runOf = (call: { args: unknown[] }) => (call.args[0] as { runId: string }).runId;
    const atStep100 = () => controlled.callsTo('mediaUrl').filter((c) => String(c.args[1]).includes('_100_'));
    await waitUntil(() => atStep100().some((c) => runOf(c) === 'run-00'), 'step 100 not asked for');
    await el.updateComplete;
    const [first, second] = rowsOf(el);
    for (const row of [first!, second!]) {
      for (const alt of altsOf(row)) expect(alt).to.contain('step 0');
      expect(row.getAttribute('aria-busy')).to.equal('true');
      expect(row.querySelector('[part="row-note"]')!.textContent).to.equal('step 0 · loading 100…');
    }
    expect(shadow(el).querySelector('caption')!.textContent).to.contain('Step 100');
    const ready = oneEvent<StepReadyEvent>(el, 'step-ready');
    for (const call of atStep100()) if (runOf(call) === 'run-00') call.release();
    await waitUntil(() => altsOf(rowsOf(el)[0]!).every((alt) => alt.includes('step 100')), 'row 0 did not move on');
    expect(altsOf(rowsOf(el)[0]!)).to.have.length(4);
    for (const alt of altsOf(rowsOf(el)[1]!)) expect(alt, 'row 1 keeps its whole previous step').to.contain('step 0');
    for (const call of atStep100()) call.release();
    expect((await ready).step).to.equal(100);
    await settled(el);
    for (const row of rowsOf(el)) for (const alt of altsOf(row)) expect(alt).to.contain('step 100');
  });
});

describe('<image-compare> headers while the grid scrolls both ways', () => {
  it('keeps the step, the key headers and the run names in view', async () => {
    const [el] = await mount(createMemorySource(team), 100, { height: 360 });
    el.style.width = '420px';
    el.style.display = 'block';
    await settled(el);
    const box = scroller(el);
    box.scrollTop = 1200;
    box.scrollLeft = 300;
    await waitUntil(() => !drawnRuns(el).includes('run-00'), 'scrolling down drew other rows');
    await el.updateComplete;
    const view = box.getBoundingClientRect();
    const step = shadow(el).querySelector('.step-label')!.getBoundingClientRect();
    expect(step.top, 'the step stays at the top').to.be.within(view.top, view.top + 12);
    expect(step.left, 'and at the left').to.be.within(view.left, view.left + 2);
    const caption = shadow(el).querySelector('caption')!.getBoundingClientRect();
    for (const header of shadow(el).querySelectorAll('[part="key-header"], [part="corner"]')) {
      const rect = header.getBoundingClientRect();
      expect(rect.top, `${header.textContent!.trim()} header sticks under the step`).to.be.closeTo(caption.bottom, 1);
    }
    const corner = shadow(el).querySelector('[part="corner"]')!.getBoundingClientRect();
    expect(corner.left, 'the corner sticks to the left').to.be.closeTo(view.left + box.clientLeft, 1);
    const firstDrawn = rowsOf(el).find((row) => row.getBoundingClientRect().bottom > corner.bottom)!;
    const runHeader = firstDrawn.querySelector('[part="run-header"]')!.getBoundingClientRect();
    expect(runHeader.left, 'run names stick to the left').to.be.closeTo(view.left + box.clientLeft, 1);
  });
});
