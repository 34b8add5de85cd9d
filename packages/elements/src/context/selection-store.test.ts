import { expect } from '@open-wc/testing';
import type { Run } from '@run-comparer/wandb-client';
import { SelectionStore, SelectionChangeEvent } from './selection-store.js';

const run = (id: string) => ({ ref: { entity: 'e', project: 'p', runId: id }, run: { id } as Run });

describe('SelectionStore', () => {
  it('gives each selected run a colour and keeps it when others are deselected', () => {
    const store = new SelectionStore();
    store.setRuns([run('a'), run('b'), run('c')]);
    const colorOfC = store.value.runs[2]!.color;
    expect(new Set(store.value.runs.map((r) => r.color)).size).to.equal(3);
    store.setRuns([run('c')]);
    expect(store.value.runs[0]!.color).to.equal(colorOfC);
  });

  it('tells listeners what changed', () => {
    const store = new SelectionStore();
    const seen: string[][] = [];
    store.addEventListener(SelectionChangeEvent.eventName, (e) => seen.push([...(e as SelectionChangeEvent).changed]));
    store.setStep(10);
    store.setStep(10);
    store.setKeys(['samples/grid']);
    expect(seen).to.deep.equal([['step'], ['keys']]);
  });
});
