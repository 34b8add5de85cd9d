import { InvalidArgumentError } from '../errors.js';
import { isoTime } from './run-node.js';

/**
 * Keyset paging over wandb's run list. wandb's cursors are offsets into the ordered list
 * (`arrayconnection:N`, wandb/wandb#6614), so a run created, deleted or leaving the filter between
 * two pages shifts the next page: runs repeat or are skipped (#6614, #7666). Ordered by creation
 * time, the next page is instead asked for with a `createdAt` bound at the last run seen, which
 * runs created or deleted elsewhere in the list cannot move.
 *
 * The bound is a whole second (wandb reports creation times to the second; a run may be stored
 * with a finer time), so runs of that second already listed are skipped by id; when more runs than
 * a page share one second, the pages within it follow wandb's own cursor.
 */
export interface KeysetPosition {
  /** The creation second of the last run listed, ISO 8601 (`2026-02-01T09:00:00Z`); null: no bound yet. */
  at: string | null;
  /** Runs created in that second that were already listed. */
  seen: string[];
  /** wandb's cursor within the runs of the bound, when a whole page fell in that second. */
  after: string | null;
}

export type Direction = 'asc' | 'desc';

/**
 * At most this many ids ride in a cursor (it travels in URLs; the demo server takes 4,096
 * characters); past that many runs created in one second, pages go on by wandb's offset.
 */
const MAX_SEEN = 200;
const PREFIX = 'rc1.';

/** The direction of a creation-time order (`+created_at`, `-createdAt`, ...), or null for any other order. */
export function creationOrder(order: string): Direction | null {
  const match = /^([+-])(created_at|createdAt)$/.exec(order.trim());
  if (!match) return null;
  return match[1] === '+' ? 'asc' : 'desc';
}

/** The filter that keeps the runs at or past the bound: the bound's second and everything after it in `direction`. */
export function boundFilter(position: KeysetPosition, direction: Direction): Record<string, unknown> | null {
  if (position.at === null) return null;
  if (direction === 'asc') return { createdAt: { $gte: position.at } };
  const nextSecond = new Date(Date.parse(position.at) + 1000).toISOString().replace('.000Z', 'Z');
  return { createdAt: { $lt: nextSecond } };
}

/** The creation second of a run node, or null when wandb sent no readable time. */
export function creationSecond(createdAt: string | null): string | null {
  const iso = isoTime(createdAt);
  return iso ? `${iso.slice(0, 19)}Z` : null;
}

/**
 * Where the next page starts, after a page whose runs (in order, with their creation seconds) were
 * listed or skipped. Runs of the last second are remembered by id; only past {@link MAX_SEEN} of
 * them does the listing fall back to wandb's offset within that second.
 */
export function nextPosition(
  current: KeysetPosition | null,
  page: Array<{ id: string; second: string }>,
  lastCursor: string | null,
): KeysetPosition | null {
  const last = page.at(-1);
  if (!last) return null;
  const inLastSecond = page.filter((run) => run.second === last.second).map((run) => run.id);
  if (!current || last.second !== current.at) {
    if (inLastSecond.length <= MAX_SEEN) return { at: last.second, seen: inLastSecond, after: null };
    // Too many runs of one second to remember: go on by wandb's offset within this same query.
    return lastCursor === null ? null : { at: current?.at ?? null, seen: current?.seen ?? [], after: lastCursor };
  }
  const seen = [...new Set([...current.seen, ...inLastSecond])];
  if (seen.length <= MAX_SEEN && current.after === null) return { at: current.at, seen, after: null };
  return lastCursor === null ? null : { at: current.at, seen: seen.slice(-MAX_SEEN), after: lastCursor };
}

/** Whether `next` would ask for the same page again. */
export function samePosition(a: KeysetPosition | null, b: KeysetPosition): boolean {
  return !!a && a.at === b.at && a.after === b.after && a.seen.length === b.seen.length;
}

export function encodePosition(position: KeysetPosition): string {
  const bytes = new TextEncoder().encode(JSON.stringify([position.at, position.seen, position.after]));
  const base64 = btoa(String.fromCharCode(...bytes));
  return PREFIX + base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A cursor this client gave out for a creation-time order, or null for wandb's own cursors. */
export function decodePosition(cursor: string): KeysetPosition | null {
  if (!cursor.startsWith(PREFIX)) return null;
  try {
    const base64 = cursor.slice(PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
    const text = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const [at, seen, after] = JSON.parse(text) as unknown[];
    const valid =
      (at === null || (typeof at === 'string' && !Number.isNaN(Date.parse(at)))) &&
      Array.isArray(seen) &&
      seen.every((id) => typeof id === 'string') &&
      (after === null || typeof after === 'string');
    if (valid) return { at: at as string | null, seen: seen as string[], after: after as string | null };
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(
    `The cursor "${cursor.slice(0, 40)}" is not one this client gave out; pass the nextCursor of the previous page, or omit it for the first page.`,
  );
}
