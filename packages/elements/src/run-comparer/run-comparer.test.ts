import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { sendMouse } from '@web/test-runner-commands';
import '../wandb-source/define.js';
import './define.js';
import { project, threeRuns } from '../../test-support/datasets.js';
import { press, type } from '../../test-support/keyboard.js';
import type { RunComparer } from './run-comparer.js';
import { SelectionStore } from '../context/selection-store.js';
import { readViewState, writeViewState } from './url-state.js';
import { urlHistory } from '../../test-support/url-history.js';

const original = location.href;
const { openAt, params, pushed: entries } = urlHistory();
const inner = (el: RunComparer, tag: string) => el.shadowRoot!.querySelector(tag)!;
const runIds = (el: RunComparer) => el.store.value.runs.map((r) => r.ref.runId);
const pickerOptions = (el: RunComparer) => [
  ...inner(el, 'run-picker').shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]'),
];

async function mount(dataset: Dataset | Dataset[] = threeRuns(), attrs = { initialRuns: 0 }) {
  const el = await fixture<RunComparer>(
    html`<run-comparer
      .source=${createMemorySource(dataset)}
      entity="acme"
      project="diffusion"
      initial-runs=${attrs.initialRuns}
    ></run-comparer>`,
  );
  await waitUntil(() => el.store.value.project, 'the project opens');
  await el.ready;
  return el;
}

async function click(element: Element) {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + 12), Math.round(box.top + box.height / 2)] });
}

describe('<run-comparer>', () => {
  it('opens the newest runs on a first visit, with keys and the latest step, and is accessible', async () => {
    const before = entries();
    const el = await mount(threeRuns(), { initialRuns: 2 });
    await waitUntil(() => el.store.value.step !== null, 'a step is chosen');
    expect(runIds(el)).to.deep.equal(['amber01', 'brook02']);
    expect(el.store.value.keys).to.deep.equal(['samples/ema', 'samples/grid', 'val/reals']);
    expect(el.store.value.step).to.equal(300);
    await waitUntil(() => params().get('step') === '300');
    expect(params().getAll('run')).to.deep.equal(['amber01', 'brook02']);
    expect(entries(), 'opening replaces, it does not push').to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('reopens exactly the view a link describes', async () => {
    openAt('entity=acme&project=diffusion&run=brook02&run=amber01&key=samples/grid&step=100');
    const el = await mount();
    expect(runIds(el)).to.deep.equal(['brook02', 'amber01']);
    expect(el.store.value.keys).to.deep.equal(['samples/grid']);
    const slider = () => inner(el, 'step-slider').shadowRoot!.querySelector('[role="slider"]');
    await waitUntil(() => slider()?.getAttribute('aria-valuenow') === '100', 'the slider shows the linked step');
    expect(el.store.value.step).to.equal(100);
    await waitUntil(() => pickerOptions(el).filter((o) => o.getAttribute('aria-selected') === 'true').length === 2);
    const state = readViewState(params());
    expect(state.runs).to.deep.equal(['brook02', 'amber01']);
  });

  it('adds history entries for selections, replaces for steps, and Back/Forward restore them', async () => {
    openAt('run=amber01&key=samples/grid');
    const el = await mount();
    await waitUntil(() => params().get('step') === '300');
    await waitUntil(() => pickerOptions(el).length === 3);
    const start = entries();
    await click(pickerOptions(el)[1]!);
    await waitUntil(() => params().getAll('run').length === 2);
    expect(params().getAll('run')).to.deep.equal(['amber01', 'brook02']);
    expect(entries()).to.equal(start + 1);

    const slider = inner(el, 'step-slider').shadowRoot!.querySelector<HTMLElement>('[role="slider"]')!;
    slider.focus();
    await press('Home');
    await waitUntil(() => params().get('step') === '0');
    expect(entries(), 'step moves replace').to.equal(start + 1);

    history.back();
    await waitUntil(() => runIds(el).join() === 'amber01', 'Back restores the earlier selection');
    expect(el.store.value.keys).to.deep.equal(['samples/grid']);
    history.forward();
    await waitUntil(() => runIds(el).join() === 'amber01,brook02', 'Forward comes back');
    expect(el.store.value.step).to.equal(0);
  });

  it('records opening and closing an image as history entries, moving within it in place', async () => {
    openAt('run=amber01&key=samples/grid&step=100');
    const el = await mount();
    await waitUntil(() => params().get('step') === '100');
    const start = entries();
    const image = { runId: 'amber01', key: 'samples/grid', step: 100, index: 0 };
    el.store.setDetail(image);
    await waitUntil(() => params().get('detail') === 'amber01:100:0:samples/grid');
    expect(entries()).to.equal(start + 1);
    el.store.setDetail({ ...image, step: 200 });
    await waitUntil(() => params().get('detail') === 'amber01:200:0:samples/grid');
    expect(entries(), 'moving within the open image replaces').to.equal(start + 1);
    el.store.setDetail(null);
    await waitUntil(() => !params().has('detail'));
    expect(entries()).to.equal(start + 2);
    history.back();
    await waitUntil(() => el.store.value.detail?.step === 200, 'Back reopens the image');
    el.store.setCompare([image, { ...image, runId: 'amber01', step: 300 }]);
    await waitUntil(() => params().getAll('compare').length === 2);
    expect(readViewState(params()).compare).to.deep.equal(el.store.value.compare);
  });

  it('reopens the image and the comparison a link names; their dialogs load with this entry alone', async () => {
    openAt('run=amber01&run=brook02&key=samples/grid&step=100&detail=brook02:100:0:samples/grid');
    const el = await mount();
    const dialog = (tag: string) => inner(el, tag).shadowRoot?.querySelector('dialog');
    await waitUntil(() => dialog('image-detail')?.open, 'the linked image opens');
    expect(dialog('image-detail')!.querySelector('[part="title"]')!.textContent).to.contain('brook-fern-2');
    inner(el, 'image-detail').shadowRoot!.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    await waitUntil(() => !el.store.value.detail, 'closing clears the detail');
    el.store.setCompare([
      { runId: 'amber01', key: 'samples/grid', step: 100, index: 0 },
      { runId: 'brook02', key: 'samples/grid', step: 100, index: 0 },
    ]);
    await waitUntil(() => dialog('image-pair')?.open, 'the comparison opens');
    expect(dialog('image-pair')!.querySelector('h2')!.textContent).to.equal('Compare A and B');
  });

  it('says which runs of a link could not be opened and opens the rest', async () => {
    openAt('run=gone99&run=cedar03');
    const el = await mount();
    expect(runIds(el)).to.deep.equal(['cedar03']);
    await el.updateComplete;
    const notice = el.shadowRoot!.querySelector('[part="notice"]')!;
    expect(notice.textContent).to.contain('gone99').and.contain('not found');
    notice.querySelector('button')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="notice"]')).to.equal(null);
  });

  it('opens another project from the header, as a new history entry', async () => {
    const other = project([{ id: 'solo', displayName: 'solo-run', images: { 'samples/grid': [5] } }], 'acme', 'other');
    const el = await mount([threeRuns(), other]);
    const start = entries();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="project"] button')!.click();
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector<HTMLFormElement>('[part="project-form"]')!;
    const projectInput = form.querySelector<HTMLInputElement>('input[name="project"]')!;
    projectInput.focus();
    projectInput.select();
    await type('other');
    await press('Enter');
    await waitUntil(() => el.store.value.project?.project === 'other');
    await waitUntil(() => pickerOptions(el).length === 1, 'the picker lists the other project');
    await waitUntil(() => params().get('project') === 'other');
    expect(entries()).to.equal(start + 1);
    expect(el.shadowRoot!.activeElement?.textContent?.trim(), 'focus returns to the Change button').to.equal('Change');
  });

  it('leaves the URL alone with no-url', async () => {
    const el = await fixture<RunComparer>(
      html`<run-comparer
        no-url
        .source=${createMemorySource(threeRuns())}
        entity="acme"
        project="diffusion"
      ></run-comparer>`,
    );
    await waitUntil(() => el.store.value.runs.length === 3);
    await el.ready;
    expect(location.href).to.equal(original);
  });

  it('uses the source and project of an enclosing <wandb-source>', async () => {
    const outer = await fixture(
      html`<wandb-source .source=${createMemorySource(threeRuns())} entity="acme" project="diffusion">
        <run-comparer initial-runs="1"></run-comparer>
      </wandb-source>`,
    );
    const el = outer.querySelector('run-comparer')!;
    await waitUntil(() => el.store.value.runs.length === 1, 'the newest run opens');
    expect(el.store).to.equal((outer as HTMLElementTagNameMap['wandb-source']).store);
    expect(runIds(el)).to.deep.equal(['amber01']);
  });

  it('keeps a selection the enclosing <wandb-source> already holds when the URL names none', async () => {
    const source = createMemorySource(threeRuns());
    const cedar = await source.get({ entity: 'acme', project: 'diffusion', runId: 'cedar03' });
    const store = new SelectionStore({ project: { entity: 'acme', project: 'diffusion' } });
    store.setRuns([{ ref: { entity: 'acme', project: 'diffusion', runId: 'cedar03' }, run: cedar }]);
    const outer = await fixture(
      html`<wandb-source .store=${store} .source=${source} entity="acme" project="diffusion">
        <run-comparer></run-comparer>
      </wandb-source>`,
    );
    const el = outer.querySelector('run-comparer')!;
    await waitUntil(() => params().getAll('run').length === 1, 'the view is written');
    expect(runIds(el)).to.deep.equal(['cedar03']);
  });
});

describe('view state in the URL', () => {
  it('round-trips every part and keeps the page’s own parameters', () => {
    const state = {
      project: { entity: 'acme', project: 'diffusion' },
      runs: ['b', 'a'],
      keys: ['samples/grid', 'val: reals'],
      step: 1200,
      compare: [
        { runId: 'a', key: 'samples/grid', step: 1200, index: 2 },
        { runId: 'b', key: 'val: reals', step: 1100, index: 0 },
      ],
      detail: { runId: 'b', key: 'samples/grid', step: 1200, index: 1 },
      align: 'caption' as const,
    };
    const written = writeViewState(state, new URLSearchParams('theme=dark&step=4'));
    expect(written.get('theme')).to.equal('dark');
    expect(readViewState(written)).to.deep.equal(state);
  });

  it('skips malformed values instead of failing', () => {
    const state = readViewState(new URLSearchParams('entity=acme&step=-3&compare=x:y:z&detail=a:1:0:&align=diagonal'));
    expect(state).to.deep.equal({
      project: null,
      runs: [],
      keys: [],
      step: null,
      compare: [],
      detail: null,
      align: null,
    });
  });
});
