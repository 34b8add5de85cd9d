import { parseWandbJson } from '../wandb-json.js';

/**
 * What counts as a scalar in history: a number, NaN and ±Infinity included (a diverged loss is
 * NaN, and a sparkline must show where). Booleans, strings, lists and media are not.
 */
export function scalarOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/**
 * The scalar a logged value's JSON text holds (as a `.wandb` file stores it), read with the SDK's
 * one wandb-JSON reader, but only when the text can be a number: objects, strings and booleans
 * give null without being parsed.
 */
export function scalarOfJson(text: string): number | null {
  const first = text.charCodeAt(0);
  // '-', '0'..'9', 'N'(aN), 'I'(nfinity)
  if (!(first === 0x2d || (first >= 0x30 && first <= 0x39) || first === 0x4e || first === 0x49)) return null;
  try {
    return scalarOf(parseWandbJson(text));
  } catch {
    return null;
  }
}
