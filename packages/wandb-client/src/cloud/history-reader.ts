import { isImageValue } from '../images.js';
import type { RunRef } from '../types.js';
import { EMPTY_HISTORY, imageKeysOf, parseHistoryKeys, type HistorySummary } from './history-keys.js';
import {
  isComplete,
  planWindows,
  specJson,
  splitWindow,
  stepOf,
  valueAt,
  wholeHistory,
  widthOf,
  type HistoryRow,
  type StepWindow,
} from './history-plan.js';
import type { RunQueryBatcher } from './run-batch.js';
import { parseShape, SampledHistorySchema } from './schemas.js';

/** Rounds of window splitting before the rows in hand are accepted (each round is one request for all runs). */
const MAX_ROUNDS = 8;

interface Spec {
  key: string;
  window: StepWindow;
}

interface KeyProgress {
  key: string;
  /** Rows of windows already known to be complete. */
  rows: HistoryRow[];
  pending: StepWindow[];
  /** Windows answered in the windowed phase, kept for the final count check. */
  answered: Array<{ window: StepWindow; rows: number }>;
}

/**
 * Reads every history row that holds each image key, for one run, in as few requests as possible.
 * Runs read at the same time share requests: each round's queries are made in the same tick and
 * the {@link RunQueryBatcher} sends them as one aliased request.
 */
export class HistoryReader {
  readonly #batcher: RunQueryBatcher;
  readonly #samples: number;

  constructor(batcher: RunQueryBatcher, samplesPerSpec: number) {
    this.#batcher = batcher;
    this.#samples = samplesPerSpec;
  }

  /** `historyKeys` of one run. */
  async summary(ref: RunRef, signal?: AbortSignal): Promise<HistorySummary> {
    const run = await this.#batcher.load({ ref, operation: 'RunHistoryKeys', selection: 'historyKeys' }, signal);
    return parseHistoryKeys(run.historyKeys);
  }

  /** The rows at exactly these windows, one array per spec. */
  async sampled(ref: RunRef, specs: Spec[], withKeys: boolean, signal?: AbortSignal) {
    const run = await this.#batcher.load(
      {
        ref,
        operation: 'RunSampledHistory',
        selection: `${withKeys ? 'historyKeys ' : ''}sampledHistory(specs: $specs)`,
        variables: { specs: { type: '[JSONString!]!', value: specs.map((s) => specJson(s.key, s.window)) } },
      },
      signal,
    );
    const perSpec = parseShape(SampledHistorySchema, run.sampledHistory, 'sampledHistory');
    return {
      rows: specs.map((_, i) => perSpec[i] ?? []),
      summary: withKeys ? parseHistoryKeys(run.historyKeys) : EMPTY_HISTORY,
    };
  }

  /**
   * Every row holding an image for each key (all image keys when `keys` is null), sorted by step.
   * The first request also reads `historyKeys`, whose counts tell whether the rows are complete.
   */
  async imageRows(ref: RunRef, keys: string[] | null, signal?: AbortSignal): Promise<Map<string, HistoryRow[]>> {
    let summary: HistorySummary | null = null;
    if (keys === null) {
      summary = await this.summary(ref, signal);
      keys = imageKeysOf(summary);
    }
    const out = new Map<string, HistoryRow[]>(keys.map((key) => [key, []]));
    if (keys.length === 0) return out;

    const first = await this.sampled(
      ref,
      keys.map((key) => ({ key, window: wholeHistory(this.#samples) })),
      summary === null,
      signal,
    );
    summary ??= first.summary;
    const progress: KeyProgress[] = [];
    keys.forEach((key, i) => {
      const rows = first.rows[i]!;
      const expected = summary.imageCounts.get(key) ?? 0;
      if (isComplete(wholeHistory(this.#samples), rows.length) && countImages(rows, key) >= expected) {
        out.set(key, rows);
        return;
      }
      const lastStep = Math.max(summary.lastStep ?? 0, ...rows.map((r) => stepOf(r) ?? 0));
      const pending = planWindows(Math.max(expected, rows.length), lastStep, this.#samples);
      progress.push({ key, rows: [], pending, answered: [] });
    });

    for (let round = 0; round < MAX_ROUNDS && progress.some((p) => p.pending.length > 0); round++) {
      const specs = progress.flatMap((p) => p.pending.map((window) => ({ key: p.key, window })));
      const answer = await this.sampled(ref, specs, false, signal);
      let at = 0;
      for (const p of progress) {
        const asked = p.pending;
        p.pending = [];
        for (const window of asked) {
          const rows = answer.rows[at++]!;
          if (isComplete(window, rows.length)) {
            p.rows.push(...rows);
            p.answered.push({ window, rows: rows.length });
          } else {
            p.pending.push(...splitWindow(window, this.#samples, summary.lastStep ?? 0));
          }
        }
        if (p.pending.length === 0) p.pending = this.#recheck(p, summary);
      }
    }
    for (const p of progress) out.set(p.key, p.rows);
    for (const [key, rows] of out) out.set(key, sortedByStep(rows));
    return out;
  }

  /**
   * All windows looked complete, yet fewer images came back than `historyKeys` counts: a server that
   * returns fewer than `samples` rows while sampling down. Split the windows that could hide rows.
   */
  #recheck(p: KeyProgress, summary: HistorySummary): StepWindow[] {
    const expected = summary.imageCounts.get(p.key) ?? 0;
    if (countImages(p.rows, p.key) >= expected) return [];
    const suspects = p.answered.filter((a) => widthOf(a.window) > a.window.samples);
    if (suspects.length === 0) return [];
    p.answered = p.answered.filter((a) => !suspects.includes(a));
    p.rows = p.rows.filter((row) => !suspects.some((a) => inWindow(row, a.window)));
    return suspects.flatMap((a) => splitWindow(a.window, this.#samples, summary.lastStep ?? 0));
  }
}

function countImages(rows: HistoryRow[], key: string): number {
  return rows.reduce((n, row) => n + (isImageValue(valueAt(row, key)) ? 1 : 0), 0);
}

function inWindow(row: HistoryRow, window: StepWindow): boolean {
  const step = stepOf(row);
  return step !== null && step >= window.minStep && (window.maxStep === null || step <= window.maxStep);
}

function sortedByStep(rows: HistoryRow[]): HistoryRow[] {
  const byStep = new Map<number, HistoryRow>();
  for (const row of rows) {
    const step = stepOf(row);
    if (step !== null) byStep.set(step, row);
  }
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}
