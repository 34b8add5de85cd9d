import type { RunState, RunUser } from '../types.js';

/**
 * A plain description of a project's runs: what training logged, independent of where it is
 * stored. The sample project, test fixtures, the fake wandb server, the `.wandb` writer and the
 * in-memory source all speak it, so one dataset can be served by every source and compared.
 */
export interface Dataset {
  entity: string;
  project: string;
  runs: DatasetRun[];
}

/** One logged history row: `_step` plus the values of that `run.log()` call. */
export type HistoryRow = { _step: number } & Record<string, unknown>;

export interface DatasetRun {
  id: string;
  displayName: string;
  state: RunState;
  /** ISO 8601 creation time. */
  createdAt: string;
  heartbeatAt?: string | null;
  user?: RunUser | null;
  tags?: string[];
  group?: string | null;
  jobType?: string | null;
  notes?: string | null;
  /** Plain config values (not wrapped in `{value, desc}`). */
  config?: Record<string, unknown>;
  /** Values set on the summary explicitly; the last history values are merged under these. */
  summary?: Record<string, unknown>;
  /** History rows in step order. Image values are wandb's JSON (`_type: 'image-file'`, ...). */
  history: HistoryRow[];
  /** Files by path relative to the run's files root (`media/images/...`). */
  files?: Record<string, Uint8Array>;
}

/** The summary a run reports: last value of every history key, overridden by explicit values. */
export function summaryOf(run: DatasetRun): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const row of run.history) Object.assign(summary, row);
  return { ...summary, ...run.summary };
}
