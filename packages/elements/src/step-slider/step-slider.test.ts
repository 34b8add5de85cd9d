import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, UpstreamError, type RunSource } from '@run-comparer/wandb-client';
import { sendMouse } from '@web/test-runner-commands';
import './define.js';
import '../image-compare/define.js';
import type { StepChangeEvent } from '../events/step-change.js';
import { threeRuns } from '../../test-support/datasets.js';
import { growingSource } from '../../test-support/growing-source.js';
import type { WandbSource } from '../wandb-source/wandb-source.js';
import { press, type } from '../../test-support/keyboard.js';
import { mountInSource, shadowText } from '../../test-support/mount.js';
import { cssRgb, swatchNumber } from '../../test-support/css-color.js';
import type { StepSlider } from './step-slider.js';

const thumb = (el: StepSlider) => el.shadowRoot!.querySelector<HTMLElement>('[role="slider"]')!;
const part = <T extends HTMLElement = HTMLElement>(el: StepSlider, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`)!;
const lanes = (el: StepSlider) =>
  [...el.shadowRoot!.querySelectorAll('[part="lane"]')].map(
    (lane) => lane.querySelector('.visually-hidden')!.textContent,
  );
const thirtySteps = Array.from({ length: 30 }, (_, i) => i * 100);

function record(el: StepSlider) {
  const log: string[] = [];
  el.addEventListener('input', () => log.push(`input ${el.value}`));
  el.addEventListener('change', () => log.push(`change ${el.value}`));
  el.addEventListener('step-change', (e: StepChangeEvent) => log.push(`step-change ${e.step} ${e.cause}`));
  return log;
}

async function inSource(keys = ['samples/grid'], runs = ['amber01', 'brook02'], options = {}) {
  const mounted = await mountInSource(threeRuns(), html`<step-slider></step-slider>`, options);
  const el = mounted.provider.querySelector('step-slider')!;
  if (runs.length) await mounted.selectRuns(runs);
  mounted.provider.store.setKeys(keys);
  return { ...mounted, el };
}

describe('<step-slider>', () => {
  it('follows runs that are still training: steps logged later join the slider', async () => {
    const data = threeRuns();
    const { source, grow } = growingSource(data, 100);
    const provider = await fixture<WandbSource>(
      html`<wandb-source .source=${source} entity=${data.entity} project=${data.project}
        ><step-slider live-interval="100"></step-slider
      ></wandb-source>`,
    );
    const refs = ['amber01', 'brook02'].map((runId) => ({ entity: data.entity, project: data.project, runId }));
    provider.store.setRuns(await Promise.all(refs.map(async (ref) => ({ ref, run: await source.get(ref) }))));
    provider.store.setKeys(['samples/grid']);
    const el = provider.querySelector('step-slider')!;
    await waitUntil(() => thumb(el)?.getAttribute('aria-valuemax') === '100', 'steps up to 100 first');
    grow();
    await waitUntil(() => thumb(el).getAttribute('aria-valuemax') === '300', 'steps 250 and 300 never joined');
    expect(thumb(el).getAttribute('aria-valuenow'), 'at the latest step, it moves with it').to.equal('300');
  });

  it('moves over the steps the selected runs logged, starting at the latest', async () => {
    const { el, provider } = await inSource();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="slider"]'));
    const slider = thumb(el);
    expect(slider.getAttribute('aria-valuemin')).to.equal('0');
    expect(slider.getAttribute('aria-valuemax')).to.equal('300');
    expect(slider.getAttribute('aria-valuenow')).to.equal('300');
    expect(slider.getAttribute('aria-valuetext')).to.equal('step 300, 5 of 5');
    expect(provider.store.value.step).to.equal(300);
    expect(part(el, 'value').textContent).to.equal('300');
    await expect(el).to.be.accessible();
  });

  it('shows per run whether it has the current step or which earlier one it shows', async () => {
    const { el, provider } = await inSource(['samples/grid'], ['amber01', 'brook02', 'cedar03']);
    await waitUntil(() => lanes(el).length === 3);
    expect(lanes(el)).to.deep.equal([
      'amber-glade-3 has step 300',
      'brook-fern-2 shows its earlier step 250',
      'cedar-moss-1 shows its earlier step 150',
    ]);
    provider.store.setStep(0);
    await waitUntil(() => lanes(el)[2] === 'cedar-moss-1 has nothing yet; its first step is 50');
    const swatches = [...el.shadowRoot!.querySelectorAll('[part="lane"] [part="lane-swatch"]')];
    expect(swatches.map((s) => getComputedStyle(s).backgroundColor)).to.deep.equal(
      provider.store.value.runs.map((r) => cssRgb(r.color)),
    );
    expect(swatches.map(swatchNumber)).to.deep.equal(['1', '2', '3']);
  });

  it('follows the APG slider keys and fires input, change and step-change', async () => {
    const el = await fixture<StepSlider>(html`<step-slider .steps=${thirtySteps} .value=${0}></step-slider>`);
    const log = record(el);
    thumb(el).focus();
    await press('ArrowRight');
    expect(el.value).to.equal(100);
    await press('Shift+ArrowRight');
    expect(el.value).to.equal(1100);
    await press('PageUp');
    expect(el.value).to.equal(1400);
    expect(thumb(el).getAttribute('aria-valuetext')).to.equal('step 1400, 15 of 30');
    await press('PageDown');
    await press('ArrowDown');
    expect(el.value).to.equal(1000);
    await press('End');
    expect(el.value).to.equal(2900);
    await press('ArrowRight');
    await press('Home');
    expect(el.value).to.equal(0);
    expect(log.filter((l) => l.startsWith('step-change'))).to.deep.equal([
      'step-change 100 keyboard',
      'step-change 1100 keyboard',
      'step-change 1400 keyboard',
      'step-change 1100 keyboard',
      'step-change 1000 keyboard',
      'step-change 2900 keyboard',
      'step-change 0 keyboard',
    ]);
    expect(log.slice(0, 2)).to.deep.equal(['input 100', 'change 100']);
  });

  it('snaps programmatic values to the nearest step without firing events', async () => {
    const el = await fixture<StepSlider>(html`<step-slider .steps=${thirtySteps}></step-slider>`);
    const log = record(el);
    expect(el.value).to.equal(2900);
    el.value = 1234;
    await el.updateComplete;
    expect(el.value).to.equal(1200);
    expect(log).to.deep.equal([]);
  });

  it('goes to a typed step, or the nearest one, and says so', async () => {
    const el = await fixture<StepSlider>(html`<step-slider .steps=${thirtySteps}></step-slider>`);
    const log = record(el);
    part<HTMLInputElement>(el, 'goto-input').focus();
    await type('1234');
    await press('Enter');
    await el.updateComplete;
    expect(el.value).to.equal(1200);
    expect(part(el, 'note').textContent).to.equal('No images at step 1234; showing step 1200, the nearest.');
    expect(log).to.deep.equal(['input 1200', 'change 1200', 'step-change 1200 input']);
    await type('500');
    await press('Enter');
    await el.updateComplete;
    expect(el.value).to.equal(500);
    expect(part(el, 'note').textContent).to.equal('');
  });

  it('drags with the pointer: the grid follows the steps passed over, one change on release', async () => {
    const mounted = await mountInSource(threeRuns(), html`<step-slider></step-slider><image-compare></image-compare>`);
    await mounted.selectRuns(['amber01', 'brook02']);
    mounted.provider.store.setKeys(['samples/grid']);
    const el = mounted.provider.querySelector('step-slider')!;
    const grid = mounted.provider.querySelector('image-compare')!;
    const caption = () => grid.shadowRoot!.querySelector('[part="step-label"]')?.textContent?.trim() ?? '';
    await waitUntil(() => el.shadowRoot!.querySelector('[role="slider"]') && caption().startsWith('Step 300'));
    const log = record(el);
    const box = part(el, 'track').getBoundingClientRect();
    const y = Math.round(box.top + box.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(box.left + 2), y] });
    await sendMouse({ type: 'down' });
    await waitUntil(() => caption().startsWith('Step 0'), `the grid stays at ${caption()} under the pressed pointer`);
    await sendMouse({ type: 'move', position: [Math.round(box.left + box.width * 0.35), y] });
    await waitUntil(() => caption().startsWith('Step 100'), `the grid stays at ${caption()} while dragging over 100`);
    await sendMouse({ type: 'move', position: [Math.round(box.left + box.width * 0.68), y] });
    await waitUntil(() => caption().startsWith('Step 200'), `the grid stays at ${caption()} while dragging over 200`);
    expect(el.value).to.equal(200);
    expect(log, 'no change before the release').to.deep.equal(['input 0', 'input 100', 'input 200']);
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(log).to.deep.equal(['input 0', 'input 100', 'input 200', 'change 200', 'step-change 200 pointer']);
    expect(mounted.provider.store.value.step).to.equal(200);
    expect(el.shadowRoot!.activeElement).to.equal(thumb(el));
  });

  it('a drag that ends where it began puts the shared step back, without change', async () => {
    const { el, provider } = await inSource();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="slider"]'));
    const log = record(el);
    const box = part(el, 'track').getBoundingClientRect();
    const y = Math.round(box.top + box.height / 2);
    await sendMouse({ type: 'move', position: [Math.round(box.right - 2), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(box.left + 2), y] });
    await waitUntil(() => provider.store.value.step === 0, 'the shared step follows the drag');
    await sendMouse({ type: 'move', position: [Math.round(box.right - 2), y] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(provider.store.value.step).to.equal(300);
    expect(log).to.deep.equal(['input 0', 'input 300']);
  });

  it('plays through the steps and stops at the end, or loops', async () => {
    const el = await fixture<StepSlider>(html`<step-slider .steps=${[0, 10, 20]} rate="8"></step-slider>`);
    const log = record(el);
    expect(part<HTMLSelectElement>(el, 'rate').value).to.equal('8');
    part<HTMLButtonElement>(el, 'play-button').click();
    expect(el.value, 'starts over from the end').to.equal(0);
    await waitUntil(() => el.value === 20, 'reaches the end', { timeout: 2000 });
    await aTimeout(300);
    expect(el.value).to.equal(20);
    expect(part(el, 'play-button').getAttribute('aria-label')).to.equal('Play');
    expect(log.filter((l) => l.startsWith('step-change'))).to.deep.equal([
      'step-change 0 playback',
      'step-change 10 playback',
      'step-change 20 playback',
    ]);
    el.loop = true;
    el.play();
    await waitUntil(() => el.value === 0, 'loops to the start', { timeout: 2000 });
    expect(part(el, 'play-button').getAttribute('aria-label')).to.equal('Pause');
    thumb(el).focus();
    await press('End');
    expect(part(el, 'play-button').getAttribute('aria-label'), 'a key pauses').to.equal('Play');
    await aTimeout(300);
    expect(el.value).to.equal(20);
  });

  it('pauses playback when something else moves the shared step', async () => {
    const { el, provider } = await inSource();
    await waitUntil(() => el.value === 300);
    el.loop = true;
    el.play();
    await el.updateComplete;
    expect(part(el, 'play-button').getAttribute('aria-label')).to.equal('Pause');
    provider.store.setStep(100);
    await el.updateComplete;
    expect(part(el, 'play-button').getAttribute('aria-label')).to.equal('Play');
    expect(el.value).to.equal(100);
  });

  it('keeps the step when runs or keys change and it still exists, else takes the nearest', async () => {
    const { el, provider, selectRuns } = await inSource();
    await waitUntil(() => el.value === 300);
    provider.store.setStep(100);
    await selectRuns(['brook02']);
    await waitUntil(() => thumb(el)?.getAttribute('aria-valuemax') === '250');
    expect(provider.store.value.step).to.equal(100);
    provider.store.setStep(250);
    await selectRuns(['cedar03']);
    await waitUntil(() => thumb(el)?.getAttribute('aria-valuemax') === '150');
    expect(el.value).to.equal(150);
    expect(provider.store.value.step).to.equal(150);
  });

  it('tells what to do when there are no runs, no keys or no images, and while loading', async () => {
    const held = await inSource([], [], {
      honorAbort: true,
      prepare: (s: { hold: (m: 'steps') => void }) => s.hold('steps'),
    });
    const { el } = held;
    expect(shadowText(el)).to.contain('Select runs to move through their steps');
    await expect(el).to.be.accessible();
    await held.selectRuns(['brook02']);
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Choose image keys');
    held.provider.store.setKeys(['samples/ema']);
    await waitUntil(() => held.callsTo('steps').length === 1);
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Loading steps');
    held.callsTo('steps')[0]!.release();
    await waitUntil(() => shadowText(el).includes('No images under these keys'));
    await expect(el).to.be.accessible();
  });

  it('says which runs may be missing steps when the source read fewer image rows than it counted', async () => {
    const data = threeRuns();
    const inner = createMemorySource(data);
    const message = 'Some steps may be missing: wandb returned 3 of 5 image rows (samples/grid).';
    // As the cloud client (directly or through a server) answers when wandb answers short.
    const source: RunSource = {
      ...inner,
      steps: async (ref, params, options) => {
        const steps = await inner.steps(ref, params, options);
        if (ref.runId !== 'brook02') return steps;
        return { ...steps, incomplete: { expectedRows: 5, receivedRows: 3, keys: params.keys, message } };
      },
    };
    const provider = await fixture<WandbSource>(
      html`<wandb-source .source=${source} entity=${data.entity} project=${data.project}
        ><step-slider></step-slider
      ></wandb-source>`,
    );
    const refs = ['amber01', 'brook02'].map((runId) => ({ entity: data.entity, project: data.project, runId }));
    provider.store.setRuns(await Promise.all(refs.map(async (ref) => ({ ref, run: await inner.get(ref) }))));
    provider.store.setKeys(['samples/grid']);
    const el = provider.querySelector('step-slider')!;
    await waitUntil(() => el.shadowRoot!.querySelector('[part="incomplete"]'), 'no notice of missing steps');
    const notice = part(el, 'incomplete');
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`brook-fern-2: ${message}`);
    expect(getComputedStyle(notice).display).to.not.equal('none');
    await expect(el).to.be.accessible();
    provider.store.setRuns([{ ref: refs[0]!, run: await inner.get(refs[0]!) }]);
    await waitUntil(
      () => !el.shadowRoot!.querySelector('[part="incomplete"]'),
      'the notice stays without the short run',
    );
  });

  it('shows an error with Retry when no run’s steps could be loaded', async () => {
    const { el } = await inSource(['samples/grid'], ['amber01'], {
      prepare: (s: { failNext: (m: 'steps', e: unknown) => void }) =>
        s.failNext('steps', new UpstreamError('wandb returned 502.')),
    });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'));
    expect(shadowText(el)).to.contain('Could not load steps').and.contain('wandb returned 502');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'retry-button').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="slider"]'));
  });
});
