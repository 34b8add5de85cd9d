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
  /** Items with the same key are fetched once and shared by their callers. */
  keyOf?: (item: Item) => string;
  /** When to flush the queue; the default waits one macrotask so calls made together batch together. */
  schedule?: (flush: () => void) => void;
}

interface Entry<Item, Result> {
  item: Item;
  key: string;
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
  #waiting: Array<() => void> = [];

  constructor(run: BatchRunner<Item, Result>, options: BatcherOptions<Item>) {
    this.#run = run;
    this.#options = {
      schedule: (flush) => setTimeout(flush, 0),
      fits: () => true,
      maxConcurrent: Infinity,
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
      entry = { item, key, work: new SharedWork(() => answer), deliver };
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
          fits(
            batch.map((e) => e.item),
            entry.item,
          ),
      );
      if (open) open.push(entry);
      else batches.push([entry]);
    }
    for (const batch of batches) void this.#whenFree(() => this.#dispatch(batch));
  }

  /** Run `start` once fewer than `maxConcurrent` batches are in flight; the batch calls `#release` when done. */
  async #whenFree(start: () => void): Promise<void> {
    if (this.#inFlight < this.#options.maxConcurrent) this.#inFlight++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    start();
  }

  /** A batch finished: its slot goes to the next waiting batch, if any. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#inFlight--;
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
