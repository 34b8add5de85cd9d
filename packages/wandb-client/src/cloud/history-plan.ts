/**
 * Planning `sampledHistory` specs that return every row, never a sample.
 *
 * `sampledHistory` returns only rows holding all keys of a spec, and at most `samples` of them: when
 * more rows match, the server samples them down. So each image key gets its own spec, and a spec's
 * answer is trusted as complete only when it provably is: its step window is no wider than
 * `samples` (it cannot hold more rows than that), or fewer than `samples` rows came back. Windows that
 * may have been sampled down are split and asked again. Every window is closed: `maxStep` (inclusive in
 * `sampledHistory`) is always sent, as wandb's own readers do, bounded by the `lastStep` historyKeys gave.
 */

export interface StepWindow {
  minStep: number;
  /** Inclusive. */
  maxStep: number;
  samples: number;
}

export type HistoryRow = Record<string, unknown>;

/** A spec of one key (and, with `also`, only the rows that hold those keys too). */
export function specJson(key: string, window: StepWindow, also: readonly string[] = []): string {
  return JSON.stringify({
    keys: ['_step', key, ...also],
    samples: window.samples,
    minStep: window.minStep,
    maxStep: window.maxStep,
  });
}

/** The spec of one exact step. */
export function stepWindow(step: number): StepWindow {
  return { minStep: step, maxStep: step, samples: 1 };
}

/** The whole history of a key up to `lastStep`, up to `samples` rows: one ask when historyKeys counts no more. */
export function wholeHistory(lastStep: number, samples: number): StepWindow {
  return { minStep: 0, maxStep: lastStep, samples: Math.min(samples, lastStep + 1) };
}

export function widthOf(window: StepWindow): number {
  return window.maxStep - window.minStep + 1;
}

/** Whether the rows a window returned are all the rows it holds. */
export function isComplete(window: StepWindow, rowsReturned: number): boolean {
  return widthOf(window) <= window.samples || rowsReturned < window.samples;
}

/**
 * The most rows a window can answer: never more than `samples`, than steps it spans, or than the
 * image rows historyKeys counts for the key (`expected`, when known).
 */
export function rowBound(window: StepWindow, expected: number | null): number {
  return Math.min(window.samples, widthOf(window), expected ?? Infinity);
}

/**
 * The first asks for a key holding `expected` image rows (null: historyKeys does not say) up to
 * `lastStep`. When the count fits in one spec, one spec over the whole history; when it already says
 * that spec would be sampled down, windows sized so that, if the rows were spread evenly, each would
 * be half full: most come back complete in one round, and no rows are fetched only to be dropped.
 */
export function planKey(expected: number | null, lastStep: number, samples: number): StepWindow[] {
  if (expected === 0) return [];
  if (expected === null || expected <= samples) return [wholeHistory(lastStep, samples)];
  const span = lastStep + 1;
  const density = Math.min(1, expected / span);
  const width = Math.max(1, Math.floor(samples / (2 * density)));
  const windows: StepWindow[] = [];
  for (let minStep = 0; minStep <= lastStep; minStep += width) {
    const maxStep = Math.min(lastStep, minStep + width - 1);
    windows.push({ minStep, maxStep, samples: Math.min(samples, maxStep - minStep + 1) });
  }
  return windows;
}

/** Halve a window that may have been sampled down. */
export function splitWindow(window: StepWindow, samples: number): StepWindow[] {
  if (window.maxStep <= window.minStep) return [{ ...window, samples: 1 }];
  const mid = Math.floor((window.minStep + window.maxStep) / 2);
  return [
    { minStep: window.minStep, maxStep: mid, samples: Math.min(samples, mid - window.minStep + 1) },
    { minStep: mid + 1, maxStep: window.maxStep, samples: Math.min(samples, window.maxStep - mid) },
  ];
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

/** Per request: at most this many specs, and specs that can answer at most this many rows in all. */
export interface RequestBudget {
  specs: number;
  rows: number;
}

/**
 * Group items (in order) into as few groups as fit the budget: each at most `budget.specs` items and
 * `budget.rows` rows by `rowsOf`. An item larger than the budget on its own gets a group of its own.
 */
export function withinBudget<T>(items: T[], rowsOf: (item: T) => number, budget: RequestBudget): T[][] {
  const groups: Array<{ items: T[]; rows: number }> = [];
  for (const item of items) {
    const rows = rowsOf(item);
    const open = groups.find((g) => g.items.length < budget.specs && g.rows + rows <= budget.rows);
    if (open) {
      open.items.push(item);
      open.rows += rows;
    } else groups.push({ items: [item], rows });
  }
  return groups.map((g) => g.items);
}
