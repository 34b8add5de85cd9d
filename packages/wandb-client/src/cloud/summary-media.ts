import { summaryOnlySets } from '../media-values/summary-media.js';
import type { ImageSet, RunIssue, RunRef } from '../types.js';
import { parseWandbJson } from '../wandb-json.js';
import type { HistorySummary } from './history-keys.js';
import type { RunQueryBatcher } from './run-batch.js';
import { parseShape, RunNodeSchema } from './schemas.js';

const SummaryMetricsSchema = RunNodeSchema.shape.summaryMetrics;

/**
 * The media of keys a run holds only in its summary (`run.summary["best"] = wandb.Image(...)`),
 * each at the run's last step as `historyKeys` reports it. `summaryMetrics` is read only when asked:
 * it can be large, and most calls name keys `historyKeys` already counts as media.
 */
export class SummaryMedia {
  readonly #batcher: RunQueryBatcher;

  constructor(batcher: RunQueryBatcher) {
    this.#batcher = batcher;
  }

  /** Per summary-only key, its set. A summary that is not JSON leaves a warning and no sets. */
  async sets(
    ref: RunRef,
    history: HistorySummary | Promise<HistorySummary>,
    signal?: AbortSignal,
    warnings?: RunIssue[],
  ): Promise<Map<string, ImageSet>> {
    const [run, counted] = await Promise.all([
      this.#batcher.load({ ref, operation: 'RunSummaryMetrics', selection: 'summaryMetrics' }, signal),
      history,
    ]);
    const raw = parseShape(SummaryMetricsSchema, run.summaryMetrics, 'summaryMetrics');
    let summary: unknown = raw;
    if (typeof raw === 'string') {
      try {
        summary = parseWandbJson(raw);
      } catch {
        warnings?.push({
          code: 'summary_unreadable',
          message:
            "wandb sent this run's summary as text that is not JSON; media logged only in the summary are not listed.",
        });
        return new Map();
      }
    }
    const record =
      typeof summary === 'object' && summary !== null && !Array.isArray(summary)
        ? (summary as Record<string, unknown>)
        : null;
    const sets = summaryOnlySets(record, counted.lastStep, (key) => counted.imageCounts.has(key));
    return new Map(sets.map((set) => [set.key, set]));
  }
}

/** Whether any of `keys` may be a summary-only media key (`historyKeys` does not count it as media). */
export function mayBeSummaryOnly(history: HistorySummary, keys: readonly string[] | null): boolean {
  return keys === null || keys.some((key) => !history.imageCounts.has(key));
}
