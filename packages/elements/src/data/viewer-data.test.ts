import { expect } from '@open-wc/testing';
import { createMemorySource, type RunRef } from '@run-comparer/wandb-client';
import { controlledSource } from '../../test-support/controlled-source.js';
import { project } from '../../test-support/datasets.js';
import { INDEX_BUDGET, ViewerData } from './viewer-data.js';

/** `runs` runs logging one image under each of `keys` at `steps` steps. */
function longRuns(runs: number, keys: string[], steps: number) {
  const every = Array.from({ length: steps }, (_, i) => i * 10);
  return project(
    Array.from({ length: runs }, (_, r) => ({
      id: `run-${r}`,
      images: Object.fromEntries(keys.map((key) => [key, every])),
    })),
  );
}

const refs = (dataset: ReturnType<typeof project>): RunRef[] =>
  dataset.runs.map((run) => ({ entity: dataset.entity, project: dataset.project, runId: run.id }));
const askedFor = (call: { args: unknown[] }) => ({
  runs: (call.args[0] as RunRef[]).map((ref) => ref.runId),
  keys: (call.args[1] as { keys: string[] }).keys,
});

describe('ViewerData.loadIndex', () => {
  it('asks for the index a few runs at a time, no answer much over the budget, the runs given first first', async () => {
    const perRun = INDEX_BUDGET / 4; // four runs fit in one answer
    const dataset = longRuns(10, ['k'], perRun);
    const controlled = controlledSource(createMemorySource(dataset));
    const data = new ViewerData(controlled.source);
    const all = refs(dataset);
    let chunks = 0;
    await data.loadIndex([all[7]!, ...all], ['k'], undefined, () => chunks++);
    expect(controlled.callsTo('index').map(askedFor)).to.deep.equal([
      { runs: ['run-7'], keys: ['k'] },
      { runs: ['run-0', 'run-1', 'run-2', 'run-3'], keys: ['k'] },
      { runs: ['run-4', 'run-5', 'run-6', 'run-8'], keys: ['k'] },
      { runs: ['run-9'], keys: ['k'] },
    ]);
    expect(chunks).to.equal(4);
    expect(data.stepsOf(all[9]!, 'k')).to.have.length(perRun);
    expect(data.sets.peek(data.setId(all[3]!, 'k', 10))!.images).to.have.length(1);
    await data.loadIndex(all, ['k']);
    expect(controlled.callsTo('index'), 'indexed runs are not asked for again').to.have.length(4);
  });

  it('splits the keys of a run too long for one answer', async () => {
    const dataset = longRuns(2, ['a', 'b', 'c'], INDEX_BUDGET / 2);
    const controlled = controlledSource(createMemorySource(dataset));
    const data = new ViewerData(controlled.source);
    await data.loadIndex(refs(dataset), ['a', 'b', 'c']);
    expect(controlled.callsTo('index').map(askedFor)).to.deep.equal([
      { runs: ['run-0'], keys: ['a', 'b', 'c'] },
      { runs: ['run-1'], keys: ['a', 'b'] },
      { runs: ['run-1'], keys: ['c'] },
    ]);
    expect(data.stepsOf(refs(dataset)[1]!, 'c')).to.have.length(INDEX_BUDGET / 2);
  });
});
