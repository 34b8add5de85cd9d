import type { Run } from './types.js';

/**
 * The text search every source and the run picker apply (`ListRunsParams.search`): every word, in
 * any case, must appear in the display name, id, tags, group, job type or user.
 */
export function matchesRunSearch(run: Run, search: string | null | undefined): boolean {
  const words = (search ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const fields = [run.displayName, run.id, run.group, run.jobType, run.user?.name, run.user?.username, ...run.tags]
    .filter((field): field is string => typeof field === 'string')
    .map((field) => field.toLowerCase());
  return words.every((word) => fields.some((field) => field.includes(word)));
}
