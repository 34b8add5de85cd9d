import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { sendMouse } from '@web/test-runner-commands';
import './define.js';
import { metricRuns } from '../../test-support/metric-datasets.js';
import { rowsOf, textOf } from '../../test-support/table-text.js';
import { urlHistory } from '../../test-support/url-history.js';
import type { RunComparer } from './run-comparer.js';
import { readDetails, writeDetails } from './details-url.js';
import { toggleKey } from './run-details-panel.js';
import { configValueAt } from '../internal/run-config-keys.js';

const { openAt, params, pushed } = urlHistory();

/** The metric runs (alpha, beta) of a sweep: they differ in `learning_rate` and the nested `optimizer.betas`. */
function sweep(): Dataset {
  const dataset = metricRuns();
  const configs = [
    { learning_rate: 1e-4, seed: 1, optimizer: { name: 'adamw', betas: [0.9, 0.999] }, prompt: 'a lighthouse at dusk' },
    { learning_rate: 3e-4, seed: 1, optimizer: { name: 'adamw', betas: [0.9, 0.99] }, prompt: 'a lighthouse at dusk' },
  ];
  return { ...dataset, runs: dataset.runs.map((run, i) => ({ ...run, config: configs[i] })) };
}

const inShadow = <T extends Element>(root: Element, selector: string) => root.shadowRoot!.querySelector<T>(selector);
const panel = (el: RunComparer) => inShadow(el, 'run-details-panel')!;
const toggle = (el: RunComparer) => inShadow<HTMLButtonElement>(panel(el), '[part="toggle"]')!;
const diff = (el: RunComparer) => inShadow(panel(el), 'run-config-diff');
const metrics = (el: RunComparer) => inShadow(panel(el), 'run-metrics');
const metricsTable = (el: RunComparer) => rowsOf(metrics(el)?.shadowRoot?.querySelector('[part="table"]') ?? null);
const metricsSettled = (el: RunComparer) =>
  metrics(el)?.shadowRoot?.querySelector('[part="table"]')?.getAttribute('aria-busy') === 'false';
/** What each run header of the grid reads: the run's name, then its config lines as a user sees them. */
const runHeaders = (el: RunComparer) =>
  [...inShadow(el, 'image-compare')!.shadowRoot!.querySelectorAll<HTMLElement>('[part="run-header"]')].map((th) =>
    [th.innerText.trim(), ...configEntries(th).map(seen)].join(' '),
  );
const configEntries = (th: Element) => [
  ...(th.querySelector('run-config-keys')?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="entry"]') ?? []),
];

/** The text a user sees in an entry: without what is hidden (display none, or clipped away). */
function seen(entry: HTMLElement): string {
  const hidden = (node: Element | null): boolean =>
    !!node &&
    node !== entry &&
    (node.classList.contains('visually-hidden') ||
      getComputedStyle(node).display === 'none' ||
      getComputedStyle(node).clipPath.startsWith('inset(50%') ||
      hidden(node.parentElement));
  const walker = document.createTreeWalker(entry, NodeFilter.SHOW_TEXT);
  let text = '';
  while (walker.nextNode()) if (!hidden(walker.currentNode.parentElement)) text += walker.currentNode.textContent;
  return text.replace(/\s+/g, ' ').trim();
}

async function mount(query: string) {
  openAt(query);
  const el = await fixture<RunComparer>(
    html`<run-comparer
      .source=${createMemorySource(sweep())}
      entity="acme"
      project="diffusion"
      initial-runs="0"
    ></run-comparer>`,
  );
  await waitUntil(() => el.store.value.project, 'the project opens');
  await el.ready;
  await customElements.whenDefined('run-details-panel');
  await waitUntil(() => panel(el).shadowRoot?.querySelector('[part="toggle"]'), 'the run details load');
  return el;
}

describe('<run-comparer> run details', function () {
  // Each test opens a comparer and loads the run details' chunk, the configs and the metrics: slow on a loaded machine.
  this.timeout(30_000);

  it('stays collapsed until asked, then shows what differs between the runs and their metrics', async () => {
    const el = await mount('run=alpha&run=beta&key=samples/grid&step=200');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
    expect(diff(el), 'nothing of the details is drawn collapsed').to.equal(null);
    await expect(el).to.be.accessible();
    toggle(el).click();
    await waitUntil(() => params().get('details') === 'open', 'the URL keeps it expanded');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    await customElements.whenDefined('run-config-diff');
    await waitUntil(() => diff(el)?.shadowRoot?.querySelector('[part="table"]'), 'the config diff loads');
    expect(rowsOf(diff(el)!.shadowRoot!.querySelector('[part="table"]'))).to.deep.equal([
      ['Key', 'alpha-run', 'beta-run'],
      ['learning_rate', '0.0001', '0.0003'],
      ['optimizer.betas', '[0.9,0.999]', '[0.9,0.99]'],
    ]);
    await waitUntil(() => metricsSettled(el) && metricsTable(el).length === 3, 'the metrics load');
    expect(metricsTable(el)).to.deep.equal([
      ['Run', 'train/loss', 'eval/fid'],
      ['alpha-run', '0.8', '40'],
      ['beta-run', '1.8', '— not logged'],
    ]);
    await expect(el).to.be.accessible();
    toggle(el).click();
    await waitUntil(() => !params().has('details') && !diff(el), 'collapsing hides it, and the URL says so');
  });

  it('reopens the metrics a link names; choosing metrics adds a history entry, a sparkline moves the step', async () => {
    const el = await mount('run=alpha&run=beta&key=samples/grid&step=0&details=open&metric=eval/fid');
    await waitUntil(() => metricsSettled(el) && metricsTable(el)[0]?.length === 2, 'the linked metric shows');
    expect(metricsTable(el)[0]).to.deep.equal(['Run', 'eval/fid']);
    const before = pushed();
    const inner = metrics(el)!.shadowRoot!;
    inner.querySelector<HTMLButtonElement>('[part~="chooser-button"]')!.click();
    await waitUntil(() => inner.querySelectorAll('[role="option"]').length > 0, 'the chooser opens');
    const loss = [...inner.querySelectorAll<HTMLElement>('[role="option"]')].find((o) =>
      o.textContent!.replace(/\s+/g, '').includes('train/loss'),
    )!;
    loss.click();
    await waitUntil(() => params().getAll('metric').length === 2, 'the URL follows the choice');
    expect(params().getAll('metric')).to.deep.equal(['eval/fid', 'train/loss']);
    expect(pushed()).to.equal(before + 1);

    await waitUntil(() => metricsSettled(el) && metricsTable(el)[0]?.length === 3);
    const sparkline = inner.querySelector('metric-sparkline')!;
    await sparkline.updateComplete;
    const box = sparkline.getBoundingClientRect();
    // eval/fid spans steps 0-400: a click at 60% is step 240, nearest to image step 200.
    await sendMouse({
      type: 'click',
      position: [Math.round(box.left + box.width * 0.6), Math.round(box.top + box.height / 2)],
    });
    await waitUntil(() => params().get('step') === '200', 'the step moves, and the URL with it');
    expect(el.store.value.step).to.equal(200);
  });

  it('shows a config key chosen in the diff under each run name in the grid, and keeps it in the URL', async () => {
    const el = await mount('run=alpha&run=beta&key=samples/grid&step=200&details=open');
    const keyButton = (key: string) =>
      [...(diff(el)?.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="key"]') ?? [])].find(
        (b) => textOf(b) === key,
      );
    await waitUntil(() => keyButton('learning_rate'), 'the config diff loads');
    keyButton('learning_rate')!.click();
    await waitUntil(() => params().get('config') === 'learning_rate');
    await waitUntil(() => runHeaders(el).every((h) => h.includes('learning_rate=')), 'the grid shows the key');
    expect(runHeaders(el)).to.deep.equal(['alpha-run learning_rate=0.0001', 'beta-run learning_rate=0.0003']);
    expect(keyButton('learning_rate')!.getAttribute('aria-pressed')).to.equal('true');
    keyButton('optimizer.betas')!.click();
    await waitUntil(() => params().getAll('config').length === 2);
    await waitUntil(() => runHeaders(el).every((h) => h.includes('optimizer.betas')));
    expect(runHeaders(el)[1]).to.equal('beta-run learning_rate=0.0003 optimizer.betas=[0.9,0.99]');
    await expect(el).to.be.accessible();

    keyButton('learning_rate')!.click();
    await waitUntil(() => params().getAll('config').join() === 'optimizer.betas', 'pressing again removes it');
    await waitUntil(() => !runHeaders(el)[0]!.includes('learning_rate'), 'the grid drops the key');
    expect(runHeaders(el)[0]).to.equal('alpha-run optimizer.betas=[0.9,0.999]');
  });

  it('reopens the config keys a link names, in the grid; a long value is shortened, whole on focus', async () => {
    const el = await mount(
      'run=alpha&run=beta&key=samples/grid&step=200&config=seed&config=optimizer.name&config=prompt&config=ema',
    );
    await waitUntil(() => runHeaders(el).length === 2 && runHeaders(el)[0]!.includes('seed'));
    const grid = inShadow(el, 'image-compare')!.shadowRoot!;
    const entries = configEntries(grid.querySelector('[part="run-header"]')!);
    expect(entries.map(seen)).to.deep.equal(['seed=1', 'optimizer.name=adamw', 'prompt=a lighthouse …', 'ema=—']);
    const long = entries[2]!;
    expect(long.tabIndex).to.equal(0);
    long.focus();
    expect(seen(long)).to.equal('prompt=a lighthouse at dusk');
    expect(textOf(long), 'screen readers read it whole').to.contain('a lighthouse at dusk');
    expect(textOf(entries[3]!), 'a key the run lacks reads "not set"').to.equal('ema= — not set');
    expect(toggle(el).getAttribute('aria-expanded'), 'the region stays as the link had it').to.equal('false');
  });
});

describe('<run-comparer> run details: runs listed light, as the cloud lists them', function () {
  this.timeout(30_000);

  it('reads their configs whole for the grid, to show and to sort by', async () => {
    const el = await mount('key=samples/grid&step=200&config=seed&sort=-learning_rate');
    const source = createMemorySource(sweep());
    const light = await Promise.all(
      ['alpha', 'beta'].map(async (runId) => {
        const ref = { entity: 'acme', project: 'diffusion', runId };
        return { ref, run: { ...(await source.get(ref)), config: {}, detail: 'light' as const } };
      }),
    );
    el.store.setRuns(light);
    await waitUntil(() => runHeaders(el).length === 2 && runHeaders(el).every((h) => h.includes('seed=1')));
    const rows = [...inShadow(el, 'image-compare')!.shadowRoot!.querySelectorAll<HTMLElement>('tbody tr[data-row-id]')];
    expect(
      rows.map((tr) => tr.dataset.rowId),
      'descending learning rate: beta (3e-4) first',
    ).to.deep.equal(['beta', 'alpha']);
  });
});

describe('<run-comparer> run details: sort runs by config', function () {
  this.timeout(30_000);

  const gridRows = (el: RunComparer) =>
    [...inShadow(el, 'image-compare')!.shadowRoot!.querySelectorAll<HTMLElement>('tbody tr[data-row-id]')].map(
      (tr) => tr.dataset.rowId,
    );

  it('orders the grid rows by a config key chosen in a labelled select, kept in the URL', async () => {
    const el = await mount('run=alpha&run=beta&key=samples/grid&step=200&config=learning_rate');
    await waitUntil(() => gridRows(el).length === 2);
    expect(gridRows(el)).to.deep.equal(['alpha', 'beta']);
    await waitUntil(() => inShadow(panel(el), '[part="sort"] select'), 'the sort select shows');
    const select = inShadow<HTMLSelectElement>(panel(el), '[part="sort"] select')!;
    expect(textOf(inShadow(panel(el), '[part="sort"]')!)).to.contain('Sort runs by');
    select.value = '-learning_rate';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => params().get('sort') === '-learning_rate', 'the URL keeps the order');
    await waitUntil(() => gridRows(el)[0] === 'beta', 'beta (3e-4) comes first, descending');
    expect(gridRows(el)).to.deep.equal(['beta', 'alpha']);
    expect(runHeaders(el)[0], 'each run keeps its name').to.contain('beta-run');
    await expect(el).to.be.accessible();
  });

  it('reopens the order a link names', async () => {
    const el = await mount('run=beta&run=alpha&key=samples/grid&step=200&sort=learning_rate');
    await waitUntil(() => gridRows(el).length === 2 && gridRows(el)[0] === 'alpha', 'ascending: alpha (1e-4) first');
    expect(gridRows(el)).to.deep.equal(['alpha', 'beta']);
    expect(
      el.store.value.runs.map((r) => r.ref.runId),
      'the selection keeps its order',
    ).to.deep.equal(['beta', 'alpha']);
  });
});

describe('run details helpers', () => {
  it('reads back what it writes; "metric=" alone means no metrics, no metric at all means not chosen', () => {
    for (const state of [
      { open: true, metrics: ['train/loss', 'eval/fid'], configKeys: ['lr', 'optimizer.name'], sort: null },
      { open: false, metrics: [], configKeys: [], sort: { key: 'lr', descending: true } },
      { open: false, metrics: null, configKeys: ['seed'], sort: { key: 'optimizer.name', descending: false } },
    ]) {
      const params = new URLSearchParams('other=1');
      writeDetails(state, params);
      expect(readDetails(params)).to.deep.equal(state);
      expect(params.get('other')).to.equal('1');
    }
    expect(readDetails(new URLSearchParams('details=yes&config=&config=a&config=a&sort=-'))).to.deep.equal({
      open: false,
      metrics: null,
      configKeys: ['a'],
      sort: null,
    });
  });

  it('finds a config value by its dotted key, nested or as it is', () => {
    const config = { lr: 1e-4, optimizer: { name: 'adamw', betas: [0.9, 0.99] }, 'data.size': 2000, list: [1] };
    expect(configValueAt(config, 'lr')).to.deep.equal({ present: true, value: 1e-4 });
    expect(configValueAt(config, 'optimizer.name')).to.deep.equal({ present: true, value: 'adamw' });
    expect(configValueAt(config, 'optimizer.betas')).to.deep.equal({ present: true, value: [0.9, 0.99] });
    expect(configValueAt(config, 'data.size'), 'a key with a dot of its own').to.deep.equal({
      present: true,
      value: 2000,
    });
    expect(configValueAt(config, 'optimizer.eps').present).to.equal(false);
    expect(configValueAt(config, 'list.0').present, 'lists are values, not objects to walk').to.equal(false);
    expect(configValueAt(undefined, 'lr').present).to.equal(false);
  });

  it('toggles a key in or out, keeping the order chosen', () => {
    expect(toggleKey(['a', 'b'], 'c')).to.deep.equal(['a', 'b', 'c']);
    expect(toggleKey(['a', 'b', 'c'], 'b')).to.deep.equal(['a', 'c']);
  });
});
