import { numberOf, parseRunQuery, type RunQueryCondition } from '../config/run-query.js';
import { caseInsensitiveLiteral } from './params.js';

/** Most config keys a free word is looked for under, so a project with thousands of keys keeps its filter small. */
export const MAX_SEARCHED_CONFIG_KEYS = 64;

/**
 * The wandb run filter for a picker search (see `parseRunQuery`): every free word must appear in
 * the display name, run id, group, job type or username (case-insensitive), or equal one of the
 * tags, or be found in the config: in a key's name (`$exists`) or in its value (a text containing
 * it, a number equal to it) under one of `configKeys`, the project's flattened config keys (a
 * filter cannot search the values of keys it does not name). Conditions become filters on
 * `config.<key>.value` (`config.<a>.<b>` for nested keys) or `summary_metrics.<key>`.
 *
 * wandb accepts `config.<key>` and `config.<key>.value` alike and follows nested keys with dots
 * (wandb/wandb#9406); keys whose own names contain dots cannot be filtered on (wandb/wandb#3087).
 */
export function searchFilter(
  search: string | undefined,
  configKeys: readonly string[] = [],
): Record<string, unknown> | null {
  const query = parseRunQuery(search);
  const keys = configKeys.slice(0, MAX_SEARCHED_CONFIG_KEYS);
  const clauses = [
    ...query.words.map((word) => ({ $or: [...textClauses(word), ...configClauses(word, keys)] })),
    ...query.conditions.map(conditionClause),
  ];
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

function textClauses(word: string): Record<string, unknown>[] {
  const $regex = caseInsensitiveLiteral(word);
  return [
    { displayName: { $regex } },
    { name: { $regex } },
    { group: { $regex } },
    { jobType: { $regex } },
    { username: { $regex } },
    { tags: { $in: [word] } },
  ];
}

function configClauses(word: string, keys: readonly string[]): Record<string, unknown>[] {
  const lower = word.toLowerCase();
  const named = keys
    .filter((key) => key.toLowerCase().includes(lower))
    .map((key) => ({ [configField(key)]: { $exists: true } }));
  const number = numberOf(word);
  const valued = keys.map((key) =>
    number !== null ? { [configField(key)]: number } : { [configField(key)]: { $regex: caseInsensitiveLiteral(word) } },
  );
  return [...named, ...valued];
}

export function configField(key: string): string {
  return key.includes('.') ? `config.${key}` : `config.${key}.value`;
}

function conditionClause({ scope, key, op, value }: RunQueryCondition): Record<string, unknown> {
  const field = scope === 'config' ? configField(key) : `summary_metrics.${key}`;
  switch (op) {
    case '=':
      return { [field]: value };
    case '!=':
      return { [field]: { $ne: value } };
    case ':':
      return { [field]: typeof value === 'string' ? { $regex: caseInsensitiveLiteral(value) } : value };
    default:
      return { [field]: { [OPERATORS[op]]: value } };
  }
}

const OPERATORS = { '>': '$gt', '>=': '$gte', '<': '$lt', '<=': '$lte' } as const;
