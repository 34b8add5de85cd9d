import type { RunRef } from '@run-comparer/wandb-client';
import { colorForIndex } from '../context/run-colors.js';
import type { CompareTarget } from '../context/selection-store.js';

/** What the viewers need of a run; a store's `SelectedRun` is one. */
export interface RunLike {
  ref: RunRef;
  run?: { displayName?: string; state?: string; config?: Readonly<Record<string, unknown>> } | null;
  color?: string;
  colorIndex?: number;
}

export interface ViewerRun {
  ref: RunRef;
  name: string;
  color: string;
  /** Its colour index (the number on its swatch, less one). */
  colorIndex: number;
  /** Still training: its steps can grow. */
  live: boolean;
}

export function toViewerRuns(runs: readonly RunLike[]): ViewerRun[] {
  return runs.map((r, i) => ({
    ref: r.ref,
    name: r.run?.displayName || r.ref.runId,
    color: r.color ?? colorForIndex(i),
    colorIndex: r.colorIndex ?? i,
    live: r.run?.state === 'running',
  }));
}

export function sameTarget(a: CompareTarget | null | undefined, b: CompareTarget | null | undefined): boolean {
  return !!a && !!b && a.runId === b.runId && a.key === b.key && a.step === b.step && a.index === b.index;
}

/** "a cat, amber-glade-3, samples/grid #2, step 1150": alt text and dialog labels. */
export function describeImage(
  run: ViewerRun | undefined,
  target: CompareTarget,
  caption: string | null,
  listed: boolean,
): string {
  const key = listed ? `${target.key} #${target.index + 1}` : target.key;
  return [caption, run?.name ?? target.runId, key, `step ${target.step}`].filter(Boolean).join(', ');
}
