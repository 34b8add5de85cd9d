/**
 * Numbers JSON has no literal for, on the Run Comparer HTTP API. Every source reads a summary or
 * config logged with NaN or ±Infinity as those numbers (as wandb shows them); plain JSON would
 * send them as `null`. So the server writes each as `{"$numberDouble": "NaN"}` (or `"Infinity"`,
 * `"-Infinity"`), MongoDB Extended JSON's canonical form: still JSON that any client can parse,
 * and unlike a bare string it cannot be mistaken for a logged text value. The HTTP source turns
 * them back into numbers.
 */

const NUMBER_KEY = '$numberDouble';
const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** A `JSON.stringify` replacer (e.g. Express's `json replacer`) writing NaN and ±Infinity as `{"$numberDouble": …}`. */
export function encodeNonFiniteNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { [NUMBER_KEY]: String(value) } : value;
}

/** A `JSON.parse` reviver turning `{"$numberDouble": "NaN" | "Infinity" | "-Infinity"}` back into the number. */
export function decodeNonFiniteNumbers(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const text = (value as Record<string, unknown>)[NUMBER_KEY];
  if (typeof text !== 'string' || !Object.hasOwn(NON_FINITE, text) || Object.keys(value).length !== 1) return value;
  return NON_FINITE[text];
}
