import { isMediaValue } from '../media-values/kinds.js';
import type { IncompleteSteps, RunIssue, RunRef } from '../types.js';
import { expectedImageRows, imageKeysOf, parseHistoryKeys, type HistorySummary } from './history-keys.js';
import {
  isComplete,
  planKey,
  rowBound,
  specJson,
  splitWindow,
  stepOf,
  valueAt,
  widthOf,
  withinBudget,
  type HistoryRow,
  type RequestBudget,
  type StepWindow,
} from './history-plan.js';
import type { RunQueryBatcher } from './run-batch.js';
import { parseShape, SampledHistorySchema } from './schemas.js';

/** Rounds of window splitting before the rows in hand are accepted (and the result marked incomplete). */
const MAX_ROUNDS = 8;

export interface HistorySpec {
  key: string;
  window: StepWindow;
  /** The most rows this spec can answer (see `rowBound`); what the request budget counts. */
  rows: number;
  /** More keys the rows must hold (sampledHistory answers only rows holding every key of a spec). */
  also?: string[];
}

/** Every row holding an image, per key, and whether the source could read them all. */
export interface ImageRows {
  byKey: Map<string, HistoryRow[]>;
  /** Set when fewer image rows were read than historyKeys counts, or windows were still sampled down. */
  incomplete: IncompleteSteps | null;
  /** What was skipped on the way (odd historyKeys entries, rows that were not objects). */
  warnings: RunIssue[];
}

interface KeyRead {
  key: string;
  /** Image rows historyKeys counts; null when it cannot say. */
  expected: number | null;
  /** Every row received, by step: rows of windows later split are real rows and are kept. */
  held: Map<number, HistoryRow>;
  pending: StepWindow[];
  /** Windows that came back complete, for the final count check. */
  answered: StepWindow[];
}

export interface HistoryReaderOptions {
  /** Most rows one spec asks for. */
  samplesPerSpec: number;
  /** Most specs, and most rows they can answer, per request. */
  budget: RequestBudget;
}

/**
 * Reads every history row that holds each image key, for one run, in bounded requests: historyKeys
 * first (its counts and last step plan the windows), then specs of at most `samplesPerSpec` rows,
 * grouped so that no request asks more than `budget.specs` specs or can answer more than `budget.rows`
 * rows. Runs read at the same time share requests (the {@link RunQueryBatcher} packs them).
 */
export class HistoryReader {
  readonly #batcher: RunQueryBatcher;
  readonly #options: HistoryReaderOptions;

  constructor(batcher: RunQueryBatcher, options: HistoryReaderOptions) {
    this.#batcher = batcher;
    this.#options = options;
  }

  /** Most rows one spec asks for. */
  get samplesPerSpec(): number {
    return this.#options.samplesPerSpec;
  }

  /** `historyKeys` of one run; what was skipped in it goes to `warnings`. */
  async summary(ref: RunRef, signal?: AbortSignal, warnings?: RunIssue[]): Promise<HistorySummary> {
    const run = await this.#batcher.load({ ref, operation: 'RunHistoryKeys', selection: 'historyKeys' }, signal);
    return parseHistoryKeys(run.historyKeys, warnings);
  }

  /**
   * The rows of each spec, in order. Specs are grouped into queries within the budget and sent
   * together; rows that are not objects (a `null` in the list) are skipped and counted in `skipped`.
   */
  async sampled(ref: RunRef, specs: HistorySpec[], signal?: AbortSignal, skipped = { rows: 0 }) {
    const groups = withinBudget(
      specs.map((spec, at) => ({ spec, at })),
      ({ spec }) => spec.rows,
      this.#options.budget,
    );
    const out: HistoryRow[][] = specs.map(() => []);
    await Promise.all(
      groups.map(async (group) => {
        const run = await this.#batcher.load(
          {
            ref,
            operation: 'RunSampledHistory',
            selection: 'sampledHistory(specs: $specs)',
            variables: {
              specs: {
                type: '[JSONString!]!',
                value: group.map(({ spec }) => specJson(spec.key, spec.window, spec.also)),
              },
            },
            cost: { specs: group.length, rows: group.reduce((n, { spec }) => n + spec.rows, 0) },
          },
          signal,
        );
        const perSpec = parseShape(SampledHistorySchema, run.sampledHistory, 'sampledHistory');
        group.forEach(({ at }, i) => {
          for (const row of perSpec[i] ?? []) {
            if (typeof row === 'object' && row !== null && !Array.isArray(row)) out[at]!.push(row as HistoryRow);
            else skipped.rows++;
          }
        });
      }),
    );
    return out;
  }

  /**
   * Every row holding an image for each key (all image keys when `keys` is null), sorted by step.
   * `known`: the run's historyKeys, already read (with what was skipped in it), so it is not asked again.
   */
  async imageRows(
    ref: RunRef,
    keys: string[] | null,
    signal?: AbortSignal,
    known?: { summary: HistorySummary; warnings: RunIssue[] },
  ): Promise<ImageRows> {
    const warnings: RunIssue[] = [...(known?.warnings ?? [])];
    if (keys?.length === 0) return { byKey: new Map(), incomplete: null, warnings };
    const summary = known?.summary ?? (await this.summary(ref, signal, warnings));
    const asked = keys ?? imageKeysOf(summary);
    const lastStep = summary.lastStep;
    const { samplesPerSpec } = this.#options;
    const reads: KeyRead[] = asked.map((key) => {
      const expected = expectedImageRows(summary, key);
      const pending = lastStep === null ? [] : planKey(expected, lastStep, samplesPerSpec);
      return { key, expected, held: new Map(), pending, answered: [] };
    });
    const skipped = { rows: 0 };
    for (let round = 0; round < MAX_ROUNDS && reads.some((r) => r.pending.length > 0); round++) {
      const specs = reads.flatMap((r) =>
        r.pending.map((window) => ({ key: r.key, window, rows: rowBound(window, r.expected) })),
      );
      const answers = await this.sampled(ref, specs, signal, skipped);
      let at = 0;
      for (const read of reads) {
        const windows = read.pending;
        read.pending = [];
        for (const window of windows) {
          const rows = answers[at++]!;
          for (const row of rows) {
            const step = stepOf(row);
            if (step !== null) read.held.set(step, row);
          }
          if (isComplete(window, rows.length)) read.answered.push(window);
          else read.pending.push(...splitWindow(window, samplesPerSpec));
        }
        if (read.expected !== null && imagesIn(read) >= read.expected) read.pending = [];
        else if (read.pending.length === 0) read.pending = this.#recheck(read);
      }
    }
    if (skipped.rows > 0) {
      warnings.push({
        code: 'history_rows_skipped',
        message: `wandb sent ${skipped.rows} history ${skipped.rows === 1 ? 'entry that was' : 'entries that were'} not a row (null); skipped.`,
      });
    }
    return {
      byKey: new Map(
        reads.map((r) => [r.key, [...r.held.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row)]),
      ),
      incomplete: incompleteness(reads),
      warnings,
    };
  }

  /**
   * All windows looked complete, yet fewer images came back than historyKeys counts: a server that
   * returns fewer than `samples` rows while sampling down. Ask again, in halves, the windows that could
   * hide rows (the rows they gave are kept).
   */
  #recheck(read: KeyRead): StepWindow[] {
    if (read.expected === null) return [];
    const suspects = read.answered.filter((window) => widthOf(window) > window.samples);
    read.answered = read.answered.filter((window) => !suspects.includes(window));
    return suspects.flatMap((window) => splitWindow(window, this.#options.samplesPerSpec));
  }
}

function imagesIn(read: KeyRead): number {
  let count = 0;
  for (const row of read.held.values()) if (isMediaValue(valueAt(row, read.key))) count++;
  return count;
}

/** Whether, and by how much, the rows read fall short of what historyKeys counts or of what was still being split. */
function incompleteness(reads: KeyRead[]): IncompleteSteps | null {
  const short = reads.filter((r) => r.pending.length > 0 || (r.expected !== null && imagesIn(r) < r.expected));
  if (short.length === 0) return null;
  const receivedRows = short.reduce((n, r) => n + imagesIn(r), 0);
  const keys = short.map((r) => r.key);
  const counted = short.every((r) => r.expected !== null);
  const expectedRows = counted ? short.reduce((n, r) => n + r.expected!, 0) : null;
  const message = counted
    ? `Some steps may be missing: wandb returned ${receivedRows} of ${expectedRows} image rows (${keys.join(', ')}).`
    : `Some steps may be missing: wandb kept sampling down the history of ${keys.join(', ')}; ${receivedRows} image rows were read.`;
  return { expectedRows, receivedRows, keys, message };
}
