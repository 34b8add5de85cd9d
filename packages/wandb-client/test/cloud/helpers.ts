import { inspect } from 'node:util';
import { startFakeWandb, type FakeWandb, type FakeWandbOptions } from '@run-comparer/fake-wandb';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { createWandbClient, type WandbClient, type WandbClientOptions } from '../../src/cloud/index.js';
import type { Dataset } from '../../src/memory/dataset.js';

export const API_KEY = 'local-0123456789abcdef0123456789abcdef01234567';
export const BASIC_FORM = Buffer.from(`api:${API_KEY}`).toString('base64');

/** Fast retries so tests of backoff take milliseconds, not seconds. */
export const QUICK_RETRY = { retries: 3, baseDelayMs: 20, maxDelayMs: 2_000, maxElapsedMs: 10_000 };

export interface Harness {
  fake: FakeWandb;
  client: WandbClient;
  close: () => Promise<void>;
}

export async function startHarness(
  datasets: Dataset[],
  clientOptions: Partial<WandbClientOptions> = {},
  fakeOptions: Partial<FakeWandbOptions> = {},
): Promise<Harness> {
  const fake = await startFakeWandb({ datasets, apiKey: API_KEY, ...fakeOptions });
  const client = createWandbClient({ apiKey: API_KEY, baseUrl: fake.url, retry: QUICK_RETRY, ...clientOptions });
  return { fake, client, close: () => fake.close() };
}

/**
 * One fake server and client for a `describe` block: started before its tests, closed after, with
 * faults, the request log and the media URL lifetime reset before each test.
 */
export function useHarness(
  datasets: Dataset[],
  clientOptions: Partial<WandbClientOptions> = {},
  fakeOptions: Partial<FakeWandbOptions> = {},
): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(datasets, clientOptions, fakeOptions);
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    current!.fake.faults.clear();
    current!.fake.faults.urlTtlSeconds = fakeOptions.urlTtlSeconds ?? 3600;
    current!.fake.history.clear();
    current!.fake.latency.ms = fakeOptions.latencyMs ?? 0;
    current!.fake.requests.reset();
  });
  return {
    get fake() {
      return current!.fake;
    },
    get client() {
      return current!.client;
    },
    close: () => current!.close(),
  };
}

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The key must not appear in any way an error can be shown, logged or sent. */
export function expectNoKey(error: unknown): void {
  const views = [String(error), JSON.stringify(error), inspect(error, { depth: 8 }), (error as Error).stack ?? ''];
  for (const view of views) {
    expect(view).not.toContain(API_KEY);
    expect(view).not.toContain(BASIC_FORM);
  }
}
