import type { Run } from '@run-comparer/wandb-client';

/**
 * The picker's own filter for runs given as a property: every word of the text must appear in
 * the name, id, tags, group, job type or user (case-insensitive), as sources search.
 */
export function matchesFilter(run: Run, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const fields = [run.displayName, run.id, run.group, run.jobType, run.user?.name, run.user?.username, ...run.tags]
    .filter((field): field is string => typeof field === 'string')
    .map((field) => field.toLowerCase());
  return words.every((word) => fields.some((field) => field.includes(word)));
}
