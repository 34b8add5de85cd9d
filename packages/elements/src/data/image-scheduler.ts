/** How urgently an image is wanted; lower goes first. */
export const LoadPriority = {
  /** An image a dialog shows: what the user opened. */
  dialog: 0,
  /** A thumbnail on screen at the current step. */
  visible: 1,
  /** A thumbnail on screen at a neighbouring step (prefetch). */
  neighbour: 2,
  /** Anything else: the margin around the view, steps passed over. */
  rest: 3,
} as const;
export type LoadPriority = (typeof LoadPriority)[keyof typeof LoadPriority];

/** Where one image stands in the scheduler. */
export type LoadStatus = 'queued' | 'loading' | 'decoded' | 'failed';

/** Fetch and decode one image; rejects when it does not load or `signal` aborts. */
export type ImageFetch = (url: string, signal: AbortSignal) => Promise<HTMLImageElement>;

export interface SchedulerOptions {
  /** Loads at once below dialog priority (a browser opens 6 connections per host: some stay free for the API). */
  concurrency?: number;
  /** Decoded images kept after no one wants them any more (scrolling back shows them at once). */
  keep?: number;
  fetchImage?: ImageFetch;
}

/** What the scheduler holds now, and what it did since it was made. */
export interface LoadStats {
  queued: number;
  loading: number;
  /** Decoded images held: those wanted and those kept. */
  decoded: number;
  started: number;
  /** Loads stopped because nobody wanted them any more (a step the user left). */
  aborted: number;
  failed: number;
}

interface Job {
  url: string;
  status: LoadStatus;
  priority: number;
  /** Order of arrival within a priority. */
  seq: number;
  image: HTMLImageElement | null;
  abort: AbortController | null;
}

/** Load with an `<img>` the browser can cancel: any URL a thumbnail may have (cross-origin, data:). */
export const loadImageElement: ImageFetch = (url, signal) =>
  new Promise((resolve, reject) => {
    const image = new Image();
    image.decoding = 'async';
    const stop = () => {
      image.removeAttribute('src'); // cancels the request
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
    image.src = url;
    image.decode().then(
      () => {
        signal.removeEventListener('abort', stop);
        resolve(image);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(signal.aborted ? signal.reason : error);
      },
    );
  });

/**
 * Loads and decodes images in order of priority, a few at a time, for several clients (the grid,
 * the dialogs). Each client says, as often as its view changes, every image it wants now and how
 * urgently (`want`); images nobody wants any more are dropped from the queue or, while loading,
 * aborted, so a newer step always wins over the one the user left. Decoded images stay held while
 * wanted, and the last `keep` unwanted ones after that.
 */
export class ImageScheduler {
  #jobs = new Map<string, Job>();
  #claims = new Map<object, ReadonlyMap<string, number>>();
  #listeners = new Map<object, (url: string) => void>();
  /** Decoded images no client wants, oldest first. */
  #kept = new Map<string, Job>();
  #loading = 0;
  #seq = 0;
  #stats = { started: 0, aborted: 0, failed: 0 };
  readonly #concurrency: number;
  readonly #keep: number;
  readonly #fetch: ImageFetch;

  constructor(options: SchedulerOptions = {}) {
    this.#concurrency = options.concurrency ?? 4;
    this.#keep = options.keep ?? 96;
    this.#fetch = options.fetchImage ?? loadImageElement;
  }

  /**
   * Everything `client` wants now (URL → priority), replacing what it wanted before. `onSettle` is
   * told each time one of its images decodes or fails.
   */
  want(client: object, wanted: ReadonlyMap<string, number>, onSettle?: (url: string) => void): void {
    const before = this.#claims.get(client);
    if (wanted.size) this.#claims.set(client, wanted);
    else this.#claims.delete(client);
    if (onSettle) this.#listeners.set(client, onSettle);
    else if (!wanted.size) this.#listeners.delete(client);
    const touched = new Set([...(before?.keys() ?? []), ...wanted.keys()]);
    for (const url of touched) this.#reprioritise(url);
    this.#pump();
  }

  /** Where `url` stands, or undefined when nobody asked for it (or it was dropped). */
  status(url: string): LoadStatus | undefined {
    return (this.#jobs.get(url) ?? this.#kept.get(url))?.status;
  }

  /** Whether `url` is decoded and held. */
  decoded(url: string): boolean {
    return this.status(url) === 'decoded';
  }

  /** Forget what happened to `url` (a failure the user retries), so the next `want` loads it again. */
  forget(url: string): void {
    const job = this.#jobs.get(url);
    if (job && job.status !== 'loading' && job.status !== 'queued') this.#jobs.delete(url);
    this.#kept.delete(url);
    this.#reprioritise(url);
    this.#pump();
  }

  stats(): LoadStats {
    let queued = 0;
    let decoded = this.#kept.size;
    for (const job of this.#jobs.values()) {
      if (job.status === 'queued') queued++;
      else if (job.status === 'decoded') decoded++;
    }
    return { queued, loading: this.#loading, decoded, ...this.#stats };
  }

  #priorityOf(url: string): number | null {
    let best: number | null = null;
    for (const wanted of this.#claims.values()) {
      const priority = wanted.get(url);
      if (priority !== undefined && (best === null || priority < best)) best = priority;
    }
    return best;
  }

  #reprioritise(url: string): void {
    const priority = this.#priorityOf(url);
    let job = this.#jobs.get(url);
    if (priority === null) {
      if (!job) return;
      this.#jobs.delete(url);
      if (job.status === 'loading') {
        job.abort!.abort();
        this.#loading--;
        this.#stats.aborted++;
      } else if (job.status === 'decoded') this.#keepDecoded(job);
      return;
    }
    if (!job) {
      job = this.#kept.get(url);
      this.#kept.delete(url);
      job ??= { url, status: 'queued', priority, seq: ++this.#seq, image: null, abort: null };
      this.#jobs.set(url, job);
    }
    if (job.status === 'queued' && job.priority !== priority) job.seq = ++this.#seq;
    job.priority = priority;
  }

  #keepDecoded(job: Job): void {
    this.#kept.set(job.url, job);
    while (this.#kept.size > this.#keep) this.#kept.delete(this.#kept.keys().next().value!);
  }

  #pump(): void {
    for (;;) {
      let next: Job | null = null;
      for (const job of this.#jobs.values()) {
        if (job.status !== 'queued') continue;
        if (!next || job.priority < next.priority || (job.priority === next.priority && job.seq < next.seq)) next = job;
      }
      if (!next) return;
      // Dialog images start at once; the rest wait for a free slot.
      if (next.priority > LoadPriority.dialog && this.#loading >= this.#concurrency) return;
      this.#start(next);
    }
  }

  #start(job: Job): void {
    const abort = new AbortController();
    job.status = 'loading';
    job.abort = abort;
    this.#loading++;
    this.#stats.started++;
    this.#fetch(job.url, abort.signal).then(
      (image) => this.#settle(job, abort, image),
      () => this.#settle(job, abort, null),
    );
  }

  #settle(job: Job, abort: AbortController, image: HTMLImageElement | null): void {
    if (abort.signal.aborted) return; // counted when it was dropped
    this.#loading--;
    job.abort = null;
    job.image = image;
    job.status = image ? 'decoded' : 'failed';
    if (!image) this.#stats.failed++;
    for (const [client, wanted] of this.#claims) if (wanted.has(job.url)) this.#listeners.get(client)?.(job.url);
    this.#pump();
  }
}

let shared: ImageScheduler | undefined;

/** The page's one scheduler of thumbnail loads, shared by every grid and dialog. */
export function imageScheduler(): ImageScheduler {
  return (shared ??= new ImageScheduler());
}
