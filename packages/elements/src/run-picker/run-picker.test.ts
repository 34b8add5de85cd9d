import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, NetworkError, RateLimitError, type Dataset } from '@run-comparer/wandb-client';
import { sendMouse } from '@web/test-runner-commands';
import './define.js';
import type { RunSelectionChangeEvent } from '../events/run-selection-change.js';
import { controlledSource } from '../../test-support/controlled-source.js';
import { manyRuns, project, threeRuns } from '../../test-support/datasets.js';
import { press, type } from '../../test-support/keyboard.js';
import { mountInSource } from '../../test-support/mount.js';
import { cssRgb, swatchNumber } from '../../test-support/css-color.js';
import type { RunPicker } from './run-picker.js';

interface MountOptions {
  honorAbort?: boolean;
  hold?: boolean;
  /** Errors the first list calls fail with. */
  failures?: unknown[];
}

async function mount(dataset: Dataset = threeRuns(), { hold, failures = [], honorAbort }: MountOptions = {}) {
  const mounted = await mountInSource(dataset, html`<run-picker search-delay="0"></run-picker>`, {
    ...(honorAbort === undefined ? {} : { honorAbort }),
    prepare: (source) => {
      if (hold) source.hold('list');
      for (const failure of failures) source.failNext('list', failure);
    },
  });
  return { ...mounted, picker: mounted.provider.querySelector('run-picker')! };
}

const shadow = (picker: RunPicker) => picker.shadowRoot!;
const names = (picker: RunPicker) =>
  [...shadow(picker).querySelectorAll('[part~="run-name"]')].map((n) => n.textContent);
const options = (picker: RunPicker) => [...shadow(picker).querySelectorAll<HTMLElement>('[role="option"]')];
const selectedNames = (picker: RunPicker) =>
  options(picker)
    .filter((o) => o.getAttribute('aria-selected') === 'true')
    .map((o) => o.querySelector('[part~="run-name"]')!.textContent);
const listbox = (picker: RunPicker) => shadow(picker).querySelector<HTMLElement>('[role="listbox"]')!;
const text = (picker: RunPicker) => shadow(picker).textContent!.replace(/\s+/g, ' ');
/** Wait until the list holds `count` runs (only those in view are in the DOM; each says how many there are). */
const rowsShown = (picker: RunPicker, count: number) =>
  waitUntil(() => options(picker)[0]?.getAttribute('aria-setsize') === String(count), `${count} rows`);

async function click(element: Element) {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + 8), Math.round(box.top + box.height / 2)] });
}

describe('<run-picker>', () => {
  it('is accessible with runs loaded', async () => {
    const { picker } = await mount();
    await rowsShown(picker, 3);
    await expect(picker).to.be.accessible();
  });

  it('lists the project runs newest first with state, time, user, group and tags', async () => {
    const { picker } = await mount();
    await rowsShown(picker, 3);
    expect(names(picker)).to.deep.equal(['amber-glade-3', 'brook-fern-2', 'cedar-moss-1']);
    const first = options(picker)[0]!;
    expect(first.querySelector('[part~="state"]')!.textContent).to.equal('running');
    expect(first.querySelector('[part~="meta"]')!.textContent).to.contain('Ada Lovelace').and.contain('sweep-a');
    expect([...first.querySelectorAll('[part~="tag"]')].map((t) => t.textContent)).to.deep.equal(['lora', 'baseline']);
    const time = first.querySelector('time')!;
    expect(time.textContent).to.match(/ago|yesterday|last|just now/);
    expect(time.title).to.contain('2026');
    expect(first.textContent!.replace(/\s+/g, ' ').trim()).to.match(
      /^amber-glade-3 running .+ Ada Lovelace sweep-a lora baseline$/,
    );
    expect(text(picker)).to.contain('3 runs');
  });

  it('shows skeleton rows while the first page loads', async () => {
    const { picker, callsTo } = await mount(threeRuns(), { hold: true });
    await waitUntil(() => callsTo('list').length === 1);
    expect(shadow(picker).querySelectorAll('.skeleton-row').length).to.be.greaterThan(2);
    expect(text(picker)).to.contain('Loading runs');
    await expect(picker).to.be.accessible();
    callsTo('list')[0]!.release();
    await rowsShown(picker, 3);
    expect(shadow(picker).querySelector('.skeleton-row')).to.equal(null);
  });

  it('says when the project has no runs yet', async () => {
    const { picker } = await mount(project([], 'acme', 'empty'));
    await waitUntil(() => text(picker).includes('No runs in acme/empty yet'));
    await expect(picker).to.be.accessible();
  });

  it('shows an error with what to do, and Retry loads again', async () => {
    const { picker, callsTo } = await mount(threeRuns(), {
      hold: true,
      failures: [new NetworkError('connection refused.')],
    });
    await waitUntil(() => callsTo('list').length === 1);
    callsTo('list')[0]!.release();
    await waitUntil(() => shadow(picker).querySelector('[part="error"]'));
    expect(text(picker))
      .to.contain('Could not load runs')
      .and.contain('connection refused')
      .and.contain('Check your connection');
    await expect(picker).to.be.accessible();
    const retry = shadow(picker).querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    retry.click();
    await waitUntil(() => callsTo('list').length === 2);
    callsTo('list')[1]!.release();
    await rowsShown(picker, 3);
  });

  it('retries by itself after a rate limit, counting down', async () => {
    const { picker, callsTo } = await mount(threeRuns(), {
      failures: [new RateLimitError('Too many requests.', 1800)],
    });
    await waitUntil(() => text(picker).includes('Retrying in 2 s'));
    expect(text(picker)).to.contain('rate limited');
    expect(shadow(picker).querySelector('[part="retry-button"]')!.textContent).to.contain('Retry now');
    await waitUntil(() => text(picker).includes('Retrying in 1 s'), 'counts down', { timeout: 2000 });
    await waitUntil(() => options(picker).length === 3, 'retried', { timeout: 3000 });
    expect(callsTo('list')).to.have.length(2);
  });

  it('filters by text with the source search, and says when nothing matches', async () => {
    const { picker, callsTo } = await mount();
    await rowsShown(picker, 3);
    shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await type('baseline');
    await waitUntil(() => names(picker).length === 2);
    expect(names(picker)).to.deep.equal(['amber-glade-3', 'cedar-moss-1']);
    expect((callsTo('list').at(-1)!.args[0] as { search?: string }).search).to.equal('baseline');
    await type('zzz');
    await waitUntil(() => text(picker).includes('No runs match “baselinezzz”'));
    await expect(picker).to.be.accessible();
    shadow(picker).querySelector<HTMLButtonElement>('[part="clear-filter"]')!.click();
    await rowsShown(picker, 3);
  });

  it('narrows to a run state through the source filters, and says when nothing matches', async () => {
    const { picker, callsTo } = await mount();
    await rowsShown(picker, 3);
    const select = shadow(picker).querySelector<HTMLSelectElement>('[part="state-filter"]')!;
    select.value = 'failed';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => names(picker).join() === 'brook-fern-2');
    expect((callsTo('list').at(-1)!.args[0] as { filters?: unknown }).filters).to.deep.equal({
      state: { $in: ['crashed', 'failed'] },
    });
    shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await type('cedar');
    await waitUntil(() => text(picker).includes('No crashed or failed runs match “cedar”'));
    await expect(picker).to.be.accessible();
    shadow(picker).querySelector<HTMLButtonElement>('[part="clear-filter"]')!.click();
    await rowsShown(picker, 3);
    expect(select.value).to.equal('');
  });

  it('waits for typing to pause before searching', async () => {
    const { picker, callsTo } = await mount();
    await rowsShown(picker, 3);
    picker.searchDelay = 300;
    shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await type('cedar');
    await waitUntil(() => names(picker).length === 1);
    expect(callsTo('list').map((c) => (c.args[0] as { search?: string }).search)).to.deep.equal([undefined, 'cedar']);
  });

  it('never lets a slow answer to an earlier search replace a newer one', async () => {
    const { picker, callsTo, hold } = await mount(threeRuns(), { honorAbort: false });
    await rowsShown(picker, 3);
    hold('list');
    const lastSearch = () => (callsTo('list').at(-1)?.args[0] as { search?: string }).search;
    const input = shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!;
    input.focus();
    await type('brook');
    await waitUntil(() => lastSearch() === 'brook');
    const slow = callsTo('list').at(-1)!;
    input.select();
    await type('cedar');
    await waitUntil(() => lastSearch() === 'cedar');
    const fresh = callsTo('list').at(-1)!;
    expect(slow.signal!.aborted, 'the earlier search is aborted').to.equal(true);
    fresh!.release();
    await waitUntil(() => names(picker).join() === 'cedar-moss-1');
    for (const call of callsTo('list').slice(1, -1)) call.release();
    await aTimeout(50);
    expect(names(picker)).to.deep.equal(['cedar-moss-1']);
  });

  it('selects with the keyboard per the listbox pattern and fires change', async () => {
    const { picker } = await mount();
    await rowsShown(picker, 3);
    const changes: string[][] = [];
    picker.addEventListener('run-selection-change', (e: RunSelectionChangeEvent) =>
      changes.push(e.runs.map((r) => r.run.displayName)),
    );
    let platformChanges = 0;
    picker.addEventListener('change', () => platformChanges++);
    listbox(picker).focus();
    await press('ArrowDown');
    expect(listbox(picker).getAttribute('aria-activedescendant')).to.equal('option-1');
    await press('Space');
    expect(selectedNames(picker)).to.deep.equal(['brook-fern-2']);
    await press('Shift+ArrowDown');
    expect(selectedNames(picker)).to.deep.equal(['brook-fern-2', 'cedar-moss-1']);
    await press('Home');
    expect(listbox(picker).getAttribute('aria-activedescendant')).to.equal('option-0');
    await press('Control+a');
    expect(selectedNames(picker)).to.have.length(3);
    await press('Control+a');
    expect(selectedNames(picker)).to.deep.equal([]);
    await press('End');
    await press('Space');
    expect(selectedNames(picker)).to.deep.equal(['cedar-moss-1']);
    expect(changes).to.deep.equal([
      ['brook-fern-2'],
      ['brook-fern-2', 'cedar-moss-1'],
      ['brook-fern-2', 'cedar-moss-1', 'amber-glade-3'],
      [],
      ['cedar-moss-1'],
    ]);
    expect(platformChanges).to.equal(5);
  });

  it('selects every run the filter shows with a visible "Select all" named by how many, and Clear clears', async () => {
    const { picker, provider } = await mount();
    await rowsShown(picker, 3);
    const selectAll = () => shadow(picker).querySelector<HTMLButtonElement>('[part="select-all"]');
    expect(selectAll()!.textContent!.trim()).to.equal('Select all');
    expect(selectAll()!.getAttribute('aria-label')).to.equal('Select all 3 runs');
    shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await type('baseline');
    await waitUntil(() => names(picker).length === 2);
    await waitUntil(
      () => selectAll()?.getAttribute('aria-label') === 'Select all 2 runs',
      'the name follows the filter',
    );
    let changes = 0;
    picker.addEventListener('change', () => changes++);
    selectAll()!.focus();
    await press('Enter');
    await picker.updateComplete;
    expect(provider.store.value.runs.map((r) => r.run.displayName)).to.deep.equal(['amber-glade-3', 'cedar-moss-1']);
    expect(changes).to.equal(1);
    expect(selectAll(), 'nothing left to select').to.equal(null);
    expect(text(picker)).to.contain('2 selected');
    await expect(picker).to.be.accessible();
    shadow(picker).querySelector<HTMLButtonElement>('[part="clear-button"]')!.click();
    await picker.updateComplete;
    expect(provider.store.value.runs).to.deep.equal([]);
    expect(selectAll()!.getAttribute('aria-label')).to.equal('Select all 2 runs');
  });

  it('gives selected runs their colours from the shared selection, kept on deselecting others', async () => {
    const { picker, provider } = await mount();
    await rowsShown(picker, 3);
    await click(options(picker)[0]!);
    await click(options(picker)[2]!);
    const store = provider.store;
    const colorOfCedar = store.colorOf('cedar03')!;
    expect(store.value.runs.map((r) => r.ref.runId)).to.deep.equal(['amber01', 'cedar03']);
    const swatch = () => options(picker)[2]!.querySelector('[part~="check"]')!;
    expect(getComputedStyle(swatch()).backgroundColor).to.equal(cssRgb(colorOfCedar));
    expect(swatchNumber(swatch()), 'its number, as in the slider and the grid').to.equal('2');
    await click(options(picker)[0]!);
    expect(store.colorOf('cedar03')).to.equal(colorOfCedar);
    expect(swatchNumber(swatch())).to.equal('2');
    expect(selectedNames(picker)).to.deep.equal(['cedar-moss-1']);
  });

  it('fires no events when the selection is set by code', async () => {
    const { picker } = await mount();
    await rowsShown(picker, 3);
    let events = 0;
    picker.addEventListener('change', () => events++);
    picker.addEventListener('run-selection-change', () => events++);
    picker.value = ['brook02'];
    await picker.updateComplete;
    expect(selectedNames(picker)).to.deep.equal(['brook-fern-2']);
    expect(events).to.equal(0);
  });

  it('loads more runs with the button and by scrolling to the end', async () => {
    const { picker } = await mount(manyRuns(120));
    await rowsShown(picker, 50);
    expect(text(picker)).to.contain('50 of 120 runs');
    shadow(picker).querySelector<HTMLButtonElement>('[part="load-more"]')!.click();
    await rowsShown(picker, 100);
    const scroller = shadow(picker).querySelector<HTMLElement>('[part="scroller"]')!;
    scroller.scrollTop = scroller.scrollHeight;
    await rowsShown(picker, 120);
    expect(shadow(picker).querySelector('[part="load-more"]')).to.equal(null);
    scroller.scrollTop = scroller.scrollHeight;
    await waitUntil(() => names(picker).at(-1) === 'run-119', 'run-119 is not the last row');
  });

  it('shows runs given as a property without fetching, and filters them itself', async () => {
    const source = controlledSource(createMemorySource(threeRuns()));
    const runs = (await source.source.list({ entity: 'acme', project: 'diffusion' })).runs;
    const picker = await fixture<RunPicker>(html`<run-picker .runs=${runs}></run-picker>`);
    expect(names(picker)).to.have.length(3);
    shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await type('grace');
    await picker.updateComplete;
    expect(names(picker)).to.deep.equal(['brook-fern-2']);
    expect(source.callsTo('list')).to.have.length(1);
    await click(options(picker)[0]!);
    expect(picker.value).to.deep.equal(['brook02']);
    await expect(picker).to.be.accessible();
    picker.stateFilter = 'running';
    await picker.updateComplete;
    expect(text(picker)).to.contain('No running runs match “grace”');
  });

  it('asks for a source or a project when it has neither', async () => {
    const picker = await fixture<RunPicker>(html`<run-picker></run-picker>`);
    expect(text(picker)).to.contain('No run source');
    picker.source = createMemorySource(threeRuns());
    await picker.updateComplete;
    expect(text(picker)).to.contain('No project chosen');
  });
});
