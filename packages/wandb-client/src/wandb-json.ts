/**
 * JSON as wandb writes it ("extended JSON"). History rows, summaries and config hold bare `NaN`,
 * `Infinity` and `-Infinity` tokens (Python's `json.dumps` and wandb-core both emit them), and older
 * payloads can hold raw control characters inside strings; `JSON.parse` rejects both. Every source
 * reads with {@link parseWandbJson} and every writer of ours writes with {@link toWandbJson}, so a
 * logged NaN is the number NaN wherever it is read, as wandb's own UI shows it.
 */

const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** Stands in for a non-finite number inside a string while `JSON.parse`/`JSON.stringify` run. */
const MARK = `\u0000wandb-number-${Math.random().toString(36).slice(2, 10)}:`;

/**
 * Parse wandb JSON: plain JSON, plus NaN/±Infinity tokens anywhere a number may stand and raw
 * control characters in strings. Throws a SyntaxError for anything else that is not JSON.
 */
export function parseWandbJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const rewritten = rewriteExtensions(text);
    if (rewritten === text) throw error;
    return JSON.parse(rewritten, (_key, value: unknown) =>
      typeof value === 'string' && value.startsWith(MARK) ? SPECIAL[value.slice(MARK.length)] : value,
    );
  }
}

export interface WandbJsonOptions {
  /**
   * `false` (default): Python's separators, `{"a": 1, "b": [1, 2]}`, as wandb's SDK writes values
   * into run files. `true`: no spaces, as wandb's GraphQL API answers.
   */
  compact?: boolean;
}

/**
 * Write a value as wandb does: `JSON.stringify`'s rules (undefined and functions left out of
 * objects, null in lists, `toJSON` honoured), but non-finite numbers as the bare tokens `NaN`,
 * `Infinity` and `-Infinity` instead of `null`.
 */
export function toWandbJson(value: unknown, options: WandbJsonOptions = {}): string {
  const marked = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? MARK + String(v) : v,
  );
  if (marked === undefined) return 'null';
  return options.compact ? unmark(marked) : pythonSpacing(unmark(marked));
}

/** A marked number as `JSON.stringify` writes it: `"<mark>NaN"`. */
const MARKED_NUMBER = new RegExp(
  `"${JSON.stringify(MARK)
    .slice(1, -1)
    .replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(NaN|Infinity|-Infinity)"`,
  'g',
);

function unmark(text: string): string {
  return text.replace(MARKED_NUMBER, '$1');
}

/** `,` → `, ` and `:` → `: ` outside strings: compact JSON as Python's `json.dumps` spaces it. */
function pythonSpacing(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === ',' || ch === ':') {
      out += text.slice(last, i + 1) + ' ';
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Turn bare special-number tokens into marked strings and escape control characters in strings. */
function rewriteExtensions(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
      } else if (ch === '"') {
        inString = false;
        out += ch;
      } else if (ch < ' ') {
        out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
      } else {
        out += ch;
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const token = specialTokenAt(text, i);
    if (token) {
      out += JSON.stringify(MARK + token);
      i += token.length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

function specialTokenAt(text: string, i: number): string | null {
  for (const token of ['-Infinity', 'Infinity', 'NaN']) {
    if (text.startsWith(token, i) && !/[A-Za-z0-9_]/.test(text[i + token.length] ?? '')) return token;
  }
  return null;
}
