import type { RunRef } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { nearestAtOrBefore } from '../data/step-lookup.js';
import type { ViewerData } from '../data/viewer-data.js';
import type { Align } from '../image-compare/grid-model.js';

export type { Align };

export function validAlign(value: string | null): Align | null {
  return value === 'index' || value === 'caption' ? value : null;
}

/**
 * Whether the lists are better lined up by caption: every list holds the same captions (none
 * missing), and at least two hold them in a different order. `lists` holds, per key, each run's captions.
 */
export function captionsReordered(lists: ReadonlyArray<ReadonlyArray<ReadonlyArray<string | null>>>): boolean {
  let reordered = false;
  for (const [first, ...rest] of lists) {
    if (!first) continue;
    if (first.includes(null)) return false;
    const sorted = [...first].sort().join('\n');
    for (const other of rest) {
      if ([...other].sort().join('\n') !== sorted) return false;
      reordered ||= other.join('\n') !== first.join('\n');
    }
  }
  return reordered;
}

/** Each key's captions per run at `step` (the nearest logged at or before it), from what is loaded. */
export function captionsAt(data: ViewerData, runs: RunRef[], keys: string[], step: number): Array<string | null>[][] {
  return keys.map((key) =>
    runs.flatMap((ref) => {
      const steps = data.stepsOf(ref, key);
      // Before a run's steps are known, the grid shows a set read at exactly the step.
      const at = steps ? nearestAtOrBefore(steps, step) : step;
      const set = at === null ? undefined : data.sets.peek(data.setId(ref, key, at));
      return set?.images.length ? [set.images.map((image) => image.caption)] : [];
    }),
  );
}

/** The "Line up lists" choice: a native select (keyboard and screen readers for free). */
export function renderAlign(align: Align, onChange: (align: Align) => void): TemplateResult {
  return html`<label part="align" class="align">
    Line up lists
    <select
      class="field"
      .value=${align}
      @change=${(event: Event) => onChange((event.target as HTMLSelectElement).value as Align)}
    >
      <option value="index">by position</option>
      <option value="caption">by caption</option>
    </select>
  </label>`;
}
