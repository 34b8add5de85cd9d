import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { NetworkError } from '@run-comparer/wandb-client';
import './define.js';
import type { ImageKeysChangeEvent } from '../events/image-keys-change.js';
import { project, threeRuns } from '../../test-support/datasets.js';
import { press } from '../../test-support/keyboard.js';
import { mountInSource, shadowText } from '../../test-support/mount.js';
import type { ImageKeyPicker } from './image-key-picker.js';

const picker = (root: Element) => root.querySelector('image-key-picker')!;
const rows = (el: ImageKeyPicker) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].map((o) => ({
    key: o.querySelector('[part="key"]')!.textContent,
    count: o.querySelector('[part~="count"]')!.textContent!.trim(),
    selected: o.getAttribute('aria-selected') === 'true',
  }));
const listbox = (el: ImageKeyPicker) => el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;

async function mount(content = html`<image-key-picker></image-key-picker>`, options = {}) {
  const mounted = await mountInSource(threeRuns(), content, options);
  return { ...mounted, el: picker(mounted.provider) };
}

describe('<image-key-picker>', () => {
  it('asks for runs first', async () => {
    const { el } = await mount();
    expect(shadowText(el)).to.contain('Select runs to see their image keys');
    await expect(el).to.be.accessible();
  });

  it('offers the union of the selected runs keys with how many runs logged each', async () => {
    const { el, selectRuns, provider } = await mount();
    await selectRuns(['amber01', 'brook02']);
    await waitUntil(() => rows(el).length === 3);
    expect(rows(el).map((r) => [r.key, r.count])).to.deep.equal([
      ['samples/ema', '1 of 2 runs'],
      ['samples/grid', '2 of 2 runs'],
      ['val/reals', '1 of 2 runs'],
    ]);
    expect(provider.store.value.keys, 'preselected').to.deep.equal(['samples/ema', 'samples/grid', 'val/reals']);
    await expect(el).to.be.accessible();
  });

  it('preselects the keys most runs logged, up to the limit, without firing change', async () => {
    const { el, selectRuns, provider } = await mount(html`<image-key-picker max-preselected="1"></image-key-picker>`);
    let events = 0;
    el.addEventListener('change', () => events++);
    await selectRuns(['amber01', 'brook02']);
    await waitUntil(() => rows(el).length === 3);
    expect(provider.store.value.keys).to.deep.equal(['samples/grid']);
    expect(
      rows(el)
        .filter((r) => r.selected)
        .map((r) => r.key),
    ).to.deep.equal(['samples/grid']);
    expect(events).to.equal(0);
  });

  it('preselects the keys holding samples before others, then those most runs logged', async () => {
    const el = await fixture<ImageKeyPicker>(
      html`<image-key-picker
        .imageKeys=${[
          { key: 'depth/pred', runs: 3 },
          { key: 'eval/masks', runs: 3 },
          { key: 'main/reals', runs: 3 },
          { key: 'main/samples', runs: 3 },
          { key: 'normals', runs: 3 },
          { key: 'samples_ema', runs: 1 },
          { key: 'val/best_sample', runs: 2 },
        ]}
      ></image-key-picker>`,
    );
    expect(el.value).to.deep.equal(['depth/pred', 'main/samples', 'samples_ema', 'val/best_sample']);
    expect(rows(el).filter((r) => r.selected).length).to.equal(4);
  });

  it('chooses keys with the keyboard and fires change with the keys', async () => {
    const { el, selectRuns, provider } = await mount(html`<image-key-picker max-preselected="1"></image-key-picker>`);
    await selectRuns(['amber01', 'brook02']);
    await waitUntil(() => rows(el).length === 3);
    const seen: string[][] = [];
    el.addEventListener('image-keys-change', (e: ImageKeysChangeEvent) => seen.push([...e.keys]));
    let changes = 0;
    el.addEventListener('change', () => changes++);
    listbox(el).focus();
    await press('Space');
    await press('End');
    await press('Space');
    expect(provider.store.value.keys).to.deep.equal(['samples/ema', 'samples/grid', 'val/reals']);
    await press('Control+a');
    expect(provider.store.value.keys).to.deep.equal([]);
    expect(seen).to.deep.equal([['samples/ema', 'samples/grid'], ['samples/ema', 'samples/grid', 'val/reals'], []]);
    expect(changes).to.equal(3);
  });

  it('"All keys" chooses every key, or none when all are chosen', async () => {
    const { el, selectRuns, provider } = await mount(html`<image-key-picker max-preselected="1"></image-key-picker>`);
    await selectRuns(['amber01', 'brook02']);
    await waitUntil(() => rows(el).length === 3);
    const all = el.shadowRoot!.querySelector<HTMLInputElement>('[part="select-all"]')!;
    expect(all.indeterminate).to.equal(true);
    all.click();
    await el.updateComplete;
    expect(provider.store.value.keys).to.have.length(3);
    expect(all.checked).to.equal(true);
    all.click();
    await el.updateComplete;
    expect(provider.store.value.keys).to.deep.equal([]);
    expect(shadowText(el)).to.contain('All keys (0 of 3)');
  });

  it('drops chosen keys the selected runs no longer have, but keeps an empty choice the user made', async () => {
    const { el, selectRuns, provider } = await mount();
    await selectRuns(['amber01', 'brook02']);
    await waitUntil(() => provider.store.value.keys.length === 3);
    await selectRuns(['amber01']);
    await waitUntil(() => rows(el).length === 2);
    expect(provider.store.value.keys).to.deep.equal(['samples/ema', 'samples/grid']);
    listbox(el).focus();
    await press('Control+a');
    expect(provider.store.value.keys).to.deep.equal([]);
    await selectRuns(['amber01', 'cedar03']);
    await waitUntil(() => rows(el).length === 2 && rows(el)[1]!.count === '2 of 2 runs');
    expect(provider.store.value.keys).to.deep.equal([]);
  });

  it('shows skeleton rows while loading and ignores answers for runs no longer selected', async () => {
    const { el, selectRuns, callsTo, provider } = await mount(undefined, {
      honorAbort: false,
      prepare: (s: { hold: (m: 'keys') => void }) => s.hold('keys'),
    });
    await selectRuns(['brook02']);
    await waitUntil(() => callsTo('keys').length === 1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.skeleton-row').length).to.be.greaterThan(0);
    await selectRuns(['amber01']);
    await waitUntil(() => callsTo('keys').length === 2);
    expect(callsTo('keys')[0]!.signal!.aborted).to.equal(true);
    callsTo('keys')[1]!.release();
    await waitUntil(() => rows(el).length === 2);
    callsTo('keys')[0]!.release();
    await aTimeout(50);
    expect(rows(el).map((r) => r.key)).to.deep.equal(['samples/ema', 'samples/grid']);
    expect(provider.store.value.keys).to.deep.equal(['samples/ema', 'samples/grid']);
  });

  it('says when the runs logged no images', async () => {
    const dataset = project([{ id: 'plain', displayName: 'no-images' }]);
    const mounted = await mountInSource(dataset, html`<image-key-picker></image-key-picker>`);
    await mounted.selectRuns(['plain']);
    const el = picker(mounted.provider);
    await waitUntil(() => shadowText(el).includes('This run logged no images'));
    await expect(el).to.be.accessible();
  });

  it('shows an error with Retry when no run could be read, and names runs that failed alone', async () => {
    const { el, selectRuns, failNext } = await mount();
    failNext('keys', new NetworkError('connection reset.'));
    await selectRuns(['amber01']);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'));
    expect(shadowText(el)).to.contain('Could not load image keys').and.contain('connection reset');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => rows(el).length === 2, 'Retry loads the keys');
    failNext('keys', new NetworkError('connection reset.'));
    await selectRuns(['amber01', 'brook02']);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="warning"]'));
    expect(shadowText(el)).to.match(/Could not read the keys of (amber-glade-3|brook-fern-2)/);
    expect(rows(el).length).to.be.greaterThan(0);
  });

  it('offers keys given as a property without a source', async () => {
    const el = await fixture<ImageKeyPicker>(
      html`<image-key-picker
        .imageKeys=${[
          { key: 'a', runs: 2 },
          { key: 'b', runs: 1 },
        ]}
      ></image-key-picker>`,
    );
    expect(rows(el).map((r) => [r.key, r.count, r.selected])).to.deep.equal([
      ['a', '2 of 2 runs', true],
      ['b', '1 of 2 runs', true],
    ]);
    await expect(el).to.be.accessible();
  });
});
