import { parseWandbJson } from '../wandb-json.js';
import { HistoryKeyEntrySchema, HistoryKeysSchema, TypeCountSchema } from './schemas.js';

/** What `historyKeys` tells about a run's scalar keys. */
export interface ScalarSummary {
  /** The last logged step, or null when the run has no history. */
  lastStep: number | null;
  /** Per key with a `number` type count (NaN and ±Infinity are numbers too), how many rows hold a number there. */
  counts: Map<string, number>;
}

/**
 * The numeric keys of `historyKeys` (a JSON object, or a JSON string from some servers), with the
 * rows each holds a number in. `system/*` keys are wandb's machine metrics, not logged history.
 * Entries of an unexpected shape are left out (the image reader warns about them).
 */
export function parseScalarKeys(value: unknown): ScalarSummary {
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = parseWandbJson(value);
    } catch {
      return { lastStep: null, counts: new Map() };
    }
  }
  const parsed = HistoryKeysSchema.safeParse(raw ?? {});
  if (!parsed.success) return { lastStep: null, counts: new Map() };
  const counts = new Map<string, number>();
  for (const [key, entry] of Object.entries(parsed.data.keys ?? {})) {
    if (key.startsWith('system/')) continue;
    const typed = HistoryKeyEntrySchema.safeParse(entry);
    for (const typeCount of typed.success ? (typed.data.typeCounts ?? []) : []) {
      const tc = TypeCountSchema.safeParse(typeCount);
      if (!tc.success || tc.data.type !== 'number') continue;
      const count = typeof tc.data.count === 'number' && Number.isFinite(tc.data.count) ? tc.data.count : 0;
      if (count > 0) counts.set(key, (counts.get(key) ?? 0) + count);
    }
  }
  const lastStep = parsed.data.lastStep;
  return { lastStep: typeof lastStep === 'number' && lastStep >= 0 ? Math.round(lastStep) : null, counts };
}
