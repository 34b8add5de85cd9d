import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useHarness } from './helpers.js';

/**
 * wandb documents `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the quota resets) on
 * its 429s; a 429 may carry them without `Retry-After`. The client waits that long, and a wait too
 * long to sit through is handed to the caller in `retryAfterMs`, to count down and retry.
 */

const dataset = syntheticDataset({ runs: 2, lastStep: 2, imageKeys: [] });
const project = { entity: dataset.entity, project: dataset.project };

describe('rate limits without Retry-After', () => {
  // Retries may wait up to 2 s each (QUICK_RETRY's maxDelayMs).
  const h = useHarness([dataset]);

  it('waits as long as RateLimit-Reset says, then succeeds', async () => {
    h.fake.faults.add({ kind: 'status', status: 429, rateLimitReset: '1' });
    const started = Date.now();
    const page = await h.client.runs.list(project);
    expect(page.runs).toHaveLength(2);
    // Not the 20 ms the backoff would start with: the second the server asked for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(h.fake.requests.count('Runs')).toBe(2);
  });

  it('a reset longer than it may wait fails at once with the wait in retryAfterMs, for a countdown', async () => {
    h.fake.faults.add({ kind: 'status', status: 429, rateLimitReset: '45' });
    const started = Date.now();
    const error = await rejectionOf(h.client.runs.list(project));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', retryAfterMs: 45_000, status: 429 });
    expect(error.message).toContain('wait 45 s');
    expect(h.fake.requests.count('Runs')).toBe(1);
  });

  it('Retry-After wins when both are sent', async () => {
    h.fake.faults.add({ kind: 'status', status: 429, retryAfter: '1', rateLimitReset: '45' });
    const page = await h.client.runs.list(project);
    expect(page.runs).toHaveLength(2);
  });
});
