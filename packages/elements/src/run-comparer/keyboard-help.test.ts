import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { threeRunProject } from '../../test-support/viewer-fixtures.js';
import '../wandb-source/define.js';
import './define.js';
import type { RunComparer } from './run-comparer.js';

const project = threeRunProject();
const shadow = (el: RunComparer) => el.shadowRoot!;
const dialog = (el: RunComparer) => shadow(el).querySelector<HTMLDialogElement>('dialog.keyboard-help')!;
/** The dialog loads on first use: until then it is not there. */
const helpOpen = (el: RunComparer) =>
  shadow(el).querySelector<HTMLDialogElement>('dialog.keyboard-help')?.open ?? false;
const helpButton = (el: RunComparer) => shadow(el).querySelector<HTMLButtonElement>('[part="help-button"]')!;
const hint = (el: RunComparer) => shadow(el).querySelector<HTMLElement>('[part="hint"]')!;
const grid = (el: RunComparer) => shadow(el).querySelector('image-compare')!;
const thumbs = (el: RunComparer) => [...grid(el).shadowRoot!.querySelectorAll<HTMLElement>('.thumb')];

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function mount(): Promise<RunComparer> {
  const el = await fixture<RunComparer>(
    html`<run-comparer
      .source=${createMemorySource(project)}
      entity=${project.entity}
      project=${project.project}
      initial-runs="2"
      no-url
    ></run-comparer>`,
  );
  await el.ready;
  return el;
}

async function shiftClick(element: HTMLElement) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  const position: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
  await sendKeys({ down: 'Shift' });
  await sendMouse({ type: 'click', position });
  await sendKeys({ up: 'Shift' });
}

describe('<run-comparer> keyboard help', function () {
  // Each test opens a comparer, some load the dialog's chunk and run axe over it all: slow on a loaded machine.
  this.timeout(30_000);

  it('opens on ? in a native dialog listing the gestures, and Esc returns focus where it was', async () => {
    const el = await mount();
    helpButton(el).focus();
    await sendKeys({ press: 'Tab' });
    const before = deepActive();
    expect(before, 'focus moved on from the button').to.not.equal(helpButton(el));
    expect(shadow(el).querySelector('dialog'), 'the dialog loads on first use').to.equal(null);
    await sendKeys({ press: '?' });
    await waitUntil(() => helpOpen(el), 'the help did not open on ?');
    expect(dialog(el).matches(':modal')).to.equal(true);
    const text = dialog(el).textContent!.replace(/\s+/g, ' ');
    for (const gesture of ['Shift+click', 'Enter', 'Ctrl+A', 'Esc', 'Select all runs', 'Move between images'])
      expect(text).to.contain(gesture);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !helpOpen(el), 'Esc did not close the help');
    await waitUntil(() => deepActive() === before, 'focus did not return');
  });

  it('opens from the visible "Keyboard shortcuts" button, closes with Close, and focus returns to the button', async () => {
    const el = await mount();
    expect(helpButton(el).textContent!.trim()).to.equal('Keyboard shortcuts');
    helpButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => helpOpen(el));
    const close = dialog(el).querySelector('button')!;
    expect(close.textContent!.trim()).to.equal('Close');
    close.click();
    await waitUntil(() => !helpOpen(el));
    await waitUntil(() => deepActive() === helpButton(el), 'focus did not return to the button');
  });

  it('leaves ? alone while someone types in a field', async () => {
    const el = await mount();
    const picker = shadow(el).querySelector('run-picker')!;
    const filter = picker.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"], input:not([type])')!;
    filter.focus();
    await sendKeys({ type: '?' });
    expect(filter.value).to.equal('?');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(helpOpen(el)).to.equal(false);
  });

  it('hints at the second mark once the first image is marked, and stops when both are', async () => {
    const el = await mount();
    await waitUntil(() => thumbs(el).length >= 2, 'the grid shows images');
    expect(hint(el).getAttribute('role')).to.equal('status');
    expect(hint(el).textContent!.trim()).to.equal('');
    await shiftClick(thumbs(el)[0]!);
    await waitUntil(() => el.store.value.compare.length === 1, 'the first image is marked');
    await el.updateComplete;
    expect(hint(el).textContent!.trim()).to.equal('Shift+click another image to compare A and B.');
    await expect(el).to.be.accessible();
    await shiftClick(thumbs(el)[1]!);
    await waitUntil(() => el.store.value.compare.length === 2, 'the second image is marked');
    await el.updateComplete;
    expect(hint(el).textContent!.trim()).to.equal('');
  });

  it('takes the hint away when the only mark is cleared (Shift+click it again)', async () => {
    const el = await mount();
    await waitUntil(() => thumbs(el).length >= 2, 'the grid shows images');
    expect(getComputedStyle(hint(el)).display, 'no empty line while nothing is marked').to.equal('none');
    await shiftClick(thumbs(el)[0]!);
    await waitUntil(() => el.store.value.compare.length === 1, 'the first image is marked');
    await el.updateComplete;
    expect(hint(el).textContent!.trim()).to.equal('Shift+click another image to compare A and B.');
    expect(getComputedStyle(hint(el)).display).to.not.equal('none');
    await shiftClick(thumbs(el)[0]!);
    await waitUntil(() => el.store.value.compare.length === 0, 'the mark is cleared');
    await el.updateComplete;
    expect(hint(el).textContent!.trim()).to.equal('');
  });
});
