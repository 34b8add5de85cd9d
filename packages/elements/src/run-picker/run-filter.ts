import { matchesRunSearch, type Run, type RunState } from '@run-comparer/wandb-client';

/** The run states the picker can narrow to, and the states each stands for. */
export const STATE_FILTERS = {
  running: { label: 'Running', states: ['running'] },
  finished: { label: 'Finished', states: ['finished'] },
  failed: { label: 'Crashed or failed', states: ['crashed', 'failed'] },
} as const satisfies Record<string, { label: string; states: readonly RunState[] }>;

/** A state filter, or '' for every state. */
export type StateFilter = keyof typeof STATE_FILTERS | '';

/** What the user narrowed the list to: the text typed and a state. */
export interface RunQuery {
  search: string;
  state: StateFilter;
}

/** The wandb-style filter a source understands for a state filter. */
export function stateFilters(state: StateFilter): Record<string, unknown> | undefined {
  return state ? { state: { $in: [...STATE_FILTERS[state].states] } } : undefined;
}

/**
 * The picker's own filter for runs given as a property, as sources filter: the state, and every
 * word of the text in the name, id, tags, group, job type or user (case-insensitive).
 */
export function matchesQuery(run: Run, { search, state }: RunQuery): boolean {
  if (state && !(STATE_FILTERS[state].states as readonly RunState[]).includes(run.state)) return false;
  return matchesRunSearch(run, search);
}
