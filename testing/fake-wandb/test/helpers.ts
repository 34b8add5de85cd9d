import type { Dataset } from '@run-comparer/wandb-client';
import { startFakeWandb, type FakeWandb, type FakeWandbOptions } from '../src/index.js';

export const KEY = 'fake-test-key-0123456789abcdef0123456789';

export function basic(key: string): string {
  return `Basic ${Buffer.from(`api:${key}`).toString('base64')}`;
}

export function start(datasets: Dataset[], options: Partial<FakeWandbOptions> = {}): Promise<FakeWandb> {
  return startFakeWandb({ datasets, apiKey: KEY, ...options });
}

/** POST a GraphQL query as a wandb client would; returns the status, raw text and parsed body (when JSON). */
export async function post(
  fake: FakeWandb,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = { authorization: basic(KEY) },
) {
  const response = await fetch(`${fake.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk arbitrary GraphQL answers
  let body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: unknown[] }> } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}
