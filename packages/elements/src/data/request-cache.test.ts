import { expect } from '@open-wc/testing';
import { RequestCache, type BatchFetch } from './request-cache.js';

interface Pending {
  ids: string[];
  signal: AbortSignal;
  resolve(values: Map<string, number>): void;
  reject(error: unknown): void;
}

/** A fetch whose answers the test gives by hand. */
function heldFetch() {
  const calls: Pending[] = [];
  const fetch: BatchFetch<number> = (ids, signal) =>
    new Promise((resolve, reject) => calls.push({ ids, signal, resolve, reject }));
  const answer = (i: number) => calls[i]!.resolve(new Map(calls[i]!.ids.map((id) => [id, id.length])));
  return { calls, fetch, answer };
}

describe('RequestCache', () => {
  it('batches the missing ids and shares a request between callers', async () => {
    const cache = new RequestCache<number>();
    const { calls, fetch, answer } = heldFetch();
    const first = cache.load(['a', 'bb'], fetch);
    const second = cache.load(['bb', 'ccc'], fetch);
    await Promise.resolve();
    expect(calls.map((c) => c.ids)).to.deep.equal([['a', 'bb'], ['ccc']]);
    answer(0);
    answer(1);
    await Promise.all([first, second]);
    expect([cache.peek('a'), cache.peek('bb'), cache.peek('ccc')]).to.deep.equal([1, 2, 3]);
    await cache.load(['a', 'ccc'], fetch);
    expect(calls).to.have.length(2);
  });

  it('stores ids missing from an answer as null', async () => {
    const cache = new RequestCache<number>();
    await cache.load(['x', 'y'], async () => new Map([['x', 1]]));
    expect(cache.peek('y')).to.equal(null);
    expect(cache.peek('z')).to.equal(undefined);
  });

  it('aborts a request only when every caller waiting for it gave up', async () => {
    const cache = new RequestCache<number>();
    const { calls, fetch, answer } = heldFetch();
    const view = new AbortController();
    const prefetch = new AbortController();
    const viewDone = cache.load(['s'], fetch, view.signal);
    void cache.load(['s'], fetch, prefetch.signal);
    await Promise.resolve();
    view.abort();
    await viewDone;
    expect(calls[0]!.signal.aborted).to.equal(false);
    prefetch.abort();
    expect(calls[0]!.signal.aborted).to.equal(true);
    answer(0);
    await Promise.resolve();
    const again = cache.load(['t'], fetch);
    await Promise.resolve();
    expect(calls).to.have.length(2);
    answer(1);
    await again;
  });

  it('keeps failures until forgotten, then asks again', async () => {
    const cache = new RequestCache<number>();
    let attempts = 0;
    const failing: BatchFetch<number> = async (ids) => {
      attempts++;
      if (attempts === 1) throw new Error('boom');
      return new Map(ids.map((id) => [id, 7]));
    };
    await cache.load(['k'], failing);
    expect((cache.error('k') as Error).message).to.equal('boom');
    await cache.load(['k'], failing);
    expect(attempts).to.equal(1);
    cache.forget(['k']);
    await cache.load(['k'], failing);
    expect([cache.peek('k'), cache.error('k'), attempts]).to.deep.equal([7, undefined, 2]);
  });

  it('fetches again values that are no longer fresh, keeping the old one meanwhile', async () => {
    let fresh = true;
    const cache = new RequestCache<number>(() => fresh);
    let n = 0;
    const counting: BatchFetch<number> = async (ids) => new Map(ids.map((id) => [id, ++n]));
    await cache.load(['u'], counting);
    fresh = false;
    const refreshing = cache.load(['u'], counting);
    expect(cache.peek('u')).to.equal(1);
    await refreshing;
    expect(cache.peek('u')).to.equal(2);
  });
});
