import { configText } from '../run-config-diff/config-value.js';
import { configValueAt } from './run-config-keys.js';

/** How to order the grid's run rows: by a config key, ascending or descending. */
export interface RunOrder {
  key: string;
  descending: boolean;
}

/** Numbers first (compared as numbers), then other values (as text, digits by value), then runs without the key. */
function rank(present: boolean, value: unknown): number {
  return !present ? 2 : typeof value === 'number' && !Number.isNaN(value) ? 0 : 1;
}

/**
 * The runs ordered by `order.key` of their config (nested keys with dots): numbers as numbers, other
 * values as text; a run without the key goes last in either direction. Runs with equal values keep
 * their order (the selection's), so their colours and numbers read as before.
 */
export function arrangeRuns<T extends { run?: { config?: Readonly<Record<string, unknown>> } | null }>(
  runs: readonly T[],
  order: RunOrder | null,
): T[] {
  if (!order) return [...runs];
  const keyed = runs.map((run, index) => {
    const { present, value } = configValueAt(run.run?.config, order.key);
    return { run, index, rank: rank(present, value), value };
  });
  const text = new Intl.Collator(undefined, { numeric: true });
  keyed.sort((a, b) => {
    if (a.rank !== b.rank) return a.rank - b.rank;
    const by =
      a.rank === 0
        ? (a.value as number) - (b.value as number)
        : a.rank === 1
          ? text.compare(configText(a.value), configText(b.value))
          : 0;
    return (order.descending ? -by : by) || a.index - b.index;
  });
  return keyed.map((k) => k.run);
}

/** `sort=<key>` (ascending) or `sort=-<key>` (descending) in a link. */
export function readRunOrder(value: string | null): RunOrder | null {
  if (!value || value === '-') return null;
  return value.startsWith('-') ? { key: value.slice(1), descending: true } : { key: value, descending: false };
}

export function runOrderText(order: RunOrder): string {
  return `${order.descending ? '-' : ''}${order.key}`;
}
