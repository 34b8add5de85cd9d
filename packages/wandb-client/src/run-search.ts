import { matchesRunQuery } from './config/run-query-match.js';
import { parseRunQuery } from './config/run-query.js';
import type { Run } from './types.js';

/**
 * The search every source and the run picker apply (`ListRunsParams.search`), as `parseRunQuery`
 * reads it: every free word, in any case, must appear in the display name, id, tags, group, job
 * type or user, in a config key or in a config value (`learning_rate` and `0.0003` both find a run
 * with `learning_rate: 3e-4`), and conditions such as `lr=3e-4`, `rank>=16`, `optimizer:adam` hold.
 */
export function matchesRunSearch(run: Run, search: string | null | undefined): boolean {
  return matchesRunQuery(run, parseRunQuery(search));
}
