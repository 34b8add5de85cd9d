import { expect, fixture, html } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { LitElement } from 'lit';
import '../wandb-source/define.js';
import type { WandbSource } from '../wandb-source/wandb-source.js';
import { SelectionController } from './selection-controller.js';
import { SelectionStore, type SelectionChange } from './selection-store.js';

/** A host that keeps the project part of the selection and counts what it was told. */
class ProjectWatcher extends LitElement {
  readonly changes: SelectionChange[][] = [];
  readonly selection = new SelectionController(this, {
    watch: ['project'],
    onChange: (_selection, changed) => this.changes.push([...changed]),
  });
}
customElements.define('project-watcher-test', ProjectWatcher);

describe('SelectionController', () => {
  it('gives a lone component a store of its own', async () => {
    const el = await fixture<ProjectWatcher>(html`<project-watcher-test></project-watcher-test>`);
    expect(el.selection.shared).to.equal(false);
    expect(el.selection.source).to.equal(undefined);
    el.selection.store.setProject({ entity: 'e', project: 'p' });
    expect(el.selection.value.project).to.deep.equal({ entity: 'e', project: 'p' });
  });

  it('takes the source and the store of an enclosing <wandb-source>, told only of the parts it watches', async () => {
    const source = createMemorySource({ entity: 'e', project: 'p', runs: [] });
    const provider = await fixture<WandbSource>(
      html`<wandb-source .source=${source}><project-watcher-test></project-watcher-test></wandb-source>`,
    );
    const el = provider.querySelector<ProjectWatcher>('project-watcher-test')!;
    expect(el.selection.shared).to.equal(true);
    expect(el.selection.source).to.equal(source);
    expect(el.selection.store).to.equal(provider.store);
    el.changes.length = 0;
    provider.store.setStep(5);
    provider.store.setProject({ entity: 'e', project: 'p' });
    // The step alone is not watched; a new project resets every part, the project among them.
    expect(el.changes).to.have.length(1);
    expect(el.changes[0]).to.include('project');

    const swapped = new SelectionStore();
    provider.store = swapped;
    await provider.updateComplete;
    expect(el.selection.store).to.equal(swapped);
    expect(el.changes.at(-1)).to.include.members(['project', 'runs', 'keys', 'step']);
  });
});
