import { InvalidArgumentError } from '../../errors.js';
import type { Run } from '../../types.js';

/**
 * Keyset cursors for local run lists: the position after the last run of a page, as
 * (createdAt, id), plus the order it belongs to. Runs that appear or vanish between two pages
 * (a new training job, a deleted directory) neither shift nor repeat the rest.
 */

export type Direction = 'asc' | 'desc';

interface CursorKey {
  direction: Direction;
  createdAt: string;
  id: string;
}

const PREFIX = 'lc1.';

export function directionOf(order: string | undefined): Direction {
  if (order === undefined || order === '-created_at' || order === '-createdAt') return 'desc';
  if (order === '+created_at' || order === 'created_at' || order === '+createdAt' || order === 'createdAt')
    return 'asc';
  throw new InvalidArgumentError(
    `Local runs can be ordered by creation time only: order must be "-created_at" (newest first) or "+created_at"; got "${order}".`,
  );
}

export function compareRuns(a: Run, b: Run, direction: Direction): number {
  const byKey = compareKeys(a.createdAt, a.id, b.createdAt, b.id);
  return direction === 'asc' ? byKey : -byKey;
}

function compareKeys(aTime: string, aId: string, bTime: string, bId: string): number {
  const ta = Date.parse(aTime);
  const tb = Date.parse(bTime);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}

export function encodeCursor(run: Run, direction: Direction): string {
  const key: CursorKey = { direction, createdAt: run.createdAt, id: run.id };
  return PREFIX + Buffer.from(JSON.stringify([key.direction, key.createdAt, key.id])).toString('base64url');
}

/** The runs of `sorted` that come after the cursor's position. */
export function afterCursor(sorted: Run[], cursor: string | null | undefined, direction: Direction): Run[] {
  if (cursor === undefined || cursor === null || cursor === '') return sorted;
  const key = decodeCursor(cursor);
  if (key.direction !== direction) {
    throw new InvalidArgumentError(
      'This cursor belongs to a list in the other order; pass the same order as for the first page, or start again without a cursor.',
    );
  }
  const sign = direction === 'asc' ? 1 : -1;
  const start = sorted.findIndex((run) => sign * compareKeys(run.createdAt, run.id, key.createdAt, key.id) > 0);
  return start === -1 ? [] : sorted.slice(start);
}

function decodeCursor(cursor: string): CursorKey {
  const bad = () =>
    new InvalidArgumentError(
      `The cursor "${cursor.slice(0, 40)}" is not one this source gave out; pass the nextCursor of the previous page, or omit it for the first page.`,
    );
  if (typeof cursor !== 'string' || !cursor.startsWith(PREFIX) || cursor.length > 2000) throw bad();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parts) || parts.length !== 3) throw bad();
  const [direction, createdAt, id] = parts as unknown[];
  if ((direction !== 'asc' && direction !== 'desc') || typeof createdAt !== 'string' || typeof id !== 'string')
    throw bad();
  if (Number.isNaN(Date.parse(createdAt)) || id.length === 0) throw bad();
  return { direction, createdAt, id };
}
