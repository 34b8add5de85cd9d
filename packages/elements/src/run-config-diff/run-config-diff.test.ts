import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, NetworkError } from '@run-comparer/wandb-client';
import { sendMouse } from '@web/test-runner-commands';
import './define.js';
import type { ConfigKeySelectEvent } from '../events/config-key-select.js';
import { configRuns, LONG_PROMPT, wideConfigRuns } from '../../test-support/metric-datasets.js';
import { press, type } from '../../test-support/keyboard.js';
import { mountInSource, shadowText } from '../../test-support/mount.js';
import { rowsOf, textOf as text } from '../../test-support/table-text.js';
import type { RunConfigDiff } from './run-config-diff.js';

const part = (el: RunConfigDiff, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function mount(runs: string[], dataset = configRuns()) {
  const mounted = await mountInSource(dataset, html`<run-config-diff></run-config-diff>`);
  const el = mounted.provider.querySelector('run-config-diff')!;
  await mounted.selectRuns(runs);
  return { ...mounted, el };
}

describe('<run-config-diff>', () => {
  it('shows only the keys that differ, nested keys flattened, a column per run with its swatch', async () => {
    const { el } = await mount(['alpha01', 'beta02', 'gamma01']);
    await waitUntil(() => part(el, 'table'), 'the diff shows');
    expect(rowsOf(part(el, 'table'))).to.deep.equal([
      ['Key', 'alpha01-run', 'beta02-run', 'gamma01-run'],
      ['ema', '— not set', '— not set', 'true'],
      ['learning_rate', '0.0001', '0.0003', '0.0001'],
      ['optimizer.betas', '[0.9,0.999]', '[0.9,0.99]', '[0.9,0.999]'],
      ['seed', '1', '2', '1'],
    ]);
    expect(el.shadowRoot!.querySelectorAll('[part="run"] [part="run-swatch"]').length).to.equal(3);
    expect(text(part(el, 'summary')!)).to.equal('4 keys differ, 5 shared');
    await expect(el).to.be.accessible();
  });

  it('says when the runs do not differ, with their shared keys one click away', async () => {
    const { el } = await mount(['alpha01', 'copy03']);
    await waitUntil(() => part(el, 'message'));
    expect(shadowText(el)).to.contain('No differences').and.contain('same 8 config keys');
    expect(part(el, 'shared-table')).to.equal(null);
    part(el, 'shared-toggle')!.focus();
    await press('Enter');
    await waitUntil(() => part(el, 'shared-table'));
    expect(part(el, 'shared-toggle')!.getAttribute('aria-expanded')).to.equal('true');
    expect(rowsOf(part(el, 'shared-table')).map((row) => row[0])).to.deep.equal([
      'Key',
      'dataset.name',
      'dataset.size',
      'learning_rate',
      'lora_rank',
      'optimizer.betas',
      'optimizer.name',
      'prompt',
      'seed',
    ]);
    await expect(el).to.be.accessible();
  });

  it('shortens long values and shows them whole on hover and on keyboard focus', async () => {
    const { el } = await mount(['alpha01', 'copy03']);
    await waitUntil(() => part(el, 'shared-toggle'));
    part(el, 'shared-toggle')!.click();
    await waitUntil(() => part(el, 'value-long'));
    const long = part(el, 'value-long')!;
    const full = long.querySelector<HTMLElement>('[part="full-value"]')!;
    expect(long.querySelector('[aria-hidden="true"]')!.textContent).to.equal(`${LONG_PROMPT.slice(0, 63)}…`);
    expect(full.textContent).to.equal(LONG_PROMPT);
    const shown = () => full.getBoundingClientRect().width > 100;
    expect(shown(), 'hidden at rest').to.equal(false);
    long.focus();
    expect(el.shadowRoot!.activeElement).to.equal(long);
    expect(shown(), 'shown on focus').to.equal(true);
    long.blur();
    const box = long.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(box.left + 4), Math.round(box.top + box.height / 2)] });
    expect(shown(), 'shown on hover').to.equal(true);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('keeps hundreds of keys usable: a filter by key or value, and a header that stays in view', async () => {
    const { el } = await mount(['wide1', 'wide2'], wideConfigRuns(400));
    await waitUntil(() => part(el, 'table'));
    expect(rowsOf(part(el, 'table')).length).to.equal(41);
    const header = el.shadowRoot!.querySelector('thead th')!;
    expect(getComputedStyle(header).position).to.equal('sticky');
    part(el, 'scroller')!.scrollTop = 500;
    await new Promise(requestAnimationFrame);
    expect(header.getBoundingClientRect().top).to.be.closeTo(part(el, 'scroller')!.getBoundingClientRect().top + 1, 2);
    part(el, 'filter')!.focus();
    await type('param_39');
    await waitUntil(() => rowsOf(part(el, 'table')).length === 2);
    expect(rowsOf(part(el, 'table'))[1]).to.deep.equal(['param_390', '391', '392']);
    expect(text(part(el, 'shared-toggle')!)).to.equal('Show 360 shared keys (9 match)');
    await type('x');
    await waitUntil(() => shadowText(el).includes('No differing key matches “param_39x”'));
  });

  it('reads light runs (as cloud listings give them) in full', async () => {
    const dataset = configRuns();
    const source = createMemorySource(dataset);
    const refs = ['alpha01', 'beta02'].map((runId) => ({ entity: dataset.entity, project: dataset.project, runId }));
    const runs = await Promise.all(
      refs.map(async (ref) => ({ ...(await source.get(ref)), config: {}, detail: 'light' as const })),
    );
    const el = await fixture<RunConfigDiff>(
      html`<run-config-diff
        .source=${source}
        .runs=${runs.map((run, i) => ({ ref: refs[i]!, run, color: '#d62728' }))}
      ></run-config-diff>`,
    );
    await waitUntil(() => part(el, 'table'));
    expect(rowsOf(part(el, 'table')).map((row) => row[0])).to.deep.equal([
      'Key',
      'learning_rate',
      'optimizer.betas',
      'seed',
    ]);
  });

  it('chooses a key with the keyboard and fires change and config-key-select', async () => {
    const { el } = await mount(['alpha01', 'beta02']);
    await waitUntil(() => part(el, 'table'));
    const seen: Array<string | null> = [];
    let changes = 0;
    el.addEventListener('config-key-select', (e: ConfigKeySelectEvent) => seen.push(e.key));
    el.addEventListener('change', () => changes++);
    part(el, 'filter')!.focus();
    await press('Tab');
    expect(text(el.shadowRoot!.activeElement!)).to.equal('learning_rate');
    await press('Enter');
    expect(part(el, 'key-selected')!.getAttribute('aria-pressed')).to.equal('true');
    await press('Space');
    expect(part(el, 'key-selected')).to.equal(null);
    expect(seen).to.deep.equal(['learning_rate', null]);
    expect(changes).to.equal(2);
  });

  it('shows an error with Retry when no config could be read, and names a run that failed alone', async () => {
    const dataset = configRuns();
    const mounted = await mountInSource(dataset, html`<run-config-diff></run-config-diff>`);
    const el = mounted.provider.querySelector('run-config-diff')!;
    const inner = createMemorySource(dataset);
    const light = async (runId: string) => {
      const ref = { entity: dataset.entity, project: dataset.project, runId };
      return { ref, run: { ...(await inner.get(ref)), detail: 'light' as const } };
    };
    mounted.failNext('get', new NetworkError('connection reset.'));
    mounted.provider.store.setRuns([await light('alpha01')]);
    await waitUntil(() => part(el, 'error'));
    expect(shadowText(el)).to.contain('Could not load the run configs').and.contain('connection reset');
    part(el, 'retry-button')!.click();
    await waitUntil(() => part(el, 'message'), 'Retry loads the config');
    expect(shadowText(el)).to.contain('Select another run to see what differs');
    mounted.failNext('get', new NetworkError('connection reset.'));
    mounted.provider.store.setRuns([await light('alpha01'), await light('beta02'), await light('gamma01')]);
    await waitUntil(() => part(el, 'warning'));
    expect(shadowText(el)).to.match(/Could not read the config of (alpha01|beta02|gamma01)-run/);
    expect(part(el, 'table')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks for runs first', async () => {
    const { el } = await mount([]);
    expect(shadowText(el)).to.contain('Select runs to compare their config');
  });
});
