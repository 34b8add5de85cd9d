import type { ClassLabel, MediaClassLabels } from '../media-types.js';
import { parseClassLabels } from './boxes.js';
import { isRecord } from './value-fields.js';

/** wandb's separator between the image key and the layer name in its class-label keys (sic). */
const DELIMITER = '_wandb_delimeter_';

const SINGLETONS = { boxes: 'bounding_box/class_labels', masks: 'mask/class_labels' } as const;

/**
 * The class labels wandb keeps for a run's boxes and masks, from the run config's `_wandb` entry
 * (`{desc, value}`-wrapped as the server and `config.yaml` hold it, or bare as in a `.wandb` file):
 * `_wandb["bounding_box/class_labels"]["<image key>_wandb_delimeter_<layer>"] = {type, key, value: {id: name}}`,
 * and the same under `mask/class_labels` (`Run._add_singleton` in wandb's `wandb_run.py`). The last
 * write wins, so one map per image key and layer covers the whole run. Undefined when there are none.
 */
export function classLabelsFromConfig(wandbEntry: unknown): MediaClassLabels | undefined {
  const inner =
    isRecord(wandbEntry) && 'value' in wandbEntry && isRecord(wandbEntry.value) ? wandbEntry.value : wandbEntry;
  if (!isRecord(inner)) return undefined;
  const out: MediaClassLabels = { boxes: {}, masks: {} };
  let found = false;
  for (const kind of ['boxes', 'masks'] as const) {
    const entries = inner[SINGLETONS[kind]];
    if (!isRecord(entries)) continue;
    for (const [name, entry] of Object.entries(entries)) {
      const at = name.indexOf(DELIMITER);
      if (at < 0) continue;
      const labels = parseClassLabels(isRecord(entry) && isRecord(entry.value) ? entry.value : entry);
      if (!labels) continue;
      const imageKey = name.slice(0, at);
      (out[kind][imageKey] ??= {})[name.slice(at + DELIMITER.length)] = labels;
      found = true;
    }
  }
  return found ? out : undefined;
}

/**
 * The labels recorded for one layer of an image key. wandb records them under the key the image
 * was bound with: the history key itself, or for an image nested in a logged dict, its innermost
 * key (`eval.sample` → `sample`).
 */
export function classLabelsFor(
  labels: MediaClassLabels | undefined,
  kind: keyof MediaClassLabels,
  key: string,
  layer: string,
): ClassLabel[] | null {
  const byKey = labels?.[kind];
  if (!byKey) return null;
  const innermost = key.slice(key.lastIndexOf('.') + 1);
  return byKey[key]?.[layer] ?? byKey[innermost]?.[layer] ?? null;
}
