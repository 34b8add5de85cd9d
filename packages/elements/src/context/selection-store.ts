import { sameProject, type ProjectRef, type Run, type RunRef } from '@run-comparer/wandb-client';
import type { Placement } from '../data/placement.js';
import { colorForIndex } from './run-colors.js';

export interface SelectedRun {
  ref: RunRef;
  run: Run;
  /** The colour that marks this run in every component (picker, slider, grid, compare view). */
  color: string;
  /**
   * Which of the run colours it has (0-based, the lowest free one when it was selected): its swatch
   * shows this number plus one, in a shape that changes every twelve runs (see `runSwatch`).
   */
  colorIndex: number;
}

/** Two images chosen for side-by-side comparison (shift+click). */
export interface CompareTarget {
  runId: string;
  key: string;
  step: number;
  index: number;
}

/** A step axis other than `_step` chosen for the slider (e.g. `epoch`): `step` then holds a value on it. */
export interface StepAxisChoice {
  key: string;
  /** Where each run is on it; null until the slider has loaded the runs' values. */
  placement: Placement | null;
}

export interface Selection {
  project: ProjectRef | null;
  runs: SelectedRun[];
  keys: string[];
  /** The current step (a value on `axis` when one is chosen), or null before any step is known. */
  step: number | null;
  /** The step axis, when not `_step`. */
  axis: StepAxisChoice | null;
  /** The images open for comparison (0, 1 or 2). */
  compare: CompareTarget[];
  /** The image open in the detail view, if any. */
  detail: CompareTarget | null;
}

export type SelectionChange = keyof Selection;

/** A run as `setRuns` takes it: with the reference that names it. */
export function withRef(run: Run): { ref: RunRef; run: Run } {
  return { ref: { entity: run.entity, project: run.project, runId: run.id }, run };
}

/** The display name of a selected run, or its id when it has none or is not selected. */
export function runName(selection: Selection, runId: string): string {
  return selection.runs.find((r) => r.ref.runId === runId)?.run.displayName ?? runId;
}

/** Dispatched by the store whenever the selection changes; `changed` names what changed. */
export class SelectionChangeEvent extends Event {
  static readonly eventName = 'selection-change';
  constructor(
    readonly selection: Selection,
    readonly changed: ReadonlySet<SelectionChange>,
  ) {
    super(SelectionChangeEvent.eventName);
  }
}

const EMPTY: Selection = { project: null, runs: [], keys: [], step: null, axis: null, compare: [], detail: null };

/**
 * The one shared selection of a comparer: which project, runs, image keys and step are shown.
 * Provided through context by `<wandb-source>`; components read `value` and call the setters.
 * Each change replaces `value` with a new frozen object, so consumers can compare by identity.
 */
export class SelectionStore extends EventTarget {
  #value: Selection;
  /** Colour indices stay with a run while it is selected, so deselecting one does not repaint the rest. */
  #colors = new Map<string, number>();

  constructor(initial: Partial<Selection> = {}) {
    super();
    this.#value = Object.freeze({ ...EMPTY, ...initial });
    for (const run of this.#value.runs) this.#colors.set(run.ref.runId, run.colorIndex);
  }

  get value(): Selection {
    return this.#value;
  }

  setProject(project: ProjectRef | null): void {
    if (sameProject(project, this.#value.project)) return;
    this.#colors.clear();
    this.#update({ project, runs: [], keys: [], step: null, axis: null, compare: [], detail: null });
  }

  /** Select these runs (in this order); colours are assigned to new runs and kept for old ones. */
  setRuns(runs: Array<{ ref: RunRef; run: Run }>): void {
    const keep = new Set(runs.map((r) => r.ref.runId));
    for (const id of [...this.#colors.keys()]) if (!keep.has(id)) this.#colors.delete(id);
    const selected = runs.map(({ ref, run }) => {
      const colorIndex = this.#colorIndexFor(ref.runId);
      return { ref, run, color: colorForIndex(colorIndex), colorIndex };
    });
    const compare = this.#value.compare.filter((t) => keep.has(t.runId));
    const detail = this.#value.detail && keep.has(this.#value.detail.runId) ? this.#value.detail : null;
    this.#update({ runs: selected, compare, detail });
  }

  setKeys(keys: string[]): void {
    if (sameList(keys, this.#value.keys)) return;
    this.#update({ keys: [...keys] });
  }

  setStep(step: number | null): void {
    if (step === this.#value.step) return;
    this.#update({ step });
  }

  setCompare(compare: CompareTarget[]): void {
    this.#update({ compare: compare.slice(-2) });
  }

  setDetail(detail: CompareTarget | null): void {
    this.#update({ detail });
  }

  /** Replace several parts at once (e.g. when restoring a view from the URL). */
  set(partial: Partial<Selection>): void {
    if (partial.runs) for (const run of partial.runs) this.#colors.set(run.ref.runId, run.colorIndex);
    this.#update(partial);
  }

  colorOf(runId: string): string | undefined {
    const index = this.#colors.get(runId);
    return index === undefined ? undefined : colorForIndex(index);
  }

  #colorIndexFor(runId: string): number {
    let index = this.#colors.get(runId);
    if (index === undefined) {
      const used = new Set(this.#colors.values());
      index = 0;
      while (used.has(index)) index++;
      this.#colors.set(runId, index);
    }
    return index;
  }

  #update(partial: Partial<Selection>): void {
    const changed = new Set(Object.keys(partial) as SelectionChange[]);
    this.#value = Object.freeze({ ...this.#value, ...partial });
    this.dispatchEvent(new SelectionChangeEvent(this.#value, changed));
  }
}

/** Whether two lists hold the same strings in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
