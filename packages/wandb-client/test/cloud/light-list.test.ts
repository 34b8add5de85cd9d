import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { useHarness } from './helpers.js';

/**
 * wandb lists runs with a lightweight field set (wandb/wandb#10034): config, summaryMetrics and
 * historyKeys can be megabytes per run. A listing leaves them out, says so (`detail: 'light'`), and
 * `get()` (or `detail: 'full'`) loads them.
 */

const dataset = syntheticDataset({ runs: 30, lastStep: 40, imageKeys: ['samples/grid'] });
for (const run of dataset.runs) {
  // A realistic sweep config: a few hundred keys.
  run.config = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [`hparams/option_${i}`, `value ${i} of ${run.id}`]),
  );
}
const project = { entity: dataset.entity, project: dataset.project };

/** The bytes of every GraphQL answer the client received, and the queries it sent. */
function recordingFetch() {
  const answers: Array<{ query: string; bytes: number }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const { query } = (await request.clone().json()) as { query: string };
    const response = await globalThis.fetch(request);
    const body = await response.arrayBuffer();
    answers.push({ query, bytes: body.byteLength });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch, answers };
}

describe('light run listings', () => {
  const recorded = recordingFetch();
  const h = useHarness([dataset], { fetch: recorded.fetch });

  it('lists runs without config, summary and history keys, and says so', async () => {
    recorded.answers.length = 0;
    const page = await h.client.runs.list({ ...project, perPage: 30 });
    expect(page.runs).toHaveLength(30);
    for (const run of page.runs) {
      expect(run).toMatchObject({ detail: 'light', config: {}, summary: {}, lastStep: null, state: 'finished' });
      expect(run.displayName).toMatch(/^synthetic-/);
      expect(run.tags.length).toBe(1);
    }
    const [answer] = recorded.answers;
    expect(answer!.query).not.toMatch(/\bconfig\b|summaryMetrics|historyKeys/);
    // 30 runs with ~300 config keys each: the light page stays small.
    expect(answer!.bytes).toBeLessThan(20_000);
  });

  it('get() loads the run in full', async () => {
    const listed = (await h.client.runs.list({ ...project, perPage: 1 })).runs[0]!;
    const run = await h.client.runs.get({ ...project, runId: listed.id });
    expect(run.detail).toBeUndefined();
    expect(Object.keys(run.config)).toHaveLength(300);
    expect(run.summary['train/loss']).toBeTypeOf('number');
    expect(run.lastStep).toBe(40);
  });

  it('detail: "full" lists every run in full, for callers that want config in the listing', async () => {
    recorded.answers.length = 0;
    const page = await h.client.runs.list({ ...project, perPage: 30, detail: 'full' });
    for (const run of page.runs) {
      expect(run.detail).toBeUndefined();
      expect(Object.keys(run.config)).toHaveLength(300);
      expect(run.lastStep).toBe(40);
    }
    expect(recorded.answers[0]!.bytes).toBeGreaterThan(200_000);
  });

  it('refuses a detail it does not know, before any request', async () => {
    recorded.answers.length = 0;
    await expect(h.client.runs.list({ ...project, detail: 'heavy' as 'full' })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('"light" or "full"'),
    });
    expect(recorded.answers).toHaveLength(0);
  });
});
