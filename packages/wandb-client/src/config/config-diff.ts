import { flattenConfig, sameConfigValue } from './flatten-config.js';

/** What differs between runs' configs, key by flattened key. */
export interface ConfigDiff {
  /** Flattened keys whose values are not the same in every run (including keys some runs lack), sorted. */
  differing: string[];
  /** Flattened keys every run has, with the same value, sorted. */
  shared: string[];
  /** Per run, in the order given, its flattened config: `values[i][key]` (undefined where run i lacks the key). */
  values: Array<Record<string, unknown>>;
}

/**
 * Compare the configs of runs (pass `run.config` of runs loaded in full: a cloud listing leaves
 * config out). Nested keys are flattened with dots. One run, or none, has nothing that differs.
 *
 * @example
 * const { differing } = diffConfigs(runs.map((run) => run.config)); // ['learning_rate', 'lora_rank', 'seed']
 */
export function diffConfigs(configs: ReadonlyArray<Readonly<Record<string, unknown>>>): ConfigDiff {
  const values = configs.map(flattenConfig);
  const keys = [...new Set(values.flatMap((flat) => Object.keys(flat)))].sort(compareKeys);
  const differing: string[] = [];
  const shared: string[] = [];
  for (const key of keys) {
    const first = values[0]!;
    const same = values.every((flat) => Object.hasOwn(flat, key) && sameConfigValue(flat[key], first[key]));
    (same ? shared : differing).push(key);
  }
  return { differing, shared, values };
}

/** Keys in a stable, readable order: case-insensitive, then by code point. */
function compareKeys(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
