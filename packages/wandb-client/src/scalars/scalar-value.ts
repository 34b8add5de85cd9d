/**
 * What counts as a scalar in history: a number, NaN and ±Infinity included (a diverged loss is
 * NaN, and a sparkline must show where). Booleans, strings, lists and media are not.
 */
export function scalarOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/**
 * The scalar a logged value's JSON text holds (as a `.wandb` file stores it), without parsing
 * anything that is not a number: objects, strings and booleans give null.
 */
export function scalarOfJson(text: string): number | null {
  const first = text.charCodeAt(0);
  // '-', '0'..'9'
  if (first === 0x2d || (first >= 0x30 && first <= 0x39)) {
    const special = NON_FINITE[text];
    if (special !== undefined) return special;
    const value = Number(text);
    return Number.isNaN(value) ? null : value;
  }
  return NON_FINITE[text] ?? null;
}
