import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, type Run } from '@run-comparer/wandb-client';
import './define.js';
import { manyRuns } from '../../test-support/datasets.js';
import { press, type } from '../../test-support/keyboard.js';
import { mountInSource } from '../../test-support/mount.js';
import type { RunPicker } from './run-picker.js';

/** Generated: 1,000 runs named run-0 (newest) to run-999. */
const thousand = manyRuns(1000);
const shadow = (picker: RunPicker) => picker.shadowRoot!;
const options = (picker: RunPicker) => [...shadow(picker).querySelectorAll<HTMLElement>('[role="option"]')];
const listbox = (picker: RunPicker) => shadow(picker).querySelector<HTMLElement>('[role="listbox"]')!;
const scroller = (picker: RunPicker) => shadow(picker).querySelector<HTMLElement>('[part="scroller"]')!;
const activeOption = (picker: RunPicker) =>
  shadow(picker).getElementById(listbox(picker).getAttribute('aria-activedescendant')!);
const nameOf = (option: Element | null) => option?.querySelector('[part~="run-name"]')?.textContent;
/** Options whose box is inside the scroller's: what the user sees. */
const inView = (picker: RunPicker) => {
  const box = scroller(picker).getBoundingClientRect();
  return options(picker).filter((o) => {
    const r = o.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  });
};

async function givenRuns(): Promise<RunPicker> {
  const source = createMemorySource(thousand);
  const runs: Run[] = [];
  let cursor: string | null = null;
  do {
    const page = await source.list({ entity: thousand.entity, project: thousand.project, perPage: 100, cursor });
    runs.push(...page.runs);
    cursor = page.nextCursor;
  } while (cursor);
  const picker = await fixture<RunPicker>(html`<run-picker search-delay="0" .runs=${runs}></run-picker>`);
  await waitUntil(() => options(picker)[0]?.style.position === 'absolute', 'the rows were never measured');
  return picker;
}

describe('<run-picker> with 1,000 runs', () => {
  it('keeps only the rows in view (and a few more) in the DOM, each saying where it stands', async () => {
    const picker = await givenRuns();
    expect(options(picker).length).to.be.within(5, 30);
    expect(options(picker)[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(options(picker)[0]!.getAttribute('aria-setsize')).to.equal('1000');
    scroller(picker).scrollTop = scroller(picker).scrollHeight;
    await waitUntil(() => nameOf(inView(picker).at(-1)!) === 'run-999', 'scrolled to the end, run-999 is not in view');
    expect(options(picker).length).to.be.within(5, 30);
    expect(inView(picker).at(-1)!.getAttribute('aria-posinset')).to.equal('1000');
    await expect(picker).to.be.accessible();
  });

  it('renders the rows a taller list brings into view', async () => {
    const picker = await givenRuns();
    const blank = () =>
      scroller(picker).getBoundingClientRect().bottom - inView(picker).at(-1)!.getBoundingClientRect().bottom;
    picker.style.setProperty('--run-picker-list-height', '120rem');
    await waitUntil(() => scroller(picker).clientHeight > 1500 && blank() < 80, 'blank rows below the last rendered');
    const shown = inView(picker).map((o) => Number(o.getAttribute('aria-posinset')));
    expect(shown.length).to.be.above(20);
    expect(shown, 'no gap: the rows in view follow each other').to.deep.equal(shown.map((_, i) => i + 1));
  });

  it('moves with Home, End and type-ahead to rows not rendered before, and selects all with Ctrl+A', async () => {
    const picker = await givenRuns();
    listbox(picker).focus();
    await press('End');
    await waitUntil(() => nameOf(activeOption(picker)) === 'run-999', 'End: run-999 is not the active option');
    expect(inView(picker)).to.include(activeOption(picker));
    await press('Home');
    await waitUntil(() => nameOf(activeOption(picker)) === 'run-0', 'Home: run-0 is not the active option');
    await type('run-45');
    await waitUntil(() => nameOf(activeOption(picker)) === 'run-45', 'typing run-45 did not move to it');
    expect(inView(picker)).to.include(activeOption(picker));
    await press('Control+a');
    await waitUntil(() => picker.value.length === 1000, 'Ctrl+A did not select all 1,000');
    expect(options(picker).length).to.be.within(5, 30);
  });

  it('filters 1,000 runs and renders only the matches in view', async () => {
    const picker = await givenRuns();
    shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await type('run-99');
    await waitUntil(() => options(picker)[0]?.getAttribute('aria-setsize') === '11', 'run-99 and run-990..999');
    expect(options(picker).map(nameOf)).to.include.members(['run-99', 'run-999']);
  });

  it('shows the matches of a filter typed while scrolled far down the list', async () => {
    const picker = await givenRuns();
    scroller(picker).scrollTop = scroller(picker).scrollHeight;
    await waitUntil(() => nameOf(inView(picker).at(-1)!) === 'run-999', 'scrolled to the end');
    shadow(picker).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await type('run-99');
    const matches = () => inView(picker).filter((o) => nameOf(o)!.startsWith('run-99'));
    await waitUntil(() => matches().length >= 4, 'the matches are not in view');
    expect(options(picker)[0]!.getAttribute('aria-setsize')).to.equal('11');
    expect(matches(), 'the list box is filled with matches').to.have.length(inView(picker).length);
  });

  it('pages through a source of 1,000 runs as the user scrolls, the DOM staying small', async () => {
    const mounted = await mountInSource(thousand, html`<run-picker search-delay="0"></run-picker>`);
    const picker = mounted.provider.querySelector('run-picker')!;
    await waitUntil(() => options(picker)[0]?.getAttribute('aria-setsize') === '50', 'first page');
    await waitUntil(() => options(picker)[0]!.style.position === 'absolute', 'the rows were never measured');
    let largest = 0;
    while (options(picker)[0]?.getAttribute('aria-setsize') !== '1000') {
      const before = options(picker)[0]!.getAttribute('aria-setsize');
      scroller(picker).scrollTop = scroller(picker).scrollHeight;
      await waitUntil(() => options(picker)[0]!.getAttribute('aria-setsize') !== before, `no page after ${before}`);
      largest = Math.max(largest, options(picker).length);
    }
    expect(largest, 'rows in the DOM at most').to.be.at.most(30);
    expect(mounted.callsTo('list')).to.have.length(20);
    expect(shadow(picker).textContent).to.contain('1000 runs');
  });
});
