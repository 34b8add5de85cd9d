import { describe, expect, it } from 'vitest';
import { SharedWork, SingleFlight } from '../../src/index.js';

describe('SingleFlight', () => {
  it('shares one piece of work among concurrent callers', async () => {
    const flights = new SingleFlight();
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return 42;
    };
    expect(await Promise.all([flights.run('k', work), flights.run('k', work), flights.run('k', work)])).toEqual([
      42, 42, 42,
    ]);
    expect(runs).toBe(1);
    expect(flights.size).toBe(0);
  });

  it('a caller that aborts stops waiting; the work is aborted only when every caller left', async () => {
    const flights = new SingleFlight();
    let workSignal: AbortSignal | undefined;
    const work = (signal: AbortSignal) => {
      workSignal = signal;
      return new Promise<number>((resolve) => setTimeout(() => resolve(7), 50));
    };
    const a = new AbortController();
    const b = new AbortController();
    const first = flights.run('k', work, a.signal);
    const second = flights.run('k', work, b.signal);
    a.abort(new Error('a left'));
    await expect(first).rejects.toThrow('a left');
    expect(workSignal!.aborted).toBe(false);
    expect(await second).toBe(7);

    const c = new AbortController();
    const third = flights.run('k2', work, c.signal);
    c.abort(new Error('c left'));
    await expect(third).rejects.toThrow('c left');
    expect(workSignal!.aborted).toBe(true);
  });
});

describe('SharedWork', () => {
  it('gives every caller the result, or the error, of one run of the work', async () => {
    let runs = 0;
    const work = new SharedWork(async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 10));
      return 'done';
    });
    expect(await Promise.all([work.join(), work.join()])).toEqual(['done', 'done']);
    const failing = new SharedWork(() => Promise.reject(new Error('nope')));
    await expect(failing.join()).rejects.toThrow('nope');
    await expect(failing.join()).rejects.toThrow('nope');
    expect(runs).toBe(1);
  });

  it('rejects a caller whose signal already aborted with the error it asks for, and does not count it', async () => {
    const work = new SharedWork(
      (signal) => new Promise<number>((resolve) => setTimeout(() => resolve(signal.aborted ? -1 : 1), 20)),
    );
    const gone = AbortSignal.abort(new Error('gone'));
    await expect(work.join(gone, () => new Error('mapped'))).rejects.toThrow('mapped');
    expect(await work.join()).toBe(1);
    expect(work.signal.aborted).toBe(false);
  });

  it('is not abandoned when the last caller leaves after it settled', async () => {
    const work = new SharedWork(async () => 3);
    const caller = new AbortController();
    expect(await work.join(caller.signal)).toBe(3);
    caller.abort();
    expect(work.signal.aborted).toBe(false);
  });
});
