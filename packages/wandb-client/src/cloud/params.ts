import { InvalidArgumentError } from '../errors.js';
import type { ProjectRef, RunRef } from '../types.js';
import { searchFilter } from './search-filter.js';

export function checkProjectRef(ref: ProjectRef): void {
  for (const field of ['entity', 'project'] as const) {
    const value: unknown = ref?.[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new InvalidArgumentError(
        `${field} must be the wandb ${field} name, as in https://wandb.ai/<entity>/<project>; got ${JSON.stringify(value)}.`,
      );
    }
  }
}

export function checkRunRef(ref: RunRef): void {
  checkProjectRef(ref);
  if (typeof ref.runId !== 'string' || ref.runId.trim() === '') {
    throw new InvalidArgumentError(
      `runId must be the run id from the run's URL (e.g. 1ht5692d); got ${JSON.stringify(ref.runId)}.`,
    );
  }
}

/** A regex that matches `text` literally and case-insensitively without flags (RE2, MySQL and JS all read it). */
export function caseInsensitiveLiteral(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower !== upper && lower.length === 1 && upper.length === 1) out += `[${lower}${upper}]`;
    else out += ch.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  }
  return out;
}

export { searchFilter } from './search-filter.js';

/** The filters of a listing and its search in one filter; `configKeys` let free words reach config values. */
export function runFilters(
  filters: Record<string, unknown> | undefined,
  search: string | undefined,
  configKeys: readonly string[] = [],
): Record<string, unknown> {
  if (filters !== undefined && (typeof filters !== 'object' || filters === null || Array.isArray(filters))) {
    throw new InvalidArgumentError('filters must be a wandb run filter object, e.g. { state: "finished" }.');
  }
  const text = searchFilter(search, configKeys);
  const given = filters && Object.keys(filters).length > 0 ? filters : null;
  if (given && text) return { $and: [given, text] };
  return given ?? text ?? {};
}
