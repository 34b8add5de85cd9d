import { describe, expect, it } from 'vitest';
import { Batcher } from '../../src/internal/batcher.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A batcher whose batches finish only when the test says so; it records the order they start in. */
function controlled(options: { maxBatchSize: number; maxConcurrent: number; reservedForPriority?: number }) {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const batcher = new Batcher<string, string>(
    async (items) => {
      const name = items.join('+');
      started.push(name);
      await new Promise<void>((resolve) => finish.set(name, resolve));
      return items.map((item) => `answer to ${item}`);
    },
    { ...options, priority: (item) => (item.startsWith('hi') ? 1 : 0) },
  );
  return { batcher, started, done: (name: string) => finish.get(name)!() };
}

describe('Batcher priorities', () => {
  it('starts a batch of higher priority on the reserved slot, then before every waiting lower one', async () => {
    const { batcher, started, done } = controlled({ maxBatchSize: 1, maxConcurrent: 2, reservedForPriority: 1 });
    const lows = ['lo1', 'lo2', 'lo3', 'lo4'].map((item) => batcher.load(item));
    await tick();
    expect(started).toEqual(['lo1', 'lo2']);

    const highs = ['hi1', 'hi2'].map((item) => batcher.load(item));
    await tick();
    expect(started).toEqual(['lo1', 'lo2', 'hi1']); // the slot kept for it: no wait for lo1 or lo2

    done('lo1');
    await tick();
    expect(started).toEqual(['lo1', 'lo2', 'hi1', 'hi2']); // the freed slot goes to hi2, not lo3
    done('hi1');
    await tick();
    expect(started).toHaveLength(4); // lo2 and hi2 fill the two ordinary slots
    done('hi2');
    await tick();
    expect(started.slice(4)).toEqual(['lo3']);
    expect(await Promise.all(highs)).toEqual(['answer to hi1', 'answer to hi2']);

    done('lo2');
    done('lo3');
    await tick();
    done('lo4');
    expect(await Promise.all(lows)).toEqual(['lo1', 'lo2', 'lo3', 'lo4'].map((item) => `answer to ${item}`));
    expect(started).toEqual(['lo1', 'lo2', 'hi1', 'hi2', 'lo3', 'lo4']);
  });

  it('never puts items of different priorities in one batch', async () => {
    const { batcher, started, done } = controlled({ maxBatchSize: 10, maxConcurrent: 4 });
    const answers = ['lo1', 'hi1', 'lo2', 'hi2'].map((item) => batcher.load(item));
    await tick();
    expect(started).toEqual(['lo1+lo2', 'hi1+hi2']);
    done('lo1+lo2');
    done('hi1+hi2');
    expect(await Promise.all(answers)).toEqual(['lo1', 'hi1', 'lo2', 'hi2'].map((item) => `answer to ${item}`));
  });

  it('without a reserved slot, a higher priority still waits only for the first slot to free', async () => {
    const { batcher, started, done } = controlled({ maxBatchSize: 1, maxConcurrent: 1 });
    void batcher.load('lo1');
    void batcher.load('lo2');
    await tick();
    void batcher.load('hi1');
    await tick();
    expect(started).toEqual(['lo1']);
    done('lo1');
    await tick();
    expect(started).toEqual(['lo1', 'hi1']);
    done('hi1');
    await tick();
    done('lo2');
  });
});
