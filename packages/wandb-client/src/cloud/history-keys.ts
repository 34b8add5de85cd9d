import { IMAGE_VALUE_TYPES } from '../images.js';
import { parseTolerantJson } from '../internal/tolerant-json.js';
import type { ImageValueType, RunIssue } from '../types.js';
import { HistoryKeysSchema } from './schemas.js';

/** What `historyKeys` tells about a run's history. */
export interface HistorySummary {
  /** The last logged step, or null when the run has no history. */
  lastStep: number | null;
  /** Per image key, how many rows hold an image there. */
  imageCounts: Map<string, number>;
}

export const EMPTY_HISTORY: HistorySummary = { lastStep: null, imageCounts: new Map() };

/**
 * Read `historyKeys` (a JSON object, or a JSON string from some servers and proxies). Image keys are
 * those with an `image-file`, `images/separated` or legacy `images` type count; `system/*` keys are
 * wandb's own metrics and never images the user logged.
 */
export function parseHistoryKeys(value: unknown, warnings?: RunIssue[]): HistorySummary {
  if (value === null || value === undefined || value === '') return EMPTY_HISTORY;
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = parseTolerantJson(value);
    } catch {
      warnings?.push({
        code: 'history_keys_unreadable',
        message: "wandb's list of this run's history keys was not JSON.",
      });
      return EMPTY_HISTORY;
    }
  }
  const parsed = HistoryKeysSchema.safeParse(raw);
  if (!parsed.success) {
    warnings?.push({
      code: 'history_keys_unreadable',
      message: "wandb's list of this run's history keys had an unexpected shape.",
    });
    return EMPTY_HISTORY;
  }
  const imageCounts = new Map<string, number>();
  for (const [key, info] of Object.entries(parsed.data.keys ?? {})) {
    if (key.startsWith('system/')) continue;
    const counts = (info.typeCounts ?? []).filter((tc) => IMAGE_VALUE_TYPES.includes(tc.type as ImageValueType));
    if (counts.length > 0)
      imageCounts.set(
        key,
        counts.reduce((sum, tc) => sum + (tc.count ?? 0), 0),
      );
  }
  const lastStep = parsed.data.lastStep;
  return { lastStep: typeof lastStep === 'number' && lastStep >= 0 ? Math.round(lastStep) : null, imageCounts };
}

export function imageKeysOf(summary: HistorySummary): string[] {
  return [...summary.imageCounts.keys()].sort();
}
