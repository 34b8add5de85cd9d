import { InvalidArgumentError } from '../errors.js';
import type { ListRunsParams, Run } from '../types.js';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 1000;

export function checkPerPage(perPage: number | undefined): number {
  const value = perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PER_PAGE) {
    throw new InvalidArgumentError(`perPage must be a whole number from 1 to ${MAX_PER_PAGE}; got ${String(perPage)}.`);
  }
  return value;
}

/** Offset cursors for sources that hold every run in hand: opaque to callers, checked on the way in. */
export function encodeOffsetCursor(offset: number): string {
  return `o${offset.toString(36)}`;
}

export function decodeOffsetCursor(cursor: string | null | undefined): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  const match = /^o([0-9a-z]{1,10})$/.exec(cursor);
  const offset = match ? parseInt(match[1]!, 36) : NaN;
  if (!Number.isSafeInteger(offset)) {
    throw new InvalidArgumentError(
      `The cursor "${cursor.slice(0, 40)}" is not one this source gave out; pass the nextCursor of the previous page, or omit it for the first page.`,
    );
  }
  return offset;
}

export function checkStep(step: number): number {
  if (!Number.isSafeInteger(step) || step < 0) {
    throw new InvalidArgumentError(`step must be a whole number of 0 or more; got ${String(step)}.`);
  }
  return step;
}

export function checkKeys(keys: unknown): string[] {
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || k.length === 0)) {
    throw new InvalidArgumentError('keys must be a list of image key names, e.g. ["samples/grid"].');
  }
  return [...new Set(keys as string[])];
}

/** Sort by creation time for `-created_at` (newest first, the default) or `+created_at`. */
export function sortRuns(runs: Run[], order: ListRunsParams['order']): Run[] {
  const ascending = order === '+created_at' || order === 'created_at' || order === '+createdAt';
  const sorted = [...runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return ascending ? sorted : sorted.reverse();
}
