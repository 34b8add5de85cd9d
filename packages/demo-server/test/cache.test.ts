import { describe, expect, it } from 'vitest';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { createCachedSource } from '../src/cache/cached-source.js';
import { LruCache } from '../src/cache/lru.js';
import { countingSource } from './fixtures/sources.js';

describe('LruCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new LruCache<string>({ maxEntries: 3, maxBytes: 1_000, ttlMs: 60_000 });
    for (const key of ['a', 'b', 'c']) cache.set(key, key, 1);
    cache.get('a');
    cache.set('d', 'd', 1);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => cache.get(k))).toEqual(['a', 'c', 'd']);
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 3, evictions: 1 });
  });

  it('keeps at most maxBytes, and refuses a value larger than the whole budget', () => {
    const cache = new LruCache<string>({ maxEntries: 100, maxBytes: 100, ttlMs: 60_000 });
    cache.set('a', 'a', 40);
    cache.set('b', 'b', 40);
    cache.set('c', 'c', 40);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 80 });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.set('huge', 'x', 101)).toBe(false);
    expect(cache.stats().bytes).toBe(80);
  });

  it('expires entries after their time to live', () => {
    let now = 1_000;
    const cache = new LruCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 50, now: () => now });
    cache.set('short', 'x', 1);
    cache.set('long', 'y', 1, 500);
    now += 60;
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toBe('y');
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 1 });
  });

  it('replacing a key does not count its bytes twice', () => {
    const cache = new LruCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 1_000 });
    cache.set('a', 'x', 30);
    cache.set('a', 'y', 20);
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 20 });
  });
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

function twoRuns(): Dataset {
  const image = (step: number) => ({
    _type: 'image-file',
    path: `media/images/s_${step}_0123456789abcdef0123.png`,
    format: 'png',
  });
  return {
    entity: 'e',
    project: 'p',
    runs: [
      {
        id: 'done',
        displayName: 'done',
        state: 'finished',
        createdAt: '2026-01-01T00:00:00Z',
        history: [{ _step: 0, s: image(0) }],
      },
      {
        id: 'live',
        displayName: 'live',
        state: 'running',
        createdAt: '2026-01-02T00:00:00Z',
        history: [{ _step: 0, s: image(0) }],
      },
    ],
  };
}

describe('cached source', () => {
  it('keeps finished runs long and running runs briefly, so live training shows up', async () => {
    const counted = countingSource(createMemorySource(twoRuns()));
    const cached = createCachedSource(counted, { finishedTtlMs: 60_000, runningTtlMs: 40 });
    await cached.get({ entity: 'e', project: 'p', runId: 'done' });
    await cached.get({ entity: 'e', project: 'p', runId: 'live' });
    await cached.keys({ entity: 'e', project: 'p', runId: 'done' });
    await cached.keys({ entity: 'e', project: 'p', runId: 'live' });
    expect(counted.calls).toMatchObject({ get: 2, keys: 2 });
    await tick(60);
    await cached.get({ entity: 'e', project: 'p', runId: 'done' });
    await cached.keys({ entity: 'e', project: 'p', runId: 'done' });
    expect(counted.calls).toMatchObject({ get: 2, keys: 2 });
    await cached.get({ entity: 'e', project: 'p', runId: 'live' });
    await cached.keys({ entity: 'e', project: 'p', runId: 'live' });
    expect(counted.calls).toMatchObject({ get: 3, keys: 3 });
  });

  it('does not cache failures', async () => {
    const counted = countingSource(createMemorySource(twoRuns()));
    const cached = createCachedSource(counted);
    await expect(cached.get({ entity: 'e', project: 'p', runId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(cached.get({ entity: 'e', project: 'p', runId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    expect(counted.calls.get).toBe(2);
  });

  it('stays within its byte budget however much is asked', async () => {
    const counted = countingSource(createMemorySource(twoRuns()));
    const cached = createCachedSource(counted, { maxBytes: 4_000, maxEntries: 1_000 });
    for (let i = 0; i < 200; i++) await cached.list({ entity: 'e', project: 'p', search: `q${i}` });
    expect(cached.stats().bytes).toBeLessThanOrEqual(4_000);
    expect(cached.stats().evictions).toBeGreaterThan(0);
  });
});
