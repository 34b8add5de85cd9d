import { isMediaType } from '../media-values/kinds.js';
import { parseWandbJson } from '../wandb-json.js';
import type { RunIssue } from '../types.js';
import { HistoryKeyEntrySchema, HistoryKeysSchema, TypeCountSchema } from './schemas.js';

/** What `historyKeys` tells about a run's history. */
export interface HistorySummary {
  /** The last logged step, or null when the run has no history. */
  lastStep: number | null;
  /** Per media key (images, videos, media listed as unsupported), how many rows hold media there; null when its entry was partly unreadable. */
  imageCounts: Map<string, number | null>;
  /** Keys whose entries were read whole and hold no images. */
  otherKeys: Set<string>;
}

export const EMPTY_HISTORY: HistorySummary = { lastStep: null, imageCounts: new Map(), otherKeys: new Set() };

/**
 * Read `historyKeys` (a JSON object, or a JSON string from some servers and proxies). Media keys are
 * those with a media type count (images, videos, and the media listed as unsupported); `system/*` keys are
 * wandb's own metrics and never images the user logged. An entry of an unexpected shape skips that
 * entry (or that type count), with a warning naming it, never the whole run.
 */
export function parseHistoryKeys(value: unknown, warnings?: RunIssue[]): HistorySummary {
  if (value === null || value === undefined || value === '') return EMPTY_HISTORY;
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = parseWandbJson(value);
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
  const imageCounts = new Map<string, number | null>();
  const otherKeys = new Set<string>();
  const skipped: string[] = [];
  for (const [key, entry] of Object.entries(parsed.data.keys ?? {})) {
    if (key.startsWith('system/')) continue;
    const read = readEntry(entry);
    if (read.odd) skipped.push(key);
    if (read.imageRows !== null) imageCounts.set(key, read.odd ? null : read.imageRows);
    else if (!read.odd) otherKeys.add(key);
  }
  if (skipped.length > 0) {
    warnings?.push({
      code: 'history_keys_skipped',
      message: `wandb described ${skipped.length === 1 ? 'a history key' : `${skipped.length} history keys`} in a shape this client does not know (${listed(skipped)}); ${skipped.length === 1 ? 'it was' : 'they were'} skipped.`,
    });
  }
  const lastStep = parsed.data.lastStep;
  return {
    lastStep: typeof lastStep === 'number' && lastStep >= 0 ? Math.round(lastStep) : null,
    imageCounts,
    otherKeys,
  };
}

/** The image rows one entry counts (null: none of its types is an image), and whether any of it was odd. */
function readEntry(entry: unknown): { imageRows: number | null; odd: boolean } {
  const parsed = HistoryKeyEntrySchema.safeParse(entry);
  if (!parsed.success) return { imageRows: null, odd: true };
  let imageRows: number | null = null;
  let odd = false;
  for (const typeCount of parsed.data.typeCounts ?? []) {
    const tc = TypeCountSchema.safeParse(typeCount);
    if (!tc.success) odd = true;
    else if (isMediaType(tc.data.type)) {
      const count = tc.data.count;
      if (typeof count === 'number' && Number.isFinite(count)) imageRows = (imageRows ?? 0) + count;
      else {
        imageRows ??= 0;
        if (count !== null && count !== undefined) odd = true;
      }
    }
  }
  return { imageRows, odd };
}

function listed(keys: string[]): string {
  const shown = keys.slice(0, 5).map((key) => JSON.stringify(key));
  return keys.length > 5 ? `${shown.join(', ')} and ${keys.length - 5} more` : shown.join(', ');
}

export function imageKeysOf(summary: HistorySummary): string[] {
  return [...summary.imageCounts.keys()].sort();
}

/** The image rows historyKeys counts for `key`: 0 when it names the key without images, null when it cannot say. */
export function expectedImageRows(summary: HistorySummary, key: string): number | null {
  if (summary.imageCounts.has(key)) return summary.imageCounts.get(key)!;
  return summary.otherKeys.has(key) ? 0 : null;
}
