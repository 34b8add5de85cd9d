import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { threeRunProject } from '../../test-support/viewer-fixtures.js';
import '../wandb-source/define.js';
import './define.js';
import { captionsReordered } from './align.js';
import type { RunComparer } from './run-comparer.js';

const original = location.href;
afterEach(() => history.replaceState(null, '', original));

function openAt(query: string): void {
  const url = new URL(original);
  for (const [name, value] of new URLSearchParams(query)) url.searchParams.append(name, value);
  history.replaceState(null, '', url);
}

const project = threeRunProject();
const grid = (el: RunComparer) => el.shadowRoot!.querySelector('image-compare')!;
const select = (el: RunComparer) => el.shadowRoot!.querySelector<HTMLSelectElement>('[part="align"] select')!;
const columnHeaders = (el: RunComparer) =>
  [...grid(el).shadowRoot!.querySelectorAll('[part="column-header"]')].map((th) => th.textContent!.trim());

async function mount(query: string): Promise<RunComparer> {
  openAt(`entity=${project.entity}&project=${project.project}&${query}`);
  const el = await fixture<RunComparer>(
    html`<run-comparer .source=${createMemorySource(project)} initial-runs="0"></run-comparer>`,
  );
  await el.ready;
  return el;
}

describe('captionsReordered', () => {
  it('is true only when every list holds the same captions and some hold them in another order', () => {
    const fox = 'a red fox';
    const sea = 'a lighthouse';
    expect(
      captionsReordered([
        [
          [fox, sea],
          [sea, fox],
        ],
      ]),
    ).to.equal(true);
    expect(
      captionsReordered([
        [
          [fox, sea],
          [fox, sea],
        ],
      ]),
      'same order',
    ).to.equal(false);
    expect(captionsReordered([[[fox, sea], [sea]]]), 'a caption missing').to.equal(false);
    expect(
      captionsReordered([
        [
          [fox, sea],
          [sea, 'a cat'],
        ],
      ]),
      'other captions',
    ).to.equal(false);
    expect(
      captionsReordered([
        [
          [fox, null],
          [null, fox],
        ],
      ]),
      'uncaptioned images',
    ).to.equal(false);
    expect(captionsReordered([[[fox, sea]]]), 'one run').to.equal(false);
    expect(captionsReordered([]), 'nothing loaded').to.equal(false);
    expect(
      captionsReordered([
        [
          [fox, sea],
          [fox, sea],
        ],
        [
          ['x', 'y'],
          ['y', 'x'],
        ],
      ]),
      'one key reordered',
    ).to.equal(true);
    expect(
      captionsReordered([
        [
          [fox, sea],
          [sea, fox],
        ],
        [['x'], ['z']],
      ]),
      'another key differs',
    ).to.equal(false);
    expect(
      captionsReordered([
        [
          [fox, fox, sea],
          [fox, sea, sea],
        ],
      ]),
      'repeats count',
    ).to.equal(false);
  });
});

describe('<run-comparer> lining lists up', () => {
  it('picks "by caption" when the runs show the same prompts in another order, and a choice by hand stays in the URL', async () => {
    const el = await mount('run=amber&run=brook&key=samples/grid&step=150');
    await waitUntil(() => select(el).value === 'caption', 'by caption is picked by itself');
    await waitUntil(() => columnHeaders(el).join() === 'a red fox in snow,a lighthouse at dusk');
    expect(grid(el).align).to.equal('caption');
    expect(new URLSearchParams(location.search).has('align'), 'a suggestion is not a choice').to.equal(false);
    await expect(el).to.be.accessible();

    select(el).focus();
    select(el).value = 'index';
    select(el).dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => new URLSearchParams(location.search).get('align') === 'index', 'the choice goes to the URL');
    await el.updateComplete;
    expect(grid(el).align).to.equal('index');
  });

  it('keeps the line-up a link names, and lines up by position when the captions already match', async () => {
    const linked = await mount('run=amber&run=brook&key=samples/grid&step=150&align=index');
    await new Promise((resolve) => grid(linked).addEventListener('step-ready', resolve, { once: true }));
    await linked.updateComplete;
    expect(select(linked).value).to.equal('index');
    expect(grid(linked).align).to.equal('index');
    linked.remove();
    history.replaceState(null, '', original);

    const same = await mount('run=amber&run=cedar&key=samples/grid&step=200');
    await new Promise((resolve) => grid(same).addEventListener('step-ready', resolve, { once: true }));
    await same.updateComplete;
    expect(select(same).value).to.equal('index');
  });
});
