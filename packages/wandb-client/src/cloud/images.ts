import { isWandbError, type WandbError } from '../errors.js';
import { imageSetFromValue, stepIndexFrom } from '../images.js';
import { checkKeys, checkStep } from '../internal/paging.js';
import { checkAxisKey } from '../scalars/params.js';
import type { CallOptions, ImageSet, RunImageIndex, RunRef, StepIndex, StepsParams } from '../types.js';
import { imageKeysOf } from './history-keys.js';
import { stepOf, stepWindow, valueAt, type HistoryRow } from './history-plan.js';
import type { HistoryReader, ImageRows } from './history-reader.js';
import { checkRunRef } from './params.js';
import { axisOfSteps } from './step-axis.js';
import { isServerError } from './transport.js';

/** Errors that concern one run; anything else (auth, network, rate limits, aborts) fails the whole call. */
const PER_RUN_ERRORS = new Set(['not_found', 'graphql', 'schema']);

/**
 * Whether `error` concerns only its run: a typed per-run error, or an HTTP 5xx that reached a request
 * of this run alone (a batch that failed as a whole is split until the failing run is alone) while
 * other runs of the same call were read.
 */
function isPerRun(error: unknown, othersRead: boolean): error is WandbError {
  return isWandbError(error) && (PER_RUN_ERRORS.has(error.code) || (othersRead && isServerError(error)));
}

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

  /**
   * Every step at which the keys hold images; all image keys when `keys` is omitted. With `axis`,
   * that scalar key's value in each image step's row (null where the row lacks it).
   */
  async steps(ref: RunRef, params: Partial<StepsParams> = {}, options: CallOptions = {}): Promise<StepIndex> {
    checkRunRef(ref);
    const keys = params.keys === undefined ? null : checkKeys(params.keys);
    const axis = checkAxisKey(params.axis);
    const read = await this.#reader.imageRows(ref, keys, options.signal ?? undefined);
    const index = stepIndexFrom(
      Object.fromEntries([...read.byKey].map(([key, list]) => [key, toSets(key, list).map((s) => s.step)])),
    );
    if (axis === null) return { ...index, ...shortfall(read) };
    const values = await axisOfSteps(this.#reader, ref, index.byKey, index.steps, axis, options.signal ?? undefined);
    return { ...index, axis: values, ...shortfall(read) };
  }

  /** The images at exactly `step`: one ImageSet per key that holds one there, in the order of `keys`. */
  async at(ref: RunRef, params: { keys: string[]; step: number }, options: CallOptions = {}): Promise<ImageSet[]> {
    checkRunRef(ref);
    const keys = checkKeys(params?.keys);
    const step = checkStep(params.step);
    if (keys.length === 0) return [];
    const specs = keys.map((key) => ({ key, window: stepWindow(step), rows: 1 }));
    const rows = await this.#reader.sampled(ref, specs, options.signal ?? undefined);
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
    const reads = await Promise.allSettled(refs.map((run) => this.#reader.imageRows(run, keys, signal)));
    const othersRead = reads.some((read) => read.status === 'fulfilled');
    return reads.map((read, i): RunImageIndex => {
      const run = refs[i]!;
      if (read.status === 'fulfilled') {
        const byKey = Object.fromEntries([...read.value.byKey].map(([key, list]) => [key, toSets(key, list)]));
        return { run, byKey, error: null, ...shortfall(read.value) };
      }
      if (!isPerRun(read.reason, othersRead)) throw read.reason;
      return { run, byKey: {}, error: { code: read.reason.code, message: read.reason.message } };
    });
  }
}

/** The incompleteness and warnings of a read, as optional fields (absent when there is nothing to say). */
function shortfall(read: ImageRows): Pick<RunImageIndex, 'incomplete' | 'warnings'> {
  return {
    ...(read.incomplete ? { incomplete: read.incomplete } : {}),
    ...(read.warnings.length > 0 ? { warnings: read.warnings } : {}),
  };
}

function toSets(key: string, rows: HistoryRow[]): ImageSet[] {
  return rows.flatMap((row) => {
    const step = stepOf(row);
    const set = step === null ? null : imageSetFromValue(key, step, valueAt(row, key));
    return set ? [set] : [];
  });
}
