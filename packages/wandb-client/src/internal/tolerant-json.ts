/**
 * JSON as wandb writes it. History and summaries are "extended JSON": bare `NaN`, `Infinity` and
 * `-Infinity` tokens are allowed (Python's `json.dumps` and wandb-core both emit them), and older
 * payloads can hold raw control characters inside strings. `JSON.parse` rejects both.
 */

const MARK = '\u0000rc-number:';
const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** Parse JSON, accepting NaN/±Infinity tokens and raw control characters. Throws SyntaxError otherwise. */
export function parseTolerantJson(text: string): unknown {
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
