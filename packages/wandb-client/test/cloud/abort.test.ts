import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../src/errors.js';
import { rejectionOf, useHarness } from './helpers.js';

const dataset = syntheticDataset({ runs: 4, lastStep: 20 });
const project = { entity: dataset.entity, project: dataset.project };
const ref = (i: number) => ({ ...project, runId: dataset.runs[i]!.id });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}

function abortAfter(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

describe('cloud abort', () => {
  const h = useHarness([dataset]);

  it('cancels a request in flight', async () => {
    h.fake.faults.add({ kind: 'delay', ms: 3000 });
    const started = Date.now();
    const error = await rejectionOf(h.client.runs.list(project, { signal: abortAfter(50) }));
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted' });
    expect(isAbortError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cancels the wait between retries, without another attempt', async () => {
    // Its own operation, so a request the previous test aborted (which may still reach the server) is not counted.
    h.fake.faults.add({ kind: 'status', status: 429, retryAfter: '1' }, { times: 5, operation: 'Run' });
    const controller = new AbortController();
    const call = rejectionOf(h.client.runs.get(ref(0), { signal: controller.signal }));
    await until(() => h.fake.requests.count('Run') === 1);
    await sleep(30); // the client is now waiting out the Retry-After
    const abortedAt = Date.now();
    controller.abort();
    expect(await call).toMatchObject({ code: 'aborted' });
    expect(Date.now() - abortedAt).toBeLessThan(300);
    await sleep(1200);
    expect(h.fake.requests.count('Run')).toBe(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user left the page'));
    for (const call of [
      () => h.client.runs.get(ref(0), { signal: controller.signal }),
      () => h.client.images.at(ref(0), { keys: ['samples/grid'], step: 0 }, { signal: controller.signal }),
      () => h.client.media.urls(ref(0), ['media/images/x.png'], { signal: controller.signal }),
    ]) {
      const error = await rejectionOf(call());
      expect(error).toMatchObject({ code: 'aborted' });
      expect(error.message).toContain('user left the page');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.fake.requests.count()).toBe(0);
  });

  it('lets one caller of a shared batch abort while the others get their images', async () => {
    h.fake.faults.add({ kind: 'delay', ms: 300 });
    const controller = new AbortController();
    const calls = [0, 1, 2].map((i) =>
      h.client.images.at(ref(i), { keys: ['samples/grid'], step: 10 }, i === 1 ? { signal: controller.signal } : {}),
    );
    setTimeout(() => controller.abort(), 50);
    const [first, second, third] = await Promise.allSettled(calls);
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'aborted' } });
    expect(first).toMatchObject({ status: 'fulfilled', value: [{ key: 'samples/grid', step: 10 }] });
    expect(third).toMatchObject({ status: 'fulfilled', value: [{ key: 'samples/grid', step: 10 }] });
    expect(h.fake.requests.count()).toBe(1);
  });

  it('cancels the shared request when every caller in it aborts', async () => {
    h.fake.faults.add({ kind: 'delay', ms: 1000 });
    const controller = new AbortController();
    const calls = [0, 1].map((i) => h.client.runs.get(ref(i), { signal: controller.signal }));
    setTimeout(() => controller.abort(), 150);
    for (const result of await Promise.allSettled(calls))
      expect(result).toMatchObject({ status: 'rejected', reason: { code: 'aborted' } });
    await expect.poll(() => h.fake.requests.all.length).toBe(1);
    expect(h.fake.requests.all).toMatchObject([{ operation: 'Run', rootFields: 2, clientGone: true }]);
  });
});
