/**
 * Planning `sampledHistory` specs that return every row, never a sample.
 *
 * `sampledHistory` returns only rows holding all keys of a spec, and at most `samples` of them: when
 * more rows match, the server samples them down. So each image key gets its own spec, and a spec's
 * answer is trusted as complete only when it provably is: its step window is no wider than
 * `samples` (it cannot hold more rows than that), or fewer than `samples` rows came back. Windows that
 * may have been sampled down are split and asked again. `maxStep` is inclusive in `sampledHistory`.
 */

export interface StepWindow {
  minStep: number;
  /** Inclusive; null for an open end (catches rows logged after `historyKeys` was read). */
  maxStep: number | null;
  samples: number;
}

export type HistoryRow = Record<string, unknown>;

export function specJson(key: string, window: StepWindow): string {
  return JSON.stringify({
    keys: ['_step', key],
    samples: window.samples,
    ...(window.minStep > 0 || window.maxStep !== null ? { minStep: window.minStep } : {}),
    ...(window.maxStep !== null ? { maxStep: window.maxStep } : {}),
  });
}

/** The spec of one exact step. */
export function stepWindow(step: number): StepWindow {
  return { minStep: step, maxStep: step, samples: 1 };
}

/** The first, optimistic ask: the whole history of a key, up to `samples` rows. */
export function wholeHistory(samples: number): StepWindow {
  return { minStep: 0, maxStep: null, samples };
}

export function widthOf(window: StepWindow): number {
  return window.maxStep === null ? Infinity : window.maxStep - window.minStep + 1;
}

/** Whether the rows a window returned are all the rows it holds. */
export function isComplete(window: StepWindow, rowsReturned: number): boolean {
  return widthOf(window) <= window.samples || rowsReturned < window.samples;
}

/**
 * Windows over `[0, lastStep]` (the last one open-ended) sized so that, if the `count` rows were
 * spread evenly, each would be half full: most come back complete in one round.
 */
export function planWindows(count: number, lastStep: number, samples: number): StepWindow[] {
  const span = lastStep + 1;
  const density = Math.min(1, Math.max(count, 1) / span);
  const width = Math.max(1, Math.floor(samples / (2 * density)));
  const windows: StepWindow[] = [];
  for (let minStep = 0; minStep <= lastStep; minStep += width) {
    const maxStep = minStep + width - 1;
    windows.push({ minStep, maxStep, samples: Math.min(samples, width) });
  }
  windows[windows.length - 1]!.maxStep = null;
  windows[windows.length - 1]!.samples = samples;
  return windows;
}

/** Halve a window that may have been sampled down; an open end stays open. */
export function splitWindow(window: StepWindow, samples: number, lastStep: number): StepWindow[] {
  const end = window.maxStep ?? Math.max(lastStep, window.minStep + 2 * samples - 1);
  if (end <= window.minStep) return [{ ...window, maxStep: window.minStep, samples: 1 }];
  const mid = Math.floor((window.minStep + end) / 2);
  const left = { minStep: window.minStep, maxStep: mid, samples: Math.min(samples, mid - window.minStep + 1) };
  const rightEnd = window.maxStep;
  const right: StepWindow = {
    minStep: mid + 1,
    maxStep: rightEnd,
    samples: rightEnd === null ? samples : Math.min(samples, rightEnd - mid),
  };
  return [left, right];
}

/** The step of a history row; wandb may send `_step` as a float (`1000.0`). */
export function stepOf(row: HistoryRow): number | null {
  const step = Number(row._step);
  return Number.isFinite(step) && step >= 0 ? Math.round(step) : null;
}

/** historyKeys names nested dicts with dots (`eval.img`); a row may carry that key flat or nested. */
export function valueAt(row: HistoryRow, key: string): unknown {
  if (key in row) return row[key];
  return key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | null)?.[part], row);
}
