import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, type Run } from '@run-comparer/wandb-client';
import { project } from '../../test-support/datasets.js';
import '../wandb-source/define.js';
import './define.js';
import { withBaseline } from './baseline.js';
import type { RunComparer } from './run-comparer.js';

const run = (id: string, group: string | null = 'sweep') => ({ id, group }) as Run;
const ids = (runs: Run[]) => runs.map((r) => r.id);

describe('withBaseline', () => {
  it('adds the oldest run of the newest run’s group after the newest runs', () => {
    expect(ids(withBaseline([run('new'), run('mid', null)], run('base')))).to.deep.equal(['new', 'mid', 'base']);
  });

  it('adds nothing when the baseline is among the newest already', () => {
    expect(ids(withBaseline([run('new'), run('base')], run('base')))).to.deep.equal(['new', 'base']);
  });

  it('adds nothing when the newest run has no group, or the answer is of another group or missing', () => {
    expect(ids(withBaseline([run('new', null), run('mid')], run('base')))).to.deep.equal(['new', 'mid']);
    expect(ids(withBaseline([run('new')], run('base', 'other')))).to.deep.equal(['new']);
    expect(ids(withBaseline([run('new')], undefined))).to.deep.equal(['new']);
    expect(ids(withBaseline([], run('base')))).to.deep.equal([]);
  });
});

/** Newest first: a sweep whose first run is old, a run of no group between, and another sweep. */
const sweeps = project([
  { id: 'sweep3', group: 'lr-sweep', ageMinutes: 5, images: { 'samples/grid': [0, 100] } },
  { id: 'single', ageMinutes: 10, images: { 'samples/grid': [0, 100] } },
  { id: 'sweep2', group: 'lr-sweep', ageMinutes: 20, images: { 'samples/grid': [0, 100] } },
  { id: 'other1', group: 'seed-sweep', ageMinutes: 400, images: { 'samples/grid': [0, 100] } },
  { id: 'sweep1', group: 'lr-sweep', ageMinutes: 500, images: { 'samples/grid': [0, 100] } },
  { id: 'other0', group: 'seed-sweep', ageMinutes: 900, images: { 'samples/grid': [0, 100] } },
]);

async function open(attributes: { initialRuns: number; withBaseline: boolean }): Promise<RunComparer> {
  const el = await fixture<RunComparer>(
    html`<run-comparer
      .source=${createMemorySource(sweeps)}
      entity=${sweeps.entity}
      project=${sweeps.project}
      initial-runs=${attributes.initialRuns}
      ?with-baseline=${attributes.withBaseline}
      no-url
    ></run-comparer>`,
  );
  await el.ready;
  return el;
}

const selected = (el: RunComparer) => el.store.value.runs.map((r) => r.ref.runId);
describe('<run-comparer with-baseline>', () => {
  it('opens on the newest runs and the oldest run of the newest run’s sweep group', async () => {
    const el = await open({ initialRuns: 2, withBaseline: true });
    await waitUntil(() => selected(el).length === 3, 'the baseline is added');
    expect(selected(el)).to.deep.equal(['sweep3', 'single', 'sweep1']);
    await el.updateComplete;
    const summary = el.shadowRoot!.querySelector('.selection-summary')!.textContent!.trim();
    expect(summary).to.equal('3 runs selected');
  });

  it('opens on the newest runs only without it, and adds no second copy when the baseline is among them', async () => {
    const without = await open({ initialRuns: 2, withBaseline: false });
    await aTimeout(200);
    expect(selected(without)).to.deep.equal(['sweep3', 'single']);
    const all = await open({ initialRuns: 6, withBaseline: true });
    await aTimeout(200);
    expect(selected(all)).to.deep.equal(['sweep3', 'single', 'sweep2', 'other1', 'sweep1', 'other0']);
  });
});
