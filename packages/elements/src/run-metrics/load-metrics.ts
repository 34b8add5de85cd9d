import {
  MAX_HISTORY_KEYS,
  type RunRef,
  type RunSource,
  type ScalarAt,
  type ScalarSeries,
} from '@run-comparer/wandb-client';
import { askEachRun } from '../data/each-run.js';
import { unionOfSteps } from '../data/step-lookup.js';

export interface MetricKeyOption {
  key: string;
  /** How many of the selected runs logged numbers under this key. */
  runs: number;
}

export interface MetricKeyLoad {
  /** The union of the runs' scalar keys, sorted, with how many runs logged each. */
  options: MetricKeyOption[];
  /** Per run id, the scalar keys it logged. */
  byRun: Map<string, ReadonlySet<string>>;
  /** Runs whose keys could not be read. */
  failed: Array<{ ref: RunRef; error: unknown }>;
}

/** The scalar keys of these runs. Throws only when every run fails. */
export async function loadMetricKeys(source: RunSource, refs: RunRef[], signal: AbortSignal): Promise<MetricKeyLoad> {
  const { answers, failed } = await askEachRun(refs, (ref) => source.scalarKeys(ref, { signal }), signal);
  const byRun = new Map(answers.map(({ ref, value }) => [ref.runId, new Set(value)]));
  const counts = new Map<string, number>();
  for (const keys of byRun.values()) for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const options = [...counts].map(([key, runs]) => ({ key, runs })).sort((a, b) => a.key.localeCompare(b.key));
  return { options, byRun, failed };
}

/** Per run id, per key, what was loaded; and the runs that failed. */
export interface PerRun<T> {
  byRun: Map<string, Record<string, T>>;
  failed: Array<{ ref: RunRef; error: unknown }>;
}

/**
 * Ask each run for the `keys` it logged (per `logged`; a run that logged none of them is not
 * asked), in calls of at most `MAX_HISTORY_KEYS` keys. Throws only when every run asked fails.
 */
async function askForKeys<T>(
  refs: RunRef[],
  keys: readonly string[],
  logged: ReadonlyMap<string, ReadonlySet<string>>,
  ask: (ref: RunRef, keys: string[]) => Promise<Record<string, T>>,
  signal: AbortSignal,
): Promise<PerRun<T>> {
  const wanted = (ref: RunRef) => keys.filter((key) => logged.get(ref.runId)?.has(key));
  const asked = refs.filter((ref) => wanted(ref).length > 0);
  const { answers, failed } = await askEachRun(
    asked,
    async (ref) => {
      const own = wanted(ref);
      const calls = [];
      for (let i = 0; i < own.length; i += MAX_HISTORY_KEYS) calls.push(ask(ref, own.slice(i, i + MAX_HISTORY_KEYS)));
      return Object.assign({}, ...(await Promise.all(calls))) as Record<string, T>;
    },
    signal,
  );
  return { byRun: new Map(answers.map(({ ref, value }) => [ref.runId, value])), failed };
}

/** Each run's history of `keys`, sampled down to `samples` points a key (for sparklines). */
export function loadSeries(
  source: RunSource,
  refs: RunRef[],
  keys: readonly string[],
  logged: ReadonlyMap<string, ReadonlySet<string>>,
  samples: number,
  signal: AbortSignal,
): Promise<PerRun<ScalarSeries>> {
  return askForKeys(
    refs,
    keys,
    logged,
    async (ref, asked) => (await source.history(ref, { keys: asked, samples }, { signal })).byKey,
    signal,
  );
}

/** Each run's value of `keys` at `step`, or at the nearest earlier step that logged it. */
export async function loadValuesAt(
  source: RunSource,
  refs: RunRef[],
  keys: readonly string[],
  logged: ReadonlyMap<string, ReadonlySet<string>>,
  step: number,
  signal: AbortSignal,
  /** Each run's own `_step` for `step` when the slider is on another axis (null: no image at or before it). */
  stepOf: (ref: RunRef) => number | null = () => step,
): Promise<PerRun<ScalarAt | null> & { step: number }> {
  const values = await askForKeys(
    refs.filter((ref) => stepOf(ref) !== null),
    keys,
    logged,
    async (ref, asked) => (await source.historyAt(ref, { keys: asked, step: stepOf(ref)! }, { signal })).byKey,
    signal,
  );
  return { ...values, step };
}

/** Keys that count steps or time rather than measure training: not chosen for the user. */
const BOOKKEEPING = /^_|(^|[/.])(epoch|(global_)?step|samples_seen)$/i;
/** What a researcher looks at first: losses, then quality scores. */
const FIRST_LOOKS = [/loss/i, /fid|acc|score|reward|psnr|ssim|clip|eval|val/i];

function rank(key: string): number {
  const at = FIRST_LOOKS.findIndex((pattern) => pattern.test(key));
  return at === -1 ? FIRST_LOOKS.length : at;
}

/**
 * The keys to show when none were chosen: up to `max`, losses first then quality scores, those
 * most runs logged, one per last name part (`train/loss` rather than both it and `val/loss`), never
 * counters such as `epoch`, `global_step` or wandb's `_runtime`.
 */
export function preselectMetrics(options: readonly MetricKeyOption[], max: number): string[] {
  const candidates = options
    .filter((o) => !BOOKKEEPING.test(o.key))
    .sort((a, b) => rank(a.key) - rank(b.key) || b.runs - a.runs || a.key.localeCompare(b.key));
  const chosen: string[] = [];
  const names = new Set<string>();
  for (const { key } of candidates) {
    if (chosen.length >= max) break;
    const name = key.split(/[/.]/).at(-1)!.toLowerCase();
    if (names.has(name)) continue;
    names.add(name);
    chosen.push(key);
  }
  return chosen;
}

/**
 * Every step at which one of these runs logged images under `keys` (each run's own image keys
 * when `keys` is empty), sorted: where the step can go. Runs that cannot be read are left out;
 * throws only when every run fails.
 */
export async function loadImageSteps(
  source: RunSource,
  refs: RunRef[],
  keys: readonly string[],
  signal: AbortSignal,
): Promise<number[]> {
  const { answers } = await askEachRun(
    refs,
    async (ref) => {
      const own = keys.length ? [...keys] : await source.keys(ref, { signal });
      return own.length ? (await source.steps(ref, { keys: own }, { signal })).steps : [];
    },
    signal,
  );
  return unionOfSteps(answers.map(({ value }) => value));
}
