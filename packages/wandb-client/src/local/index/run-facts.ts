import type { LogParser } from '../log/parser.js';
import type { RunIssue, RunState } from '../../types.js';
import type { RunFields } from '../proto/records.js';
import { parseWandbJson } from './json.js';
import { applyItems, type DamageTally, type ExitInfo, type RunIndex, type UpdateOp } from './run-index.js';

/**
 * What one run file says about its run, as far as a run's listing needs it. A {@link RunIndex}
 * of the whole file is one; {@link mergeHeadAndTail} builds one from the start and the end of a
 * file that has not been read whole yet.
 */
export interface RunFacts {
  readonly meta: RunFields;
  readonly hasRunRecord: boolean;
  readonly config: Record<string, unknown>;
  /** The summary from SummaryRecords; null when none was read. */
  readonly summary: Record<string, unknown> | null;
  /** The summary the run reports: its SummaryRecord, or else the last value of each history key. */
  summaryValues(): Record<string, unknown>;
  readonly exit: ExitInfo | null;
  readonly closed: boolean;
  readonly lastStep: number | null;
  readonly lastActivity: number | null;
  readonly damaged: DamageTally | null;
  readonly unreadableRecords: number;
  readonly firstUnreadable: number | null;
  readonly unreadableValues: number;
  /** What a run that stopped without an exit code is; crashed when absent (`unknown` for pre-0.10 notebook runs). */
  readonly stoppedState?: RunState | undefined;
  /** Problems the run's files reported that the fields above cannot say; shown as warnings. */
  readonly notices?: readonly RunIssue[];
}

/** The end of a run file, read on its own from a block boundary. */
export interface TailRead {
  /** The block boundary the read started at. */
  start: number;
  /** The file size it read to. */
  end: number;
  parser: LogParser;
  /** An index of the records that begin after `start`, with its config and summary changes journaled. */
  index: RunIndex;
}

/**
 * Whether a tail holds what a listing needs from the end of the file, or a longer one must be
 * read. Only end records (stats, summary, final, footer) follow an exit record, so a tail that
 * holds neither an exit record nor a history row may have missed the exit record (cut by the
 * tail's start, or before a summary longer than the tail), and a run without one is listed with
 * its last step, which only a history row gives.
 */
export function tailIsEnough({ index }: TailRead): boolean {
  return index.exit !== null || index.historyRows > 0;
}

/**
 * A file's facts from its start (`head`, the full index as far as it has read, up to `headPos`)
 * and its end (`tail`). Later records win: the tail's run records, config and summary changes
 * are applied over the head's. What lies between is unknown until the file is read whole: config
 * changes logged mid-run, and for a run without a SummaryRecord the last value of keys that were
 * not logged near the end.
 */
export function mergeHeadAndTail(head: RunIndex, headPos: number, tail: TailRead): RunFacts {
  const end = tail.index;
  const ops = end.updates ?? [];
  // Once the full index has read past the tail's start, both hold the records in between:
  // their changes apply twice (harmlessly: a replay of the same changes), but counts would not.
  const overlap = headPos > tail.start;
  const config = applied(head.config, ops, 'config');
  const summary =
    head.summary === null && !ops.some((op) => op.target === 'summary')
      ? null
      : applied(head.summary ?? {}, ops, 'summary');
  const historyValues = summary ? null : { ...head.summaryValues(), ...end.summaryValues() };
  const loggedStep = summary && end.exit ? summary._step : undefined;
  return {
    meta: { ...head.meta, ...end.meta },
    hasRunRecord: head.hasRunRecord || end.hasRunRecord,
    config,
    summary,
    summaryValues: () => summary ?? historyValues!,
    exit: end.exit ?? head.exit,
    closed: end.closed || head.closed,
    lastStep: maxOf(
      head.lastStep,
      end.lastStep,
      end.historyRows === 0 && Number.isSafeInteger(loggedStep) ? (loggedStep as number) : null,
    ),
    lastActivity: maxOf(head.lastActivity, end.lastActivity),
    damaged: overlap ? head.damaged : mergeDamage(head.damaged, end.damaged),
    unreadableRecords: head.unreadableRecords + (overlap ? 0 : end.unreadableRecords),
    firstUnreadable: head.firstUnreadable ?? (overlap ? null : end.firstUnreadable),
    unreadableValues: head.unreadableValues + (overlap ? 0 : end.unreadableValues),
  };
}

function applied(base: Record<string, unknown>, ops: readonly UpdateOp[], target: UpdateOp['target']) {
  const out = structuredClone(base);
  for (const op of ops) if (op.target === target) applyItems(out, op.update, op.remove, parseQuietly);
  return out;
}

/** The tail's index already counted the values that fail to parse. */
function parseQuietly(text: string): unknown {
  try {
    return parseWandbJson(text);
  } catch {
    return undefined;
  }
}

function maxOf(...values: (number | null)[]): number | null {
  let max: number | null = null;
  for (const value of values) if (value !== null && (max === null || value > max)) max = value;
  return max;
}

function mergeDamage(a: DamageTally | null, b: DamageTally | null): DamageTally | null {
  if (!a || !b) return a ?? b;
  return { count: a.count + b.count, first: Math.min(a.first, b.first), kinds: new Set([...a.kinds, ...b.kinds]) };
}
