import { InvalidArgumentError } from '../errors.js';
import { checkStep } from '../internal/paging.js';
import type { HistoryAtParams, HistoryParams } from '../types.js';

/** Points per key `history` gives when `samples` is not said: enough for a sparkline a few hundred pixels wide. */
export const DEFAULT_HISTORY_SAMPLES = 500;
export const MIN_HISTORY_SAMPLES = 2;
export const MAX_HISTORY_SAMPLES = 2000;
/** Most keys one `history` or `historyAt` call may name. */
export const MAX_HISTORY_KEYS = 64;

/** The scalar keys of a call: 1..64 non-empty names, duplicates dropped. */
export function checkScalarKeys(keys: unknown): string[] {
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string' || k.length === 0)) {
    throw new InvalidArgumentError('keys must be a non-empty list of history key names, e.g. ["train/loss"].');
  }
  const unique = [...new Set(keys as string[])];
  if (unique.length > MAX_HISTORY_KEYS) {
    throw new InvalidArgumentError(
      `Ask for at most ${MAX_HISTORY_KEYS} history keys at once; got ${unique.length}. Split the call.`,
    );
  }
  return unique;
}

export function checkHistoryParams(params: HistoryParams): { keys: string[]; samples: number } {
  const keys = checkScalarKeys(params?.keys);
  const samples = params.samples ?? DEFAULT_HISTORY_SAMPLES;
  if (!Number.isInteger(samples) || samples < MIN_HISTORY_SAMPLES || samples > MAX_HISTORY_SAMPLES) {
    throw new InvalidArgumentError(
      `samples must be a whole number from ${MIN_HISTORY_SAMPLES} to ${MAX_HISTORY_SAMPLES}; got ${String(params.samples)}.`,
    );
  }
  return { keys, samples };
}

export function checkHistoryAtParams(params: HistoryAtParams): { keys: string[]; step: number } {
  return { keys: checkScalarKeys(params?.keys), step: checkStep(params.step) };
}

/** The axis key of a `steps` call, or null when none was asked for. */
export function checkAxisKey(axis: unknown): string | null {
  if (axis === undefined || axis === null) return null;
  if (typeof axis !== 'string' || axis.length === 0) {
    throw new InvalidArgumentError(
      `axis must be the name of a scalar history key, e.g. "epoch"; got ${JSON.stringify(axis)}.`,
    );
  }
  return axis;
}
