import {
  alignOnAxis,
  axisTicks,
  runKey,
  type AxisSteps,
  type RunRef,
  type RunSource,
  type StepIndex,
} from '@run-comparer/wandb-client';
import { html, nothing, type TemplateResult } from 'lit';
import type { Placement } from '../data/placement.js';
import type { SelectionStore, StepAxisChoice } from '../context/selection-store.js';

/**
 * What the slider needs only for a step axis other than `_step`, loaded with its first steps (its
 * own chunk, out of the first download): the axes to offer, the "Step axis" select, and each
 * run's image steps placed on the chosen axis.
 */

const scalarKeys = new WeakMap<RunSource, Map<string, Promise<string[] | null>>>();

/** A run's numeric history keys, asked once per source and run; null when the source could not say. */
function scalarKeysOf(source: RunSource, ref: RunRef): Promise<string[] | null> {
  let known = scalarKeys.get(source);
  if (!known) scalarKeys.set(source, (known = new Map()));
  let keys = known.get(runKey(ref));
  if (!keys) {
    // A source that cannot list them (or has no such call) offers only `_step`.
    keys = Promise.resolve()
      .then(() => source.scalarKeys(ref))
      .catch(() => null);
    known.set(runKey(ref), keys);
  }
  return keys;
}

/** The numeric history keys every run that answered logs, but `_step`: the axes to offer. */
export async function axisKeysOf(source: RunSource, refs: RunRef[]): Promise<string[]> {
  const known = (await Promise.all(refs.map((ref) => scalarKeysOf(source, ref)))).filter((k) => k !== null);
  return (known[0] ?? []).filter((key) => key !== '_step' && known.every((names) => names.includes(key)));
}

/** What the slider gets with its steps for the axis: the choices, the select, and each run placed on it. */
export interface AxisLoad {
  /** The axis the steps are on (null: `_step`). */
  key: string | null;
  /** On an axis: where each run is, and per run id the values it has images at (its ticks). */
  placement: Placement | null;
  byRun: Map<string, number[]> | null;
  /** Put the placement into the selection, once its axis is the chosen one. */
  sync(store: SelectionStore): void;
  /** The "Step axis" select (nothing when the runs share no numeric key and none is chosen); `chosen` runs after a choice. */
  select(store: SelectionStore, chosen: () => void): TemplateResult | typeof nothing;
}

/** Each run's image steps placed on `key` (with the axis values the source gave), and the axes to offer. */
export function placeOnAxis(
  key: string | null,
  answers: Array<{ ref: RunRef; value: StepIndex }>,
  keys: string[],
): AxisLoad {
  const runs = new Map<string, AxisSteps>();
  const byRun = new Map<string, number[]>();
  for (const { ref, value } of answers) {
    const run = { steps: value.steps, values: value.axis?.values ?? [] };
    runs.set(ref.runId, run);
    byRun.set(
      ref.runId,
      axisTicks(run).map((tick) => tick.value),
    );
  }
  const placement: Placement | null = key
    ? {
        at: (ref, x) => {
          const run = runs.get(ref.runId);
          return run && alignOnAxis([run], x)[0];
        },
        domain: [...new Set([...byRun.values()].flat())].sort((a, b) => a - b),
      }
    : null;
  return {
    key,
    placement,
    byRun: key ? byRun : null,
    sync(store) {
      const axis = store.value.axis;
      if (axis?.key === key && axis.placement !== placement) store.set({ axis: { key: axis.key, placement } });
    },
    select(store, chosen) {
      const current = store.value.axis?.key ?? null;
      if (!keys.length && current === null) return nothing;
      return renderAxisSelect(keys, current, (axis) => {
        chosen();
        store.set({ axis, step: null });
      });
    },
  };
}

/**
 * The "Step axis" select: `_step`, or a numeric key every selected run logs (`epoch`,
 * `_runtime`, ...). A chosen key the runs do not share stays listed, so the choice can be undone.
 */
function renderAxisSelect(
  keys: readonly string[],
  chosen: string | null,
  choose: (axis: StepAxisChoice | null) => void,
) {
  const options = chosen === null || keys.includes(chosen) ? keys : [...keys, chosen];
  // Styled inline: the first download carries no rule for it.
  return html`<div part="axis" style="display:flex;align-items:center;gap:.5rem;font-size:.8125rem">
    <label for="axis">Step axis</label>
    <select
      id="axis"
      part="axis-select"
      class="field"
      style="width:auto;min-height:2rem"
      @input=${(event: Event) => event.stopPropagation()}
      @change=${(event: Event) => {
        event.stopPropagation();
        const key = (event.target as HTMLSelectElement).value;
        choose(key ? { key, placement: null } : null);
      }}
    >
      <option value="" ?selected=${chosen === null}>_step</option>
      ${options.map((key) => html`<option value=${key} ?selected=${key === chosen}>${key}</option>`)}
    </select>
  </div>`;
}
