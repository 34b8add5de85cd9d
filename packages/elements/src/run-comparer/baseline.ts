import type { ProjectRef, Run, RunSource } from '@run-comparer/wandb-client';
import type { SelectionStore, withRef } from '../context/selection-store.js';

/**
 * The runs a researcher would open on: the newest runs, and the oldest run of the newest run's
 * sweep group (the usual baseline) when it is not among them already. `oldest` is that group's
 * oldest run, as the source answered (or undefined).
 */
export function withBaseline(newest: readonly Run[], oldest: Run | undefined): Run[] {
  const group = newest[0]?.group;
  if (!group || oldest?.group !== group || newest.some((run) => run.id === oldest.id)) return [...newest];
  return [...newest, oldest];
}

/**
 * Adds the baseline of `newest` (see `withBaseline`) to the selection once the source names it,
 * unless the selection changed meanwhile. Loaded on first use, after the newest runs are shown; it
 * takes `ref` (the store's `withRef`) from the caller, so that this chunk shares no module with the first load.
 */
export async function addBaseline(
  store: SelectionStore,
  source: RunSource,
  project: ProjectRef,
  newest: readonly Run[],
  signal: AbortSignal,
  ref: typeof withRef,
): Promise<void> {
  const group = newest[0]?.group;
  if (!group) return;
  const page = await source
    .list({ ...project, perPage: 1, order: '+created_at', filters: { group } }, { signal })
    .catch(() => null);
  const shown = store.value.runs;
  const unchanged = shown.length === newest.length && shown.every((r, i) => r.ref.runId === newest[i]!.id);
  if (!page || signal.aborted || !unchanged) return;
  const runs = withBaseline(newest, page.runs[0]);
  if (runs.length > newest.length) store.setRuns(runs.map(ref));
}
