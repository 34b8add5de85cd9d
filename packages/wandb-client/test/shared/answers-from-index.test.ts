import { describe, expect, it } from 'vitest';
import { answersFromIndex, createMemorySource } from '../../src/index.js';
import { contractDataset } from '../contract/run-source.contract.js';

describe('answersFromIndex', () => {
  it('answers steps and at for every step as the source itself does', async () => {
    const dataset = contractDataset();
    const source = createMemorySource(dataset);
    const keys = ['samples/grid', 'val/reference', 'samples/legacy', 'never/logged'];
    for (const run of dataset.runs) {
      const ref = { entity: dataset.entity, project: dataset.project, runId: run.id };
      const [entry] = await source.index([ref], { keys });
      const answers = answersFromIndex(entry!.byKey, keys);
      expect(answers.steps).toEqual(await source.steps(ref, { keys }));
      for (let step = 0; step <= run.history.at(-1)!._step + 1; step++) {
        expect(answers.at(step), `${run.id} step ${step}`).toEqual(await source.at(ref, { keys, step }));
      }
    }
  });

  it('reads the keys once each, in the order asked, and a key the index lacks as having no images', () => {
    const set = (key: string, step: number) => ({
      key,
      step,
      type: 'image-file' as const,
      images: [],
      unsupported: null,
    });
    const byKey = { b: [set('b', 1), set('b', 3)], a: [set('a', 3)] };
    const answers = answersFromIndex(byKey, ['a', 'b', 'a', 'c']);
    expect(answers.steps).toEqual({ steps: [1, 3], byKey: { a: [3], b: [1, 3], c: [] } });
    expect(answers.at(3).map((s) => s.key)).toEqual(['a', 'b']);
    expect(answers.at(2)).toEqual([]);
  });
});
