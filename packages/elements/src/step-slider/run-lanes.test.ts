import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import './define.js';
import { project } from '../../test-support/datasets.js';
import { press } from '../../test-support/keyboard.js';
import { mountInSource } from '../../test-support/mount.js';
import type { StepSlider } from './step-slider.js';

/** 24 runs: every third one stopped at step 100, the others went on to 200. */
const teamRuns = () =>
  project(
    Array.from({ length: 24 }, (_, i) => ({
      id: `r${String(i).padStart(2, '0')}`,
      displayName: `run-${i}`,
      ageMinutes: 10 + i,
      images: { 'samples/grid': i % 3 === 0 ? [0, 100] : [0, 100, 200] },
    })),
  );

async function mount(runs: number) {
  const dataset = teamRuns();
  const mounted = await mountInSource(dataset, html`<step-slider></step-slider>`);
  await mounted.selectRuns(dataset.runs.slice(0, runs).map((r) => r.id));
  mounted.provider.store.setKeys(['samples/grid']);
  const el = mounted.provider.querySelector('step-slider')!;
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="lane"]').length === runs, 'no lanes');
  return { ...mounted, el };
}

const shadow = (el: StepSlider) => el.shadowRoot!;
const statuses = (el: StepSlider) =>
  [...shadow(el).querySelectorAll('[part="lane"] .visually-hidden')].map((s) => s.textContent);
const toggle = (el: StepSlider) => shadow(el).querySelector<HTMLButtonElement>('[part="lanes-toggle"]')!;
/** The rows a sighted user sees: none while the list is visually hidden (clipped to 1 px). */
const visibleLanes = (el: StepSlider) => {
  const list = shadow(el).querySelector<HTMLElement>('[part="lanes"]')!;
  return list.getBoundingClientRect().height > 10 ? list.querySelectorAll('[part="lane"]').length : 0;
};

describe('<step-slider> lanes at team scale', () => {
  before(() => setViewport({ width: 1920, height: 1080 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('stays at most 120 px tall with 24 runs: one dense strip, each run in its own lane', async () => {
    const { el } = await mount(24);
    expect(el.getBoundingClientRect().height).to.be.at.most(120);
    expect(visibleLanes(el), 'no per-run rows on screen').to.equal(0);
    const strip = shadow(el).querySelector('[part="lanes-strip"]')!;
    const titles = [...strip.querySelectorAll('title')].map((t) => t.textContent);
    expect(titles).to.have.length(24);
    expect(titles.slice(0, 2)).to.deep.equal(['run-0 shows its earlier step 100', 'run-1 has step 200']);
    expect(shadow(el).querySelector('[part="lanes-summary"]')!.textContent).to.equal('16 of 24 at 200');
    await expect(el).to.be.accessible();
  });

  it("keeps every run's status readable to a screen reader and expands the rows from the keyboard", async () => {
    const { el } = await mount(24);
    expect(statuses(el)).to.have.length(24);
    expect(statuses(el)[3]).to.equal('run-3 shows its earlier step 100');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
    toggle(el).focus();
    await press('Enter');
    await waitUntil(() => visibleLanes(el) === 24, 'Enter did not expand the rows');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect(shadow(el).querySelector('[part="lanes-strip"]'), 'the strip gives way to the rows').to.equal(null);
    expect(el.getBoundingClientRect().height).to.be.above(400);
    await expect(el).to.be.accessible();
    await press('Space');
    await waitUntil(() => visibleLanes(el) === 0, 'Space did not collapse the rows');
    expect(el.getBoundingClientRect().height).to.be.at.most(120);
  });

  it('keeps one row per run, without a toggle, up to compact-above runs', async () => {
    const { el } = await mount(6);
    expect(visibleLanes(el)).to.equal(6);
    expect(toggle(el)).to.equal(null);
    el.compactAbove = 4;
    await el.updateComplete;
    expect(visibleLanes(el)).to.equal(0);
    expect(statuses(el)).to.have.length(6);
  });
});
