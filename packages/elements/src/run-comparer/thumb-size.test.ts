import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { sendKeys } from '@web/test-runner-commands';
import { threeRuns } from '../../test-support/datasets.js';
import type { ImageCompare } from '../image-compare/image-compare.js';
import '../wandb-source/define.js';
import './define.js';
import type { RunComparer } from './run-comparer.js';

const KEY = 'run-comparer:thumb-size';
afterEach(() => localStorage.removeItem(KEY));

async function mount(attributes = '') {
  const el = await fixture<RunComparer>(
    attributes
      ? html`<run-comparer
          .source=${createMemorySource(threeRuns())}
          entity="acme"
          project="diffusion"
          no-url
          thumb-size=${attributes}
        ></run-comparer>`
      : html`<run-comparer
          .source=${createMemorySource(threeRuns())}
          entity="acme"
          project="diffusion"
          no-url
        ></run-comparer>`,
  );
  await el.ready;
  return el;
}
const slider = (el: RunComparer) => el.shadowRoot!.querySelector<HTMLInputElement>('[part="thumb-size"] input')!;
const grid = (el: RunComparer) => el.shadowRoot!.querySelector<ImageCompare>('image-compare')!;
const frameWidth = (el: RunComparer) =>
  grid(el).shadowRoot!.querySelector('.frame, .tile')?.getBoundingClientRect().width ?? 0;

describe('<run-comparer> thumbnail size', () => {
  it('changes the thumbnails from the keyboard, reflects thumb-size and is remembered', async () => {
    const el = await mount();
    expect(slider(el).value).to.equal('160');
    expect(slider(el).labels![0]!.textContent).to.contain('Thumbnail size');
    await waitUntil(() => frameWidth(el) === 160, 'the grid shows 160 px thumbnails', { timeout: 5000 });
    slider(el).focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.thumbSize).to.equal(192);
    expect(el.getAttribute('thumb-size')).to.equal('192');
    expect(slider(el).getAttribute('aria-valuetext')).to.equal('192 pixels');
    await waitUntil(() => frameWidth(el) === 192, 'the thumbnails did not grow');
    await sendKeys({ press: 'Home' });
    await waitUntil(() => frameWidth(el) === 96, 'Home did not give the smallest thumbnails');
    expect(localStorage.getItem(KEY)).to.equal('96');

    const again = await mount();
    expect(again.thumbSize, 'a new comparer starts at the size chosen last').to.equal(96);
  });

  it('takes the thumb-size attribute over the remembered size, and ignores one out of range', async () => {
    localStorage.setItem(KEY, '320');
    const el = await mount('256');
    await waitUntil(() => frameWidth(el) === 256, 'the attribute did not set the size', { timeout: 5000 });
    expect(slider(el).value).to.equal('256');
    el.thumbSize = 5000;
    await el.updateComplete;
    await waitUntil(() => frameWidth(el) === 160, 'a size out of range is not used');
  });
});
