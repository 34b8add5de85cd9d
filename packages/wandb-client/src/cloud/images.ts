import { isWandbError, type WandbError } from '../errors.js';
import { imageSetFromValue, stepIndexFrom } from '../images.js';
import { checkKeys, checkStep } from '../internal/paging.js';
import { checkAxisKey } from '../scalars/params.js';
import type { CallOptions, ImageSet, RunImageIndex, RunIssue, RunRef, StepIndex, StepsParams } from '../types.js';
import { imageKeysOf } from './history-keys.js';
import { stepOf, stepWindow, valueAt, type HistoryRow } from './history-plan.js';
import type { HistoryReader, ImageRows } from './history-reader.js';
import { checkRunRef } from './params.js';
import { axisOfSteps } from './step-axis.js';
import { mayBeSummaryOnly, type SummaryMedia } from './summary-media.js';
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
  readonly #summaryMedia: SummaryMedia | null;

  /** With `summaryMedia`, keys that hold media only in a run's summary are listed too, at its last step. */
  constructor(reader: HistoryReader, summaryMedia?: SummaryMedia) {
    this.#reader = reader;
    this.#summaryMedia = summaryMedia ?? null;
  }

  /**
   * Keys that hold media (images, videos, media listed as unsupported) in history or only in the
   * summary, sorted; `system/*` excluded.
   */
  async keys(ref: RunRef, options: CallOptions = {}): Promise<string[]> {
    checkRunRef(ref);
    const signal = options.signal ?? undefined;
    const history = this.#reader.summary(ref, signal);
    const fromSummary = this.#summaryMedia?.sets(ref, history, signal) ?? new Map<string, ImageSet>();
    const [counted, extra] = await Promise.all([history, fromSummary]);
    return [...new Set([...imageKeysOf(counted), ...extra.keys()])].sort();
  }

  /**
   * The image rows of `keys` (all media keys when null), and the sets of the keys that hold media
   * only in the summary: their summary is read only when a key is not a history media key.
   */
  async #read(
    ref: RunRef,
    keys: string[] | null,
    signal: AbortSignal | undefined,
  ): Promise<{ rows: ImageRows; fromSummary: Map<string, ImageSet> }> {
    if (keys?.length === 0 || !this.#summaryMedia) {
      return { rows: await this.#reader.imageRows(ref, keys, signal), fromSummary: new Map() };
    }
    const warnings: RunIssue[] = [];
    const history = this.#reader.summary(ref, signal, warnings);
    // Every key is asked for: the summary is read along with historyKeys, in the same request.
    const [summary, early] = await Promise.all([
      history,
      keys === null ? this.#summaryMedia.sets(ref, history, signal, warnings) : null,
    ]);
    const fromSummary =
      early ??
      (mayBeSummaryOnly(summary, keys)
        ? await this.#summaryMedia.sets(ref, summary, signal, warnings)
        : new Map<string, ImageSet>());
    const inHistory = keys === null ? null : keys.filter((key) => !fromSummary.has(key));
    const rows = await this.#reader.imageRows(ref, inHistory, signal, { summary, warnings });
    return { rows, fromSummary };
  }

  /**
   * Every step at which the keys hold images; all image keys when `keys` is omitted. With `axis`,
   * that scalar key's value in each image step's row (null where the row lacks it).
   */
  async steps(ref: RunRef, params: Partial<StepsParams> = {}, options: CallOptions = {}): Promise<StepIndex> {
    checkRunRef(ref);
    const keys = params.keys === undefined ? null : checkKeys(params.keys);
    const axis = checkAxisKey(params.axis);
    const { rows: read, fromSummary } = await this.#read(ref, keys, options.signal ?? undefined);
    const index = stepIndexFrom(
      Object.fromEntries([
        ...[...read.byKey].map(([key, list]) => [key, toSets(key, list).map((s) => s.step)] as const),
        ...[...fromSummary].map(([key, set]) => [key, [set.step]] as const),
      ]),
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
    const signal = options.signal ?? undefined;
    const rows = await this.#reader.sampled(ref, specs, signal);
    const found = keys.map((key, i) => toSets(key, rows[i]!).filter((set) => set.step === step));
    const missing = keys.filter((_, i) => found[i]!.length === 0);
    if (missing.length > 0 && this.#summaryMedia) {
      // A key with media only in the summary shows at the run's last step.
      const history = await this.#reader.summary(ref, signal);
      if ((history.lastStep ?? 0) === step && mayBeSummaryOnly(history, missing)) {
        const extra = await this.#summaryMedia.sets(ref, history, signal);
        keys.forEach((key, i) => {
          const set = found[i]!.length === 0 ? extra.get(key) : undefined;
          if (set) found[i] = [set];
        });
      }
    }
    return found.flat();
  }

  /**
   * The image index of many runs: per run, per key, every ImageSet in step order. All runs share
   * each request (aliases). A run that cannot be read gets `error`; the others are still indexed.
   */
  async index(refs: RunRef[], params: { keys?: string[] } = {}, options: CallOptions = {}): Promise<RunImageIndex[]> {
    refs.forEach(checkRunRef);
    const keys = params.keys === undefined ? null : checkKeys(params.keys);
    const signal = options.signal ?? undefined;
    const reads = await Promise.allSettled(refs.map((run) => this.#read(run, keys, signal)));
    const othersRead = reads.some((read) => read.status === 'fulfilled');
    return reads.map((read, i): RunImageIndex => {
      const run = refs[i]!;
      if (read.status === 'fulfilled') {
        const { rows, fromSummary } = read.value;
        const byKey = Object.fromEntries([
          ...[...rows.byKey].map(([key, list]) => [key, toSets(key, list)] as const),
          ...[...fromSummary].map(([key, set]) => [key, [set]] as const),
        ]);
        return { run, byKey, error: null, ...shortfall(rows) };
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
