import { imageSetFromValue } from '../images.js';
import type { ImageSet } from '../types.js';
import { isMediaValue } from './kinds.js';
import { isRecord } from './value-fields.js';

/** How deep nested summary dicts are searched for media (`run.summary["a"]["b"] = img` is `a.b`). */
const MAX_DEPTH = 4;

/**
 * The media sets of keys that hold media only in the run's summary (`run.summary["best"] =
 * wandb.Image(...)`), each shown at the run's last step (0 for a run without history) and marked
 * `fromSummary`. A key with media in history is left out: its summary value is the last history
 * value. Nested summary dicts give dotted keys, as wandb names them.
 */
export function summaryOnlySets(
  summary: Record<string, unknown> | null | undefined,
  lastStep: number | null,
  hasHistoryMedia: (key: string) => boolean,
): ImageSet[] {
  const sets: ImageSet[] = [];
  const walk = (node: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [name, value] of Object.entries(node)) {
      // wandb's own entries (`_step`, `_wandb`) and system metrics are not media a user logged.
      if (prefix === '' && (name.startsWith('_') || name.startsWith('system/'))) continue;
      const key = `${prefix}${name}`;
      if (isMediaValue(value)) {
        if (hasHistoryMedia(key)) continue;
        const set = imageSetFromValue(key, lastStep ?? 0, value, { fromSummary: true });
        if (set) sets.push(set);
      } else if (isRecord(value) && !('_type' in value) && depth < MAX_DEPTH) {
        walk(value, `${key}.`, depth + 1);
      }
    }
  };
  if (summary) walk(summary, '', 1);
  return sets.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A run's media index (per key, per step) with its summary-only keys added at the last step. The
 * given map is returned as is when there are none, else a copy: sources keep their index unchanged.
 */
export function withSummaryMedia(
  images: Map<string, Map<number, ImageSet>>,
  summary: Record<string, unknown> | null | undefined,
  lastStep: number | null,
): Map<string, Map<number, ImageSet>> {
  const extra = summaryOnlySets(summary, lastStep, (key) => images.has(key));
  if (extra.length === 0) return images;
  const out = new Map(images);
  for (const set of extra) out.set(set.key, new Map([[set.step, set]]));
  return out;
}
