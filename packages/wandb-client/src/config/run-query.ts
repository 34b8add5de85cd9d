/**
 * The run search people type in a picker: free words, and conditions on config or summary values.
 *
 *   lr=3e-4 rank>=16 optimizer:adam "sdxl base" summary.eval/fid<20 baseline
 *
 * - `key=value`, `key!=value`: equal or not (numbers by value: `3e-4` is `0.0003`).
 * - `key>n`, `key>=n`, `key<n`, `key<=n`: compare numbers (or texts with texts).
 * - `key:value`: for text, contains it (any case); for a number or true/false, equal.
 * - Keys are config keys (nested ones with dots, `model.name`); `config.` may be written, and
 *   `summary.` (or `summary_metrics.`) names a summary metric instead.
 * - A free word must appear somewhere: in the name, id, tags, group, job type or user, in a config
 *   key, or in a config value (a text containing it, or a number equal to it).
 * Double quotes keep spaces in a word or value: `prompt:"red apple"`.
 */

export type RunQueryOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | ':';

export interface RunQueryCondition {
  /** Where the key is looked up. */
  scope: 'config' | 'summary';
  /** The key within it, dotted for nested config (`model.name`). */
  key: string;
  op: RunQueryOperator;
  /** Numbers, true and false as such; anything else as text. */
  value: number | boolean | string;
}

export interface RunQuery {
  /** Free words, as typed, each to be found somewhere in the run (in any case). */
  words: string[];
  conditions: RunQueryCondition[];
}

const CONDITION = /^([A-Za-z_][\w./-]*?)(!=|>=|<=|=|>|<|:)(.+)$/s;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parse what was typed. Never throws: anything that is not a condition is a free word. */
export function parseRunQuery(text: string | null | undefined): RunQuery {
  const words: string[] = [];
  const conditions: RunQueryCondition[] = [];
  for (const token of tokens(text ?? '')) {
    const match = token.quoted ? null : CONDITION.exec(token.text);
    const value = match ? unquote(match[3]!) : '';
    if (!match || value === '') {
      words.push(token.text);
      continue;
    }
    const [scope, key] = scoped(match[1]!);
    if (key === '') {
      words.push(token.text);
      continue;
    }
    conditions.push({ scope, key, op: match[2] as RunQueryOperator, value: typed(value) });
  }
  return { words, conditions };
}

/** A free word read as a number, when it is one (`0.0003`, `3e-4`), else null. */
export function numberOf(word: string): number | null {
  return NUMBER.test(word) ? Number(word) : null;
}

function typed(value: string): number | boolean | string {
  const number = numberOf(value);
  if (number !== null) return number;
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

function scoped(key: string): ['config' | 'summary', string] {
  for (const [prefix, scope] of [
    ['config.', 'config'],
    ['summary_metrics.', 'summary'],
    ['summary.', 'summary'],
  ] as const) {
    if (key.startsWith(prefix)) return [scope, key.slice(prefix.length).replace(/\.value$/, '')];
  }
  return ['config', key];
}

interface Token {
  text: string;
  /** The whole token was one quoted string: a free word, never a condition. */
  quoted: boolean;
}

/** Split on spaces outside double quotes; quotes around a whole token are removed. */
function tokens(text: string): Token[] {
  return (text.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? []).flatMap((raw) => {
    const quoted = /^"[^"]*"$/.test(raw);
    const word = quoted ? raw.slice(1, -1) : raw;
    return word.trim() === '' ? [] : [{ text: word, quoted }];
  });
}

function unquote(value: string): string {
  return /^"[^"]*"$/.test(value) ? value.slice(1, -1) : value;
}
