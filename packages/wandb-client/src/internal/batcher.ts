import { SharedWork } from '../shared-work.js';
import { abortedError } from './abort.js';

/** Runs one batch: one result (a value or an Error) per item, in order. */
export type BatchRunner<Item, Result> = (items: Item[], signal: AbortSignal) => Promise<Array<Result | Error>>;

export interface BatcherOptions<Item> {
  /** Most items in one batch; more are split across batches. */
  maxBatchSize: number;
  /** Whether `next` may join `batch` (which has fewer than `maxBatchSize` items); by default it may. */
  fits?: (batch: Item[], next: Item) => boolean;
  /** Most batches in flight at once; the others wait their turn. Default: no limit. */
  maxConcurrent?: number;
  /**
   * The item's priority (default 0 for all). Items of different priorities never share a batch,
   * and a waiting batch of a higher priority starts before any of a lower one.
   */
  priority?: (item: Item) => number;
  /**
   * Slots beyond `maxConcurrent` that only batches of a priority above 0 may take, so that they
   * never wait for a slow batch of lower priority to finish. Default 0.
   */
  reservedForPriority?: number;
  /** Items with the same key are fetched once and shared by their callers. */
  keyOf?: (item: Item) => string;
  /** When to flush the queue; the default waits one macrotask so calls made together batch together. */
  schedule?: (flush: () => void) => void;
}

interface Entry<Item, Result> {
  item: Item;
  key: string;
  priority: number;
  /** What its callers join; its signal aborts when they have all gone. */
  work: SharedWork<Result>;
  deliver: { resolve: (value: Result) => void; reject: (error: unknown) => void };
}

/**
 * A small dataloader: calls made in the same tick are sent as one batch, yet each caller keeps its
 * own result, its own error, and its own abort. A caller that aborts is rejected at once; the shared
 * request is cancelled only when every caller in it has aborted.
 */
export class Batcher<Item, Result> {
  readonly #run: BatchRunner<Item, Result>;
  readonly #options: Required<Omit<BatcherOptions<Item>, 'keyOf'>> & Pick<BatcherOptions<Item>, 'keyOf'>;
  #queue: Entry<Item, Result>[] = [];
  #inFlight = 0;
  /** Batches waiting for a slot, in the order they were flushed. */
  #waiting: Array<{ priority: number; start: () => void }> = [];

  constructor(run: BatchRunner<Item, Result>, options: BatcherOptions<Item>) {
    this.#run = run;
    this.#options = {
      schedule: (flush) => setTimeout(flush, 0),
      fits: () => true,
      maxConcurrent: Infinity,
      priority: () => 0,
      reservedForPriority: 0,
      ...options,
    };
  }

  load(item: Item, signal?: AbortSignal): Promise<Result> {
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    const key = this.#options.keyOf?.(item) ?? `#${Math.random()}`;
    let entry = this.#queue.find((queued) => queued.key === key && !queued.work.signal.aborted);
    if (!entry) {
      let deliver!: Entry<Item, Result>['deliver'];
      const answer = new Promise<Result>((resolve, reject) => (deliver = { resolve, reject }));
      entry = { item, key, priority: this.#options.priority(item), work: new SharedWork(() => answer), deliver };
      if (this.#queue.length === 0) this.#options.schedule(() => this.#flush());
      this.#queue.push(entry);
    }
    return entry.work.join(signal, abortedError);
  }

  #flush(): void {
    const live = this.#queue.filter((entry) => !entry.work.signal.aborted);
    this.#queue = [];
    const { maxBatchSize, fits } = this.#options;
    const batches: Entry<Item, Result>[][] = [];
    for (const entry of live) {
      const open = batches.find(
        (batch) =>
          batch.length < maxBatchSize &&
          batch[0]!.priority === entry.priority &&
          fits(
            batch.map((e) => e.item),
            entry.item,
          ),
      );
      if (open) open.push(entry);
      else batches.push([entry]);
    }
    for (const batch of batches) this.#whenFree(batch[0]!.priority, () => this.#dispatch(batch));
  }

  /** Whether a batch of `priority` may start now. */
  #hasSlot(priority: number): boolean {
    const { maxConcurrent, reservedForPriority } = this.#options;
    return this.#inFlight < maxConcurrent + (priority > 0 ? reservedForPriority : 0);
  }

  /** Run `start` once a slot is free for its priority; the batch calls `#release` when done. */
  #whenFree(priority: number, start: () => void): void {
    if (this.#hasSlot(priority) && !this.#waiting.some((w) => w.priority >= priority)) {
      this.#inFlight++;
      start();
    } else this.#waiting.push({ priority, start });
  }

  /** A batch finished: its slot goes to the waiting batch of the highest priority (the oldest of those). */
  #release(): void {
    this.#inFlight--;
    while (this.#waiting.length > 0) {
      const next = this.#waiting.reduce((best, w) => (w.priority > best.priority ? w : best));
      if (!this.#hasSlot(next.priority)) return;
      this.#waiting.splice(this.#waiting.indexOf(next), 1);
      this.#inFlight++;
      next.start();
    }
  }

  #dispatch(entries: Entry<Item, Result>[]): void {
    const abandoned = () => entries.every((entry) => entry.work.signal.aborted);
    if (abandoned()) return this.#release();
    const controller = new AbortController();
    const abortWhenAllGone = () => {
      if (abandoned()) controller.abort();
    };
    for (const entry of entries) entry.work.signal.addEventListener('abort', abortWhenAllGone, { once: true });
    const detach = () => {
      this.#release();
      for (const entry of entries) entry.work.signal.removeEventListener('abort', abortWhenAllGone);
    };

    this.#run(
      entries.map((entry) => entry.item),
      controller.signal,
    ).then(
      (results) => {
        detach();
        entries.forEach((entry, i) => {
          const result = results[i];
          if (result instanceof Error) entry.deliver.reject(result);
          else entry.deliver.resolve(result as Result);
        });
      },
      (error: unknown) => {
        detach();
        for (const entry of entries) entry.deliver.reject(error);
      },
    );
  }
}
