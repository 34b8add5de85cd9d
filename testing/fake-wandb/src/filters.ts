import type { DatasetRun } from '@run-comparer/wandb-client';
import { summaryOf } from './summary.js';
import { wandbTime } from './time.js';

/**
 * wandb's MongoDB-style run filters (`$and $or $nor $eq $ne $gt $gte $lt $lte $in $nin $exists
 * $regex`) over the documented filter keys: `name`, `displayName`/`display_name`, `state`, `tags`,
 * `group`, `jobType`, `username`, `createdAt`, and `config.<key>` / `summary_metrics.<key>`.
 * Anything else is an error, as the real server refuses filters it cannot translate.
 */
export function matchesFilter(run: DatasetRun, filter: unknown): boolean {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter))
    throw new Error('filters must be an object');
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return list(condition, key).every((f) => matchesFilter(run, f));
    if (key === '$or') return list(condition, key).some((f) => matchesFilter(run, f));
    if (key === '$nor') return !list(condition, key).some((f) => matchesFilter(run, f));
    if (key.startsWith('$')) throw new Error(`unsupported filter operator ${key}`);
    if (TIME_KEYS.has(key)) return matchesCondition(timeOf(fieldValue(run, key)), asTimes(condition));
    return matchesCondition(fieldValue(run, key), condition);
  });
}

/**
 * Times are compared as times, not as text: wandb documents `createdAt` filters with ISO 8601
 * values such as `2023-01-01T12:00:00Z` (wandb/apis/public/api.py `Api.runs`) while it stores and
 * answers naive UTC. A value without a zone is UTC.
 */
const TIME_KEYS = new Set(['createdAt', 'created_at', 'heartbeatAt', 'heartbeat_at']);

function timeOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? value : ms;
}

function asTimes(condition: unknown): unknown {
  if (Array.isArray(condition)) return condition.map(timeOf);
  if (typeof condition !== 'object' || condition === null) return timeOf(condition);
  return Object.fromEntries(
    Object.entries(condition).map(([op, operand]) => [
      op,
      op === '$exists' || op === '$regex' ? operand : asTimes(operand),
    ]),
  );
}

function list(value: unknown, op: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${op} takes a list of filters`);
  return value;
}

/** The value a filter key refers to. */
export function fieldValue(run: DatasetRun, key: string): unknown {
  switch (key) {
    case 'name':
      return run.id;
    case 'displayName':
    case 'display_name':
      return run.displayName;
    case 'state':
      return run.state;
    case 'tags':
      return run.tags ?? [];
    case 'group':
      return run.group ?? null;
    case 'jobType':
    case 'job_type':
      return run.jobType ?? null;
    case 'username':
      return run.user?.username ?? null;
    case 'createdAt':
    case 'created_at':
      return wandbTime(run.createdAt);
    case 'heartbeatAt':
    case 'heartbeat_at':
      return wandbTime(run.heartbeatAt ?? run.createdAt);
  }
  if (key.startsWith('config.')) return path(run.config ?? {}, key.slice('config.'.length).replace(/\.value$/, ''));
  if (key.startsWith('summary_metrics.')) return path(summaryOf(run), key.slice('summary_metrics.'.length));
  throw new Error(`unsupported filter key ${key}`);
}

function path(object: Record<string, unknown>, dotted: string): unknown {
  if (dotted in object) return object[dotted];
  return dotted
    .split('.')
    .reduce<unknown>((current, part) => (current as Record<string, unknown> | undefined)?.[part], object);
}

function matchesCondition(value: unknown, condition: unknown): boolean {
  const isOperators =
    typeof condition === 'object' &&
    condition !== null &&
    !Array.isArray(condition) &&
    Object.keys(condition).every((k) => k.startsWith('$'));
  if (!isOperators) return matchesOp(value, '$eq', condition);
  return Object.entries(condition as Record<string, unknown>).every(([op, operand]) => matchesOp(value, op, operand));
}

function matchesOp(value: unknown, op: string, operand: unknown): boolean {
  // An array field (tags) matches when any element does, as in MongoDB.
  if (Array.isArray(value) && op !== '$exists' && op !== '$ne' && op !== '$nin') {
    return value.some((element) => matchesOp(element, op, operand));
  }
  switch (op) {
    case '$eq':
      return value === operand;
    case '$ne':
      return Array.isArray(value) ? !value.includes(operand) : value !== operand;
    case '$gt':
      return compare(value, operand) > 0;
    case '$gte':
      return compare(value, operand) >= 0;
    case '$lt':
      return compare(value, operand) < 0;
    case '$lte':
      return compare(value, operand) <= 0;
    case '$in':
      return list(operand, op).includes(value);
    case '$nin':
      return Array.isArray(value)
        ? !value.some((v) => list(operand, op).includes(v))
        : !list(operand, op).includes(value);
    case '$exists':
      return (value !== undefined && value !== null) === Boolean(operand);
    case '$regex':
      return typeof value === 'string' && new RegExp(String(operand)).test(value);
    default:
      throw new Error(`unsupported filter operator ${op}`);
  }
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return NaN;
}

/** Sort for an order string: `[+-]field`, e.g. `-created_at`, `+config.lr.value`, `summary_metrics.loss`. Default `+created_at`. */
export function sortRuns(runs: DatasetRun[], order: string | null | undefined): DatasetRun[] {
  const spec = order?.trim() || '+created_at';
  const descending = spec.startsWith('-');
  const field = spec.replace(/^[+-]/, '');
  const key = (run: DatasetRun) => fieldValue(run, field === 'createdAt' ? 'created_at' : field);
  return [...runs].sort((a, b) => {
    const byField = compareForSort(key(a), key(b));
    const result = byField !== 0 ? byField : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return descending ? -result : result;
  });
}

function compareForSort(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  const c = compare(a, b);
  return Number.isNaN(c) ? String(a).localeCompare(String(b)) : c;
}
