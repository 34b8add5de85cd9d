import { expect, html, waitUntil } from '@open-wc/testing';
import { NetworkError } from '@run-comparer/wandb-client';
import { sendMouse } from '@web/test-runner-commands';
import './define.js';
import type { MetricKeysChangeEvent } from '../events/metric-keys-change.js';
import type { StepChangeEvent } from '../events/step-change.js';
import { manyMetricsRun, metricRuns } from '../../test-support/metric-datasets.js';
import { press, type } from '../../test-support/keyboard.js';
import { mountInSource, shadowText } from '../../test-support/mount.js';
import { rowsOf, textOf as text } from '../../test-support/table-text.js';
import type { RunMetrics } from './run-metrics.js';

const part = (el: RunMetrics, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** The table as a user reads it: the header, then a line per run. */
const table = (el: RunMetrics) => rowsOf(part(el, 'table'));
const sparklines = (el: RunMetrics) => [...el.shadowRoot!.querySelectorAll('metric-sparkline')];
const settled = (el: RunMetrics) => part(el, 'table')?.getAttribute('aria-busy') === 'false';

async function mount(content = html`<run-metrics></run-metrics>`, runs = ['alpha', 'beta'], dataset = metricRuns()) {
  const mounted = await mountInSource(dataset, content);
  const el = mounted.provider.querySelector('run-metrics')!;
  await mounted.selectRuns(runs);
  return { ...mounted, el };
}

describe('<run-metrics>', () => {
  it('shows the latest values of the losses and scores it chose, "—" where a run lacks the key', async () => {
    const { el } = await mount();
    await waitUntil(() => settled(el) && sparklines(el).length === 3, 'the table settles');
    expect(table(el)).to.deep.equal([
      ['Run', 'train/loss', 'eval/fid'],
      ['alpha-run', '0.6 step 400', '20.5 step 400'],
      ['beta-run', '1.7 step 300', '— not logged'],
    ]);
    expect(part(el, 'missing')!.querySelector('[aria-hidden="true"]')!.textContent).to.equal('—');
    await expect(el).to.be.accessible();
  });

  it('shows the value at the step, or the nearest earlier one marked as such', async () => {
    const { el, provider } = await mount();
    provider.store.setStep(250);
    await waitUntil(() => settled(el) && table(el)[1]![1]!.startsWith('0.75'), 'values at step 250');
    expect(table(el).slice(1)).to.deep.equal([
      ['alpha-run', '0.75', '40 step 200 · nearest earlier'],
      ['beta-run', '1.8 step 200 · nearest earlier', '— not logged'],
    ]);
    expect(shadowText(el)).to.contain('At step 250');
    await expect(el).to.be.accessible();
  });

  it('moves the shared step to the image step nearest a clicked sparkline point', async () => {
    const { el, provider } = await mount();
    provider.store.setStep(0);
    await waitUntil(() => settled(el) && sparklines(el).length === 3);
    const steps: string[] = [];
    el.addEventListener('step-change', (e: StepChangeEvent) => steps.push(`${e.step} ${e.cause}`));
    // alpha's loss spans 0-400: a click at 60% is step 240, nearest to image step 200 (of 0, 100, 200, 300, 400).
    const box = sparklines(el)[0]!.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.left + box.width * 0.6), Math.round(box.top + box.height / 2)],
    });
    await waitUntil(() => provider.store.value.step !== 0, 'the step moved');
    expect(provider.store.value.step).to.equal(200);
    expect(steps).to.deep.equal(['200 pointer']);
  });

  it('is usable with the keyboard alone: choose metrics, then move the step from a sparkline', async () => {
    const { el, provider } = await mount();
    provider.store.setStep(0);
    await waitUntil(() => settled(el) && sparklines(el).length === 3);
    const chosen: string[][] = [];
    el.addEventListener('metric-keys-change', (e: MetricKeysChangeEvent) => chosen.push([...e.keys]));
    part(el, 'chooser-button')!.focus();
    await press('Enter');
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'chooser-search'), 'the filter box has focus');
    await type('epo');
    await press('ArrowDown');
    await press('Space');
    expect(chosen).to.deep.equal([['train/loss', 'eval/fid', 'epoch']]);
    await press('Escape');
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'chooser-button'));
    await waitUntil(() => settled(el) && table(el)[0]!.length === 4);
    expect(table(el)[0]).to.deep.equal(['Run', 'train/loss', 'eval/fid', 'epoch']);
    sparklines(el)[0]!.shadowRoot!.querySelector<HTMLElement>('[role="slider"]')!.focus();
    await press('End');
    await press('Enter');
    await waitUntil(() => provider.store.value.step === 400, 'Enter on the last point moves to step 400');
    await expect(el).to.be.accessible();
  });

  it('offers hundreds of keys with a filter', async () => {
    const { el } = await mount(html`<run-metrics></run-metrics>`, ['wide'], manyMetricsRun(300));
    await waitUntil(() => part(el, 'chooser-button'));
    expect(text(part(el, 'chooser-button')!)).to.equal('Metrics 2 of 300');
    part(el, 'chooser-button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length === 300);
    part(el, 'chooser-search')!.focus();
    await type('metric/29');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length === 10);
    expect(shadowText(el)).to.contain('10 of 300 metrics match');
    await expect(el).to.be.accessible();
  });

  it('shows an error with Retry when no run could be read', async () => {
    const { el, failNext, provider } = await mountInSource(metricRuns(), html`<run-metrics></run-metrics>`).then(
      async (mounted) => ({ ...mounted, el: mounted.provider.querySelector('run-metrics')! }),
    );
    failNext('scalarKeys', new NetworkError('connection reset.'));
    const run = await provider.source!.get({ entity: 'acme', project: 'diffusion', runId: 'alpha' });
    provider.store.setRuns([{ ref: { entity: 'acme', project: 'diffusion', runId: 'alpha' }, run }]);
    await waitUntil(() => part(el, 'error'));
    expect(shadowText(el)).to.contain('connection reset');
    part(el, 'retry-button')!.click();
    await waitUntil(() => settled(el), 'Retry loads the metrics');
    expect(table(el)[1]).to.deep.equal(['alpha-run', '0.6 step 400', '20.5 step 400']);
  });

  it('asks for runs first', async () => {
    const { el } = await mount(html`<run-metrics></run-metrics>`, []);
    expect(shadowText(el)).to.contain('Select runs to see their metrics');
    await expect(el).to.be.accessible();
  });
});
