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

  it('numbers 24 runs 1 to 24 in 24 colours, and gives a freed number to the next run selected', () => {
    const store = new SelectionStore();
    const ids = Array.from({ length: 24 }, (_, i) => `r${i}`);
    store.setRuns(ids.map(run));
    expect(store.value.runs.map((r) => r.colorIndex)).to.deep.equal(ids.map((_, i) => i));
    expect(new Set(store.value.runs.map((r) => r.color)).size).to.equal(24);
    store.setRuns([...ids.filter((id) => id !== 'r5').map(run), run('late')]);
    const late = store.value.runs.at(-1)!;
    expect(late.colorIndex).to.equal(5);
    expect(store.value.runs.find((r) => r.ref.runId === 'r6')!.colorIndex, 'the others keep theirs').to.equal(6);
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
