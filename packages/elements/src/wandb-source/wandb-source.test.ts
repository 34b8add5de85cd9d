import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import '../run-picker/define.js';
import './define.js';
import { SelectionStore } from '../context/selection-store.js';
import { project, threeRuns } from '../../test-support/datasets.js';
import type { WandbSource } from './wandb-source.js';

const runNames = (root: Element) =>
  [...root.querySelector('run-picker')!.shadowRoot!.querySelectorAll('[part~="run-name"]')].map((n) => n.textContent);

describe('<wandb-source>', () => {
  it('gives its descendants the source and a selection for its project', async () => {
    const source = createMemorySource(threeRuns());
    const el = await fixture<WandbSource>(
      html`<wandb-source .source=${source} entity="acme" project="diffusion">
        <section><run-picker></run-picker></section>
      </wandb-source>`,
    );
    await waitUntil(() => runNames(el).length === 3, 'the nested picker lists the runs');
    expect(el.store.value.project).to.deep.equal({ entity: 'acme', project: 'diffusion' });
    expect(el.runSource).to.equal(source);
    expect(getComputedStyle(el).display).to.equal('contents');
    await expect(el).to.be.accessible();
  });

  it('switches every descendant when the source or the project changes', async () => {
    const el = await fixture<WandbSource>(
      html`<wandb-source .source=${createMemorySource(threeRuns())} entity="acme" project="diffusion">
        <run-picker></run-picker>
      </wandb-source>`,
    );
    await waitUntil(() => runNames(el).length === 3);
    el.source = createMemorySource([threeRuns(), project([{ id: 'solo', displayName: 'solo-run' }], 'acme', 'other')]);
    el.project = 'other';
    await waitUntil(() => runNames(el).join() === 'solo-run', 'the picker follows');
  });

  it('shares a store given to it, so a selection outlives the provider', async () => {
    const store = new SelectionStore();
    const el = await fixture<WandbSource>(
      html`<wandb-source .store=${store} .source=${createMemorySource(threeRuns())} entity="acme" project="diffusion">
        <run-picker></run-picker>
      </wandb-source>`,
    );
    await waitUntil(() => runNames(el).length === 3);
    el.querySelector('run-picker')!.value = ['cedar03'];
    expect(store.value.runs.map((r) => r.ref.runId)).to.deep.equal(['cedar03']);
  });

  it('creates an HTTP source for api, whose failures reach the elements inside', async () => {
    const el = await fixture<WandbSource>(
      html`<wandb-source api="/no-such-api" entity="acme" project="diffusion">
        <run-picker></run-picker>
      </wandb-source>`,
    );
    expect(el.runSource?.kind).to.equal('http');
    const picker = el.querySelector('run-picker')!;
    await waitUntil(() => picker.shadowRoot!.querySelector('[part="error"]'), 'the dev server answers 404', {
      timeout: 5000,
    });
    expect(picker.shadowRoot!.textContent).to.contain('Could not load runs');
  });
});
