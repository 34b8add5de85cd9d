import { checkHistoryAtParams, checkHistoryParams } from '../scalars/params.js';
import { STEP_KEY } from '../scalars/row-value.js';
import { sampleSeries } from '../scalars/sample-series.js';
import { scalarOf } from '../scalars/scalar-value.js';
import type {
  CallOptions,
  HistoryAtParams,
  HistoryParams,
  RunIssue,
  RunRef,
  ScalarAt,
  ScalarHistory,
  ScalarPoint,
  ScalarsAt,
} from '../types.js';
import { isComplete, stepOf, valueAt, type HistoryRow, type StepWindow } from './history-plan.js';
import type { HistoryReader, HistorySpec } from './history-reader.js';
import { checkRunRef } from './params.js';
import type { RunQueryBatcher } from './run-batch.js';
import { parseScalarKeys, type ScalarSummary } from './scalar-keys.js';

/** Rounds of narrowing or widening a step window before `at` settles for what it has. */
const MAX_ROUNDS = 16;

/** A key's search for its value at a step: the window asked next, and what was found. */
interface Lookup {
  key: string;
  window: StepWindow | null;
  /** Width of the next window below the current one, when it held nothing. */
  width: number;
  /** The value, from a window known to hold every row of the key. */
  found: ScalarAt | null;
  /** The nearest value a sampled-down answer held, should the rounds run out. */
  fallback: ScalarAt | null;
}

/**
 * `wb.history`: scalar history of chosen keys, read with `sampledHistory` specs of only those keys
 * (one spec per key, as the spec returns only rows holding every key it names), within the same
 * request budget as the image reader.
 */
export class HistoryResource {
  readonly #batcher: RunQueryBatcher;
  readonly #reader: HistoryReader;
  readonly #samplesPerSpec: number;

  constructor(batcher: RunQueryBatcher, reader: HistoryReader, samplesPerSpec: number) {
    this.#batcher = batcher;
    this.#reader = reader;
    this.#samplesPerSpec = samplesPerSpec;
  }

  /** History keys that hold numbers, sorted (`system/*` and `_step` itself excluded). */
  async keys(ref: RunRef, options: CallOptions = {}): Promise<string[]> {
    checkRunRef(ref);
    const { counts } = await this.#summary(ref, options.signal ?? undefined);
    return [...counts.keys()].filter((key) => key !== STEP_KEY).sort();
  }

  /**
   * Per key, the whole run sampled down to at most `samples` points (wandb samples a longer history
   * on the server; at most `historySamplesPerSpec` points a key).
   */
  async series(ref: RunRef, params: HistoryParams, options: CallOptions = {}): Promise<ScalarHistory> {
    checkRunRef(ref);
    const { keys, samples } = checkHistoryParams(params);
    const signal = options.signal ?? undefined;
    const { lastStep, counts } = await this.#summary(ref, signal);
    const perSpec = Math.min(samples, this.#samplesPerSpec);
    const asked = lastStep === null ? [] : keys.filter((key) => counts.has(key));
    const specs: HistorySpec[] = asked.map((key) => ({
      key,
      window: { minStep: 0, maxStep: lastStep!, samples: perSpec },
      rows: Math.min(perSpec, counts.get(key)!),
    }));
    const skipped = { rows: 0 };
    const answers = specs.length > 0 ? await this.#reader.sampled(ref, specs, signal, skipped) : [];
    const byKey: ScalarHistory['byKey'] = {};
    for (const key of keys) {
      const at = asked.indexOf(key);
      const points = at < 0 ? [] : pointsOf(answers[at]!, key);
      byKey[key] = { points: sampleSeries(points, perSpec), sampled: points.length < (counts.get(key) ?? 0) };
    }
    return { byKey, ...skippedWarning(skipped.rows) };
  }

  /**
   * Per key, the value at `step` or the nearest earlier step that logged one. Each key is looked
   * for in a window ending at `step`, sized from how often historyKeys says it was logged; a window
   * with nothing widens downwards, one sampled down narrows to above its last row.
   */
  async at(ref: RunRef, params: HistoryAtParams, options: CallOptions = {}): Promise<ScalarsAt> {
    checkRunRef(ref);
    const { keys, step } = checkHistoryAtParams(params);
    const signal = options.signal ?? undefined;
    const { lastStep, counts } = await this.#summary(ref, signal);
    const lookups = keys.map((key) => this.#start(key, step, lastStep, counts.get(key) ?? 0));
    const skipped = { rows: 0 };
    const warnings: RunIssue[] = [];
    for (let round = 0; lookups.some((l) => l.window); round++) {
      const pending = lookups.filter((l) => l.window);
      if (round === MAX_ROUNDS) {
        warnings.push({
          code: 'history_value_uncertain',
          message: `wandb kept sampling down the history of ${pending.map((l) => l.key).join(', ')} near step ${step}; the value shown may not be the nearest one.`,
        });
        break;
      }
      const specs = pending.map((l) => ({
        key: l.key,
        window: l.window!,
        rows: Math.min(l.window!.samples, width(l.window!)),
      }));
      const answers = await this.#reader.sampled(ref, specs, signal, skipped);
      pending.forEach((lookup, i) => this.#next(lookup, answers[i]!));
    }
    return {
      step,
      byKey: Object.fromEntries(lookups.map((l) => [l.key, l.found ?? (l.window ? l.fallback : null)])),
      ...(warnings.length > 0 || skipped.rows > 0
        ? { warnings: [...warnings, ...(skippedWarning(skipped.rows).warnings ?? [])] }
        : {}),
    };
  }

  /** The first window for a key logged `count` times up to `lastStep`: wide enough to hold about 8 of its rows. */
  #start(key: string, step: number, lastStep: number | null, count: number): Lookup {
    const lookup: Lookup = { key, window: null, width: 0, found: null, fallback: null };
    const hi = Math.min(step, lastStep ?? -1);
    if (count === 0 || hi < 0) return lookup;
    const density = Math.min(1, count / (lastStep! + 1));
    lookup.width = Math.max(1, Math.ceil(8 / density));
    lookup.window = this.#below(hi, lookup.width);
    return lookup;
  }

  /**
   * Take a window's rows. Complete: its last value is the answer, or, when it has none, the next
   * window is the one below it, wider. Sampled down: the nearest value lies at or above the highest
   * row returned, so that part is asked again (the upper half, when the rows say nothing).
   */
  #next(lookup: Lookup, rows: HistoryRow[]): void {
    const window = lookup.window!;
    const best = pointsOf(rows, lookup.key)
      .filter(([step]) => step <= window.maxStep)
      .at(-1);
    const value = best ? { step: best[0], value: best[1] } : null;
    if (!isComplete(window, rows.length)) {
      if (value && (!lookup.fallback || value.step > lookup.fallback.step)) lookup.fallback = value;
      const top = Math.max(window.minStep, ...rows.map((row) => stepOf(row) ?? -1));
      const from = top > window.minStep ? top : Math.floor((window.minStep + window.maxStep) / 2) + 1;
      lookup.window = this.#between(Math.min(from, window.maxStep), window.maxStep);
    } else if (value) {
      lookup.found = value;
      lookup.window = null;
    } else if (window.minStep === 0) {
      lookup.window = null;
    } else {
      lookup.width *= 8;
      lookup.window = this.#below(window.minStep - 1, lookup.width);
    }
  }

  #below(hi: number, span: number): StepWindow {
    return this.#between(Math.max(0, hi - span + 1), hi);
  }

  #between(minStep: number, maxStep: number): StepWindow {
    return { minStep, maxStep, samples: Math.min(this.#samplesPerSpec, maxStep - minStep + 1) };
  }

  async #summary(ref: RunRef, signal: AbortSignal | undefined): Promise<ScalarSummary> {
    // The same query as the image reader's, so concurrent reads of one run share it.
    const run = await this.#batcher.load({ ref, operation: 'RunHistoryKeys', selection: 'historyKeys' }, signal);
    return parseScalarKeys(run.historyKeys);
  }
}

/** The numeric values of `key` in rows, in step order, one per step. */
export function pointsOf(rows: HistoryRow[], key: string): ScalarPoint[] {
  const byStep = new Map<number, number>();
  for (const row of rows) {
    const step = stepOf(row);
    const value = scalarOf(valueAt(row, key));
    if (step !== null && value !== null) byStep.set(step, value);
  }
  return [...byStep].sort((a, b) => a[0] - b[0]);
}

function width(window: StepWindow): number {
  return window.maxStep - window.minStep + 1;
}

function skippedWarning(rows: number): { warnings?: RunIssue[] } {
  if (rows === 0) return {};
  return {
    warnings: [
      {
        code: 'history_rows_skipped',
        message: `wandb sent ${rows} history ${rows === 1 ? 'entry that was' : 'entries that were'} not a row (null); skipped.`,
      },
    ],
  };
}
