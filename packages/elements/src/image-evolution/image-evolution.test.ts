import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { sendKeys } from '@web/test-runner-commands';
import { controlledSource } from '../../test-support/controlled-source.js';
import { press } from '../../test-support/keyboard.js';
import { threeRunProject, viewerDataset, type Rgb } from '../../test-support/viewer-fixtures.js';
import { storeFor, withContext } from '../../test-support/viewer-mount.js';
import type { SelectionStore } from '../context/selection-store.js';
import type { StepChangeEvent } from '../events/step-change.js';
import { unionSteps, visibleColumns } from './evolution-columns.js';
import './define.js';
import type { ImageEvolution } from './image-evolution.js';

const shadow = (el: ImageEvolution) => el.shadowRoot!;
const frames = (el: ImageEvolution, row: number) => [
  ...shadow(el).querySelectorAll<HTMLElement>(`[role="gridcell"][data-row="${row}"]`),
];
const headers = (el: ImageEvolution) =>
  [...shadow(el).querySelectorAll('[part="step"]')].map((h) => Number(h.textContent));

async function mounted(dataset: Dataset, source = createMemorySource(dataset), width = 900) {
  const store = await storeFor(source, dataset, { keys: ['samples/grid'] });
  const el = document.createElement('image-evolution');
  el.style.width = `${width}px`;
  el.frameSize = 64;
  await withContext(el, source, store);
  await waitUntil(() => headers(el).length > 0, 'no steps');
  return { el, store };
}

/** One run logging `samples/grid` at 60 steps (0, 10, … 590), each a different shade. */
function longRun(): Dataset {
  const steps: Record<number, { color: Rgb }> = {};
  for (let i = 0; i < 60; i++) steps[i * 10] = { color: [i * 4, 100, 255 - i * 4] };
  return viewerDataset([{ id: 'long', name: 'long-run', images: { 'samples/grid': steps } }]);
}

describe('evolution columns', () => {
  it('are the union of the runs’ steps, and the range in view with overscan', () => {
    expect(unionSteps([[0, 100, 200], [0, 150], undefined, [200]])).to.deep.equal([0, 100, 150, 200]);
    expect(visibleColumns(0, 400, 100, 50, 60, 0)).to.deep.equal({ first: 0, last: 5 });
    expect(visibleColumns(1000, 400, 100, 50, 60, 2)).to.deep.equal({ first: 16, last: 27 });
    expect(visibleColumns(2900, 400, 100, 50, 60, 2)).to.deep.equal({ first: 54, last: 59 });
    expect(visibleColumns(0, 400, 100, 50, 0)).to.deep.equal({ first: 0, last: -1 });
  });
});

describe('<image-evolution>', () => {
  it('shows one row per run on the union of their steps, with empty cells where a run logged nothing, and passes an audit', async () => {
    const { el } = await mounted(threeRunProject());
    expect(headers(el)).to.deep.equal([0, 100, 150, 200]);
    const names = [...shadow(el).querySelectorAll('[part="run"]')].map((r) => r.textContent!.trim());
    expect(names).to.deep.equal(['amber-glade-3', 'brook-fern-2', 'cedar-moss-1']);
    await waitUntil(() => frames(el, 0)[0]!.querySelector('img')?.complete, 'amber step 0 not shown');
    expect(frames(el, 1).map((f) => f.classList.contains('empty'))).to.deep.equal([false, true, false, true]);
    expect(frames(el, 1)[1]!.getAttribute('aria-label')).to.equal('brook-fern-2, step 100: not logged');
    expect(frames(el, 0)[2]!.getAttribute('aria-label')).to.equal('amber-glade-3, step 150: not logged');
    await expect(el).to.be.accessible();
  });

  it('loads only the frames in view, and those scrolled to; frames scrolled away are dropped and their loads aborted', async () => {
    const dataset = longRun();
    const controlled = controlledSource(createMemorySource(dataset));
    const { el } = await mounted(dataset, controlled.source, 600);
    await waitUntil(() => frames(el, 0)[0]!.querySelector('img'), 'the first frame did not load');
    const asked = () => new Set(controlled.callsTo('at').map((c) => (c.args[1] as { step: number }).step));
    expect(asked().size, `asked ${[...asked()].join(' ')}`).to.be.below(15);
    expect(asked().has(590)).to.equal(false);

    controlled.hold('at');
    const before = controlled.callsTo('at').length;
    const strip = shadow(el).querySelector<HTMLElement>('[part="strip"]')!;
    strip.scrollLeft = 1500;
    await waitUntil(() => controlled.callsTo('at').length > before, 'no load in the middle');
    const middle = controlled.callsTo('at').slice(before);
    expect(middle.every((c) => (c.args[1] as { step: number }).step < 590)).to.equal(true);
    strip.scrollLeft = strip.scrollWidth;
    await waitUntil(() => middle.every((c) => c.signal?.aborted), 'the middle frames’ loads were not aborted');
    const released = new Set<unknown>();
    await waitUntil(() => {
      for (const call of controlled.callsTo('at'))
        if (!released.has(call)) {
          released.add(call);
          call.release();
        }
      return frames(el, 0)[59]!.querySelector('img');
    }, 'the last frame did not load');
    expect(frames(el, 0)[0]!.querySelector('img'), 'the first frame left the DOM').to.equal(null);
    expect(asked().has(590)).to.equal(true);
  });

  it('moves the selection’s step to a clicked frame, and compares two Shift+clicked frames of one run', async () => {
    const { el, store } = await mounted(threeRunProject());
    const changed = oneEvent(el, 'step-change') as Promise<StepChangeEvent>;
    frames(el, 0)[1]!.click();
    expect((await changed).step).to.equal(100);
    expect(store.value.step).to.equal(100);
    await el.updateComplete;
    expect(frames(el, 0)[1]!.getAttribute('part')).to.contain('current');

    frames(el, 0)[3]!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await el.updateComplete;
    expect(frames(el, 0)[3]!.getAttribute('aria-selected')).to.equal('true');
    expect(shadow(el).querySelector('[part="status"]')!.textContent).to.contain('Marked amber-glade-3 at step 200');
    frames(el, 0)[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    expect(store.value.compare).to.deep.equal([
      { runId: 'amber', key: 'samples/grid', step: 0, index: 0 },
      { runId: 'amber', key: 'samples/grid', step: 200, index: 0 },
    ]);
  });

  it('is used from the keyboard: arrows between frames, Enter jumps, Shift+Enter marks two to compare', async () => {
    const { el, store } = await mounted(threeRunProject());
    frames(el, 0)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(shadow(el).activeElement!.getAttribute('aria-label')).to.equal('brook-fern-2, step 100: not logged');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => shadow(el).activeElement?.getAttribute('data-column') === '2');
    await press('Enter');
    expect(store.value.step).to.equal(150);
    await press('Shift+Enter');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => shadow(el).activeElement?.getAttribute('data-column') === '0');
    await press('Shift+Enter');
    expect(store.value.compare.map((t) => [t.runId, t.step])).to.deep.equal([
      ['brook', 0],
      ['brook', 150],
    ]);
    expect((store as SelectionStore).value.step, 'marking does not move the step').to.equal(150);
  });

  it('follows a caption across runs that logged it at different list positions', async () => {
    const { el, store } = await mounted(threeRunProject());
    el.caption = 'a red fox in snow';
    await waitUntil(
      () => frames(el, 1)[0]!.getAttribute('aria-label')!.includes('#2'),
      'brook’s frame not found by caption',
    );
    expect(frames(el, 0)[0]!.getAttribute('aria-label')).to.equal(
      'a red fox in snow, amber-glade-3, samples/grid #1, step 0',
    );
    expect(frames(el, 1)[0]!.getAttribute('aria-label')).to.equal(
      'a red fox in snow, brook-fern-2, samples/grid #2, step 0',
    );
    const shiftClick = (frame: HTMLElement) =>
      frame.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    await waitUntil(() => frames(el, 1)[2]!.getAttribute('aria-label')!.includes('#2'), 'brook at 150 not found');
    shiftClick(frames(el, 1)[0]!);
    shiftClick(frames(el, 1)[2]!);
    expect(store.value.compare).to.deep.equal([
      { runId: 'brook', key: 'samples/grid', step: 0, index: 1 },
      { runId: 'brook', key: 'samples/grid', step: 150, index: 1 },
    ]);
  });
});
