import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syntheticDataset, type FakeWandb } from '../src/index.js';
import { post, start } from './helpers.js';

const dataset = syntheticDataset({ runs: 2, lastStep: 40, imageEvery: 10, realistic: true });
const [first, second] = dataset.runs.map((r) => r.id) as [string, string];
const spec = (key: string, samples = 100) => JSON.stringify({ keys: ['_step', key], samples, minStep: 0, maxStep: 40 });

/** One aliased request reading the sampled history of `runs`, as a batching client sends it. */
function historyOf(runs: string[], specs: string[], selection = 'sampledHistory(specs: $specs)') {
  const fields = runs.map(
    (run, i) => `q${i}: project(name: $p, entityName: $e) { run(name: "${run}") { ${selection} } }`,
  );
  const specsVariable = specs.length > 0 ? ', $specs: [JSONString!]!' : '';
  return [
    `query RunSampledHistory($e: String!, $p: String!${specsVariable}) { ${fields.join(' ')} }`,
    { e: dataset.entity, p: dataset.project, ...(specs.length > 0 ? { specs } : {}) },
  ] as const;
}

describe('fake wandb history quirks', () => {
  let fake: FakeWandb;
  beforeAll(async () => {
    fake = await start([dataset]);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.history.clear();
    fake.latency.ms = 0;
    fake.requests.reset();
  });

  it('fails a whole request with HTTP 500 when one run of it has unloadable history (wandb/wandb#4605)', async () => {
    fake.history.set(second, { unloadable: true });
    const both = await post(fake, ...historyOf([first, second], [spec('samples/grid')]));
    expect(both.status).toBe(500);
    expect(both.body).toEqual({
      data: null,
      errors: [
        {
          message: `run not found for history loading: ${dataset.entity}/${dataset.project}/${second}`,
          path: ['q1', 'run', 'sampledHistory'],
        },
      ],
    });
    const alone = await post(fake, ...historyOf([first], [spec('samples/grid')]));
    expect(alone.status).toBe(200);
    expect(alone.body?.data?.q0.run.sampledHistory[0]).toHaveLength(5);
    // historyKeys is not history loading: it still answers.
    const keys = await post(fake, ...historyOf([second], [], 'historyKeys'));
    expect(keys.status).toBe(200);
    expect(keys.body?.data?.q0.run.historyKeys.lastStep).toBe(40);
  });

  it('adds odd historyKeys entries, nulls between rows and a harder sampling cap where asked', async () => {
    fake.history.set(first, {
      extraHistoryKeys: { 'odd/key': null, 'odd/counts': { typeCounts: 'image-file' } },
      nullRowEvery: 2,
      maxRowsPerSpec: 3,
    });
    const keys = await post(fake, ...historyOf([first], [], 'historyKeys'));
    expect(keys.body?.data?.q0.run.historyKeys.keys).toMatchObject({
      'odd/key': null,
      'odd/counts': { typeCounts: 'image-file' },
      'samples/grid': { typeCounts: [{ type: 'images/separated', count: 5 }] },
    });
    const rows = await post(fake, ...historyOf([first], [spec('val/reference')]));
    const answer = rows.body?.data?.q0.run.sampledHistory[0] as Array<{ _step: number } | null>;
    expect(answer.map((row) => row?._step ?? null)).toEqual([0, 20, null, 40]);
  });

  it('logs the specs asked and the bytes answered per request, after the configured latency', async () => {
    fake.latency.ms = 150;
    const started = Date.now();
    await post(fake, ...historyOf([first, second], [spec('samples/grid'), spec('val/reference')]));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const [record] = fake.requests.all;
    expect(record).toMatchObject({ operation: 'RunSampledHistory', rootFields: 2, specs: 4, status: 200 });
    expect(record!.responseBytes).toBeGreaterThan(2 * 5 * 1000);
  });

  it('writes realistic image values: hashed file names, sha256, size and prompt captions', async () => {
    const rows = await post(fake, ...historyOf([first], [spec('samples/grid'), spec('val/reference')]));
    const [lists, singles] = rows.body?.data?.q0.run.sampledHistory as Array<Array<Record<string, unknown>>>;
    const list = lists![1]!['samples/grid'] as { filenames: string[]; captions: string[]; count: number };
    expect(list.count).toBe(2);
    for (const name of list.filenames) expect(name).toMatch(/^media\/images\/samples\/grid_10_[0-9a-f]{20}\.png$/);
    for (const caption of list.captions) expect(caption.length).toBeGreaterThan(150);
    expect(singles![1]!['val/reference']).toMatchObject({
      _type: 'image-file',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: expect.any(Number),
      path: expect.stringMatching(/^media\/images\/val\/reference_10_[0-9a-f]{20}\.png$/),
    });
    // A row of two prompts and two names weighs what real ones do (the offline fixture's image rows are ~930 B).
    expect(JSON.stringify(lists![1]).length).toBeGreaterThan(550);
  });
});
