import { ScalarColumn } from '../scalars/scalar-column.js';
import { numericKeysOf, rowValue, STEP_KEY } from '../scalars/row-value.js';
import { scalarOf } from '../scalars/scalar-value.js';
import type { ScalarHistory, ScalarsAt, StepAxis } from '../types.js';
import type { DatasetRun } from './dataset.js';

/** One dataset run's scalar history, read from its rows when a key is first asked for. */
export class MemoryScalars {
  readonly #run: DatasetRun;
  readonly #columns = new Map<string, ScalarColumn>();

  constructor(run: DatasetRun) {
    this.#run = run;
  }

  keys(): string[] {
    const keys = new Set<string>();
    for (const row of this.#run.history) for (const key of numericKeysOf(row)) keys.add(key);
    keys.delete(STEP_KEY);
    return [...keys].sort();
  }

  history(keys: string[], samples: number): ScalarHistory {
    return { byKey: Object.fromEntries(keys.map((key) => [key, this.#column(key).series(samples)])) };
  }

  at(keys: string[], step: number): ScalarsAt {
    return { step, byKey: Object.fromEntries(keys.map((key) => [key, this.#column(key).at(step)])) };
  }

  /** The axis key's value in the row of each of `steps`. */
  axis(key: string, steps: number[]): StepAxis {
    const column = this.#column(key);
    return { key, values: steps.map((step) => column.exactly(step) ?? null) };
  }

  #column(key: string): ScalarColumn {
    let column = this.#columns.get(key);
    if (!column) {
      column = new ScalarColumn();
      for (const row of this.#run.history) {
        const value = scalarOf(rowValue(row, key));
        if (value !== null) column.push(row._step, value);
      }
      column.settle();
      this.#columns.set(key, column);
    }
    return column;
  }
}
