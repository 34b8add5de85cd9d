import type { Run } from '../types.js';
import { configValue, flattenConfig, sameConfigValue } from './flatten-config.js';
import { numberOf, type RunQuery, type RunQueryCondition } from './run-query.js';

/**
 * Whether a run matches a parsed query (see `parseRunQuery`), as the sources that hold their runs
 * in hand answer `search`. A run from a light listing (`detail: 'light'`) has no config to look
 * at: its config conditions and config words are not held against it (the source that listed it
 * filtered on them already).
 */
export function matchesRunQuery(run: Run, query: RunQuery): boolean {
  const light = run.detail === 'light';
  const fields = [run.displayName, run.id, run.group, run.jobType, run.user?.name, run.user?.username, ...run.tags]
    .filter((field): field is string => typeof field === 'string')
    .map((field) => field.toLowerCase());
  let flat: Record<string, unknown> | null = null;
  const inConfig = (word: string) => {
    if (light) return true;
    flat ??= flattenConfig(run.config);
    return Object.entries(flat).some(([key, value]) => key.toLowerCase().includes(word) || valueHas(value, word));
  };
  return (
    query.words
      .map((word) => word.toLowerCase())
      .every((word) => fields.some((field) => field.includes(word)) || inConfig(word)) &&
    query.conditions.every((condition) =>
      light && condition.scope === 'config' ? true : holds(condition, valueOf(run, condition)),
    )
  );
}

function valueOf(run: Run, condition: RunQueryCondition): unknown {
  return configValue(condition.scope === 'config' ? run.config : run.summary, condition.key);
}

/** A free word in a config value: a text containing it, or a number equal to it. */
function valueHas(value: unknown, word: string): boolean {
  if (typeof value === 'string') return value.toLowerCase().includes(word);
  if (typeof value === 'number') return numberOf(word) === value;
  if (typeof value === 'boolean') return String(value) === word;
  if (Array.isArray(value)) return value.some((element) => valueHas(element, word));
  return false;
}

function holds({ op, value: wanted }: RunQueryCondition, value: unknown): boolean {
  switch (op) {
    case '=':
      return sameConfigValue(value, wanted);
    case '!=':
      return !sameConfigValue(value, wanted);
    case ':':
      return typeof wanted === 'string'
        ? typeof value === 'string' && value.toLowerCase().includes(wanted.toLowerCase())
        : sameConfigValue(value, wanted);
    default: {
      if (typeof value !== typeof wanted || (typeof value !== 'number' && typeof value !== 'string')) return false;
      const [a, b] = [value as number | string, wanted as number | string];
      return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
    }
  }
}
