import { InvalidArgumentError } from '../errors.js';
import type { Run } from '../types.js';

/**
 * A matcher for the subset of wandb's MongoDB-style run filters that can be answered from run
 * metadata alone. Pure: no I/O, no source state.
 *
 * Fields: `state`, `tags`, `group`, `jobType` (`job_type`), `displayName` (`display_name`),
 * `name` / `id` (the run id, as in wandb), `notes`, `createdAt` (`created_at`), `config.<path>`
 * (wandb's `config.<key>.value` form is accepted too) and `summary_metrics.<path>` (`summary.<path>`).
 * Operators: plain equality, `$eq`, `$ne`, `$in`, `$nin`, `$regex` (with `$options`), `$gt`,
 * `$gte`, `$lt`, `$lte`, `$exists`, and `$and` / `$or` / `$nor` lists. On `tags` (a list),
 * equality and `$regex` match when any tag matches, as in MongoDB.
 */
export type RunPredicate = (run: Run) => boolean;

const FIELDS: Record<string, (run: Run) => unknown> = {
  state: (run) => run.state,
  tags: (run) => run.tags,
  group: (run) => run.group,
  jobType: (run) => run.jobType,
  job_type: (run) => run.jobType,
  displayName: (run) => run.displayName,
  display_name: (run) => run.displayName,
  name: (run) => run.id,
  id: (run) => run.id,
  notes: (run) => run.notes,
  createdAt: (run) => run.createdAt,
  created_at: (run) => run.createdAt,
};

const PREFIXES: [string, (run: Run) => Record<string, unknown>][] = [
  ['config.', (run) => run.config],
  ['summary_metrics.', (run) => run.summary],
  ['summary.', (run) => run.summary],
];

const OPERATORS = ['$eq', '$ne', '$in', '$nin', '$regex', '$options', '$gt', '$gte', '$lt', '$lte', '$exists'];

/** Compile `filters` once (validating every part), then test runs with the returned predicate. */
export function compileRunFilter(filters: Record<string, unknown> | undefined | null): RunPredicate {
  if (filters === undefined || filters === null) return () => true;
  return compileDocument(filters, 'filters');
}

function compileDocument(doc: unknown, where: string): RunPredicate {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalid(`${where} must be an object such as { "state": "finished" }`);
  }
  const parts = Object.entries(doc).map(([field, condition]): RunPredicate => {
    if (field === '$and' || field === '$or' || field === '$nor') return compileLogical(field, condition, where);
    if (field.startsWith('$')) throw invalid(`${where} uses the operator "${field}" where a field name belongs`);
    return compileField(field, condition);
  });
  return (run) => parts.every((part) => part(run));
}

function compileLogical(op: '$and' | '$or' | '$nor', list: unknown, where: string): RunPredicate {
  if (!Array.isArray(list) || list.length === 0) throw invalid(`${op} in ${where} must be a non-empty list of filters`);
  const parts = list.map((item, i) => compileDocument(item, `${op}[${i}]`));
  if (op === '$and') return (run) => parts.every((part) => part(run));
  if (op === '$or') return (run) => parts.some((part) => part(run));
  return (run) => !parts.some((part) => part(run));
}

function compileField(field: string, condition: unknown): RunPredicate {
  const read = fieldReader(field);
  const test = compileCondition(field, condition);
  return (run) => test(read(run));
}

function fieldReader(field: string): (run: Run) => unknown {
  const direct = FIELDS[field];
  if (direct) return direct;
  for (const [prefix, root] of PREFIXES) {
    if (!field.startsWith(prefix) || field.length === prefix.length) continue;
    const path = field.slice(prefix.length).split('.');
    return (run) => lookup(root(run), path);
  }
  throw invalid(
    `cannot filter local runs on "${field}". Use one of ${Object.keys(FIELDS).join(', ')}, config.<key> or summary_metrics.<key>`,
  );
}

/** A nested value; wandb's `config.<key>.value` spelling falls back to `config.<key>`. */
function lookup(root: Record<string, unknown>, path: string[]): unknown {
  const value = walk(root, path);
  if (value === undefined && path.length > 1 && path[path.length - 1] === 'value') return walk(root, path.slice(0, -1));
  return value;
}

function walk(root: unknown, path: string[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

type ValueTest = (value: unknown) => boolean;

function compileCondition(field: string, condition: unknown): ValueTest {
  const isOperatorDoc =
    typeof condition === 'object' &&
    condition !== null &&
    !Array.isArray(condition) &&
    Object.keys(condition).length > 0 &&
    Object.keys(condition).every((key) => key.startsWith('$'));
  if (!isOperatorDoc) return (value) => anyElement(value, (v) => equals(v, condition)) || equals(value, condition);

  const ops = condition as Record<string, unknown>;
  const tests: ValueTest[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    if (!OPERATORS.includes(op)) {
      throw invalid(
        `the operator "${op}" on "${field}" is not supported for local runs; use one of ${OPERATORS.join(', ')}`,
      );
    }
    if (op === '$options') continue;
    tests.push(compileOperator(field, op, arg, ops.$options));
  }
  return (value) => tests.every((test) => test(value));
}

function compileOperator(field: string, op: string, arg: unknown, options: unknown): ValueTest {
  switch (op) {
    case '$eq':
      return (value) => anyElement(value, (v) => equals(v, arg)) || equals(value, arg);
    case '$ne':
      return (value) => !(anyElement(value, (v) => equals(v, arg)) || equals(value, arg));
    case '$in':
    case '$nin': {
      if (!Array.isArray(arg)) throw invalid(`${op} on "${field}" needs a list, e.g. { "${op}": ["a", "b"] }`);
      const hit: ValueTest = (value) => arg.some((a) => anyElement(value, (v) => equals(v, a)) || equals(value, a));
      return op === '$in' ? hit : (value) => !hit(value);
    }
    case '$regex': {
      const regex = compileRegex(field, arg, options);
      return (value) =>
        anyElement(value, (v) => typeof v === 'string' && regex.test(v)) ||
        (typeof value === 'string' && regex.test(value));
    }
    case '$exists':
      return (value) => (value !== undefined && value !== null) === Boolean(arg);
    default: {
      if (typeof arg !== 'number' && typeof arg !== 'string') {
        throw invalid(`${op} on "${field}" needs a number or a string to compare with`);
      }
      const compare = COMPARE[op]!;
      return (value) => typeof value === typeof arg && compare(value as number | string, arg);
    }
  }
}

const COMPARE: Record<string, (a: number | string, b: number | string) => boolean> = {
  $gt: (a, b) => a > b,
  $gte: (a, b) => a >= b,
  $lt: (a, b) => a < b,
  $lte: (a, b) => a <= b,
};

function compileRegex(field: string, pattern: unknown, options: unknown): RegExp {
  const flags = typeof options === 'string' ? options.replace(/[^imsu]/g, '') : '';
  if (typeof pattern !== 'string') throw invalid(`$regex on "${field}" needs a pattern string`);
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    throw invalid(`$regex on "${field}" is not a valid regular expression (${(error as Error).message})`);
  }
}

function anyElement(value: unknown, test: (element: unknown) => boolean): boolean {
  return Array.isArray(value) && value.some(test);
}

/** Equality as in MongoDB: deep for objects and lists; null matches a missing value. */
function equals(a: unknown, b: unknown): boolean {
  if (b === null) return a === null || a === undefined;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equals((a as never)[k], (b as never)[k]));
}

function invalid(message: string): InvalidArgumentError {
  return new InvalidArgumentError(`Invalid run filter: ${message}.`);
}
