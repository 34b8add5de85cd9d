import type { RunRef, RunSource } from '@run-comparer/wandb-client';
import { askEachRun } from '../data/each-run.js';

export interface KeyOption {
  key: string;
  /** How many of the selected runs logged images under this key. */
  runs: number;
}

export interface KeyLoad {
  options: KeyOption[];
  /** Runs whose keys could not be read; their keys are missing from `options`. */
  failed: Array<{ ref: RunRef; error: unknown }>;
}

/**
 * The union of the image keys of these runs, with how many runs logged each. One run failing
 * leaves the others' keys; only when every run fails is the first failure thrown.
 */
export async function loadKeys(source: RunSource, refs: RunRef[], signal: AbortSignal): Promise<KeyLoad> {
  const { answers, failed } = await askEachRun(refs, (ref) => source.keys(ref, { signal }), signal);
  const counts = new Map<string, number>();
  for (const { value } of answers) for (const key of new Set(value)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const options = [...counts].map(([key, runs]) => ({ key, runs })).sort((a, b) => a.key.localeCompare(b.key));
  return { options, failed };
}

/** A key whose name says it holds the model's samples (`samples/prompts`, `main/samples`, `best_sample`). */
const SAMPLES_NAME = /(^|[/._-])samples?($|[/._-])/i;

/**
 * The keys to choose when nothing is chosen yet, at most `max`, in list order: those holding
 * samples first (what a researcher compares; otherwise keys such as `depth/pred` or `main/reals`
 * would win by name), then those most runs logged, then by name.
 */
export function preselectKeys(options: readonly KeyOption[], max: number): string[] {
  const samplesFirst = (option: KeyOption) => (SAMPLES_NAME.test(option.key) ? 0 : 1);
  const best = [...options]
    .sort((a, b) => samplesFirst(a) - samplesFirst(b) || b.runs - a.runs || a.key.localeCompare(b.key))
    .slice(0, max)
    .map((o) => o.key);
  return options.map((o) => o.key).filter((key) => best.includes(key));
}
