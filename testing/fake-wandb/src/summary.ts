import type { DatasetRun } from '@run-comparer/wandb-client';

/**
 * What wandb's server reports as a run's summary: the latest value logged for each history key,
 * with values set on the summary directly taking precedence. Kept here, not imported from the
 * client, so the fake stays an independent stand-in (and loads without the client's runtime code).
 */
export function summaryOf(run: DatasetRun): Record<string, unknown> {
  const latest: Record<string, unknown> = {};
  for (const row of run.history) {
    for (const [key, value] of Object.entries(row)) latest[key] = value;
  }
  return { ...latest, ...(run.summary ?? {}) };
}
