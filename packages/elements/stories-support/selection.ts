import type { ProjectRef, Run, RunSource } from '@run-comparer/wandb-client';
import { SelectionStore, withRef, type Selection } from '../src/context/selection-store.js';
import { sampleSource, SAMPLE_ENTITY, SAMPLE_PROJECT } from './sample-project.js';

export interface SelectionSpec extends Partial<Omit<Selection, 'runs' | 'project'>> {
  /** The newest this many runs, or these run ids in this order. */
  runs?: number | string[];
  project?: ProjectRef;
}

/**
 * A story loader that builds the shared selection a user would have made (runs, keys, step,
 * an open image) from the source, so elements that read the selection render in that state
 * on their own, on docs pages too. Stories get it as `context.loaded.store`.
 */
export function selection(spec: SelectionSpec = {}, source: RunSource = sampleSource) {
  return async (): Promise<{ store: SelectionStore }> => {
    const { runs = 3, project = { entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT }, ...rest } = spec;
    const found: Run[] =
      typeof runs === 'number'
        ? runs > 0
          ? (await source.list({ ...project, perPage: runs })).runs
          : []
        : await Promise.all(runs.map((runId) => source.get({ ...project, runId })));
    const store = new SelectionStore({ project });
    store.setRuns(found.map(withRef));
    store.set(rest);
    return { store };
  };
}

/** The `--*` args of a story (CSS custom property controls), as a style map. */
export function cssProperties(args: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(args).filter(([name, value]) => name.startsWith('--') && value !== undefined && value !== ''),
  ) as Record<string, string>;
}
