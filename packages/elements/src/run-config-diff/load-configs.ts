import type { Run, RunRef, RunSource } from '@run-comparer/wandb-client';
import { askEachRun } from '../data/each-run.js';

export interface LoadedConfigs {
  /** Per run id, its config (as logged: nested objects not flattened yet). */
  byRun: Map<string, Readonly<Record<string, unknown>>>;
  /** Runs whose config could not be read. */
  failed: Array<{ ref: RunRef; error: unknown }>;
}

/**
 * The configs of these runs, without wandb's own `_wandb` entry (versions, telemetry, class
 * labels: not a hyperparameter, and wandb's UI hides it too). A run listed light (a cloud listing
 * leaves config out) is read in full with `source.get`; the others are used as they are. Throws
 * only when every run fails.
 */
export async function loadConfigs(
  source: RunSource,
  runs: ReadonlyArray<{ ref: RunRef; run: Run }>,
  signal: AbortSignal,
): Promise<LoadedConfigs> {
  const given = new Map(runs.map(({ ref, run }) => [ref.runId, run]));
  const { answers, failed } = await askEachRun(
    runs.map((r) => r.ref),
    async (ref) => {
      const run = given.get(ref.runId)!;
      return run.detail === 'light' ? (await source.get(ref, { signal })).config : run.config;
    },
    signal,
  );
  return { byRun: new Map(answers.map(({ ref, value }) => [ref.runId, withoutWandbEntry(value ?? {})])), failed };
}

function withoutWandbEntry(config: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  if (!Object.hasOwn(config, '_wandb')) return config;
  const { _wandb: _, ...rest } = config;
  return rest;
}
