import { isWandbError } from '../errors.js';
import { imageSetFromValue, stepIndexFrom } from '../images.js';
import { checkKeys, checkStep } from '../internal/paging.js';
import type { CallOptions, ImageSet, RunImageIndex, RunRef, StepIndex } from '../types.js';
import { imageKeysOf } from './history-keys.js';
import { stepOf, stepWindow, valueAt, type HistoryRow } from './history-plan.js';
import type { HistoryReader } from './history-reader.js';
import { checkRunRef } from './params.js';

/** Errors that concern one run; anything else (auth, network, rate limits, aborts) fails the whole call. */
const PER_RUN_ERRORS = new Set(['not_found', 'graphql', 'schema']);

/**
 * `wb.images`: which history keys hold images, at which steps, and the images themselves.
 * Step lists are complete (never sampled down), and calls for many runs share requests.
 */
export class ImagesResource {
  readonly #reader: HistoryReader;

  constructor(reader: HistoryReader) {
    this.#reader = reader;
  }

  /** History keys that hold images (single, lists, legacy sprites), sorted; `system/*` excluded. */
  async keys(ref: RunRef, options: CallOptions = {}): Promise<string[]> {
    checkRunRef(ref);
    return imageKeysOf(await this.#reader.summary(ref, options.signal ?? undefined));
  }

  /** Every step at which the keys hold images; all image keys when `keys` is omitted. */
  async steps(ref: RunRef, params: { keys?: string[] } = {}, options: CallOptions = {}): Promise<StepIndex> {
    checkRunRef(ref);
    const keys = params.keys === undefined ? null : checkKeys(params.keys);
    const rows = await this.#reader.imageRows(ref, keys, options.signal ?? undefined);
    return stepIndexFrom(
      Object.fromEntries([...rows].map(([key, list]) => [key, toSets(key, list).map((s) => s.step)])),
    );
  }

  /** The images at exactly `step`: one ImageSet per key that holds one there, in the order of `keys`. */
  async at(ref: RunRef, params: { keys: string[]; step: number }, options: CallOptions = {}): Promise<ImageSet[]> {
    checkRunRef(ref);
    const keys = checkKeys(params?.keys);
    const step = checkStep(params.step);
    if (keys.length === 0) return [];
    const specs = keys.map((key) => ({ key, window: stepWindow(step) }));
    const { rows } = await this.#reader.sampled(ref, specs, false, options.signal ?? undefined);
    return keys.flatMap((key, i) => toSets(key, rows[i]!).filter((set) => set.step === step));
  }

  /**
   * The image index of many runs: per run, per key, every ImageSet in step order. All runs share
   * each request (aliases). A run that cannot be read gets `error`; the others are still indexed.
   */
  async index(refs: RunRef[], params: { keys?: string[] } = {}, options: CallOptions = {}): Promise<RunImageIndex[]> {
    refs.forEach(checkRunRef);
    const keys = params.keys === undefined ? null : checkKeys(params.keys);
    const signal = options.signal ?? undefined;
    return Promise.all(
      refs.map(async (run): Promise<RunImageIndex> => {
        try {
          const rows = await this.#reader.imageRows(run, keys, signal);
          return {
            run,
            byKey: Object.fromEntries([...rows].map(([key, list]) => [key, toSets(key, list)])),
            error: null,
          };
        } catch (error) {
          if (!isWandbError(error) || !PER_RUN_ERRORS.has(error.code)) throw error;
          return { run, byKey: {}, error: { code: error.code, message: error.message } };
        }
      }),
    );
  }
}

function toSets(key: string, rows: HistoryRow[]): ImageSet[] {
  return rows.flatMap((row) => {
    const step = stepOf(row);
    const set = step === null ? null : imageSetFromValue(key, step, valueAt(row, key));
    return set ? [set] : [];
  });
}
