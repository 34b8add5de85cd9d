import { isImageValue } from '../images.js';

/**
 * A history key's value in a row as sources hold rows: the key itself (which may contain `/` or
 * `.`), else a dotted path into nested dicts (wandb names nested metrics `outer.inner`).
 */
export function rowValue(row: Readonly<Record<string, unknown>>, key: string): unknown {
  if (Object.hasOwn(row, key)) return row[key];
  let node: unknown = row;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The keys of a row that hold numbers, nested dicts named with dots (media values are not dicts to walk). */
export function* numericKeysOf(row: Readonly<Record<string, unknown>>, prefix = ''): Generator<string> {
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'number') yield prefix + key;
    else if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !isImageValue(value) &&
      !('_type' in value)
    ) {
      yield* numericKeysOf(value as Record<string, unknown>, `${prefix}${key}.`);
    }
  }
}

/** `_step` is the step itself, never listed among a run's scalar keys. */
export const STEP_KEY = '_step';
