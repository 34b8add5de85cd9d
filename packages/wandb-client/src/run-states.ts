/**
 * Lifecycle states of a run. The cloud reports the first eight; a local file can only tell
 * `finished` or `failed` (exit record), `running` (file still growing) or `crashed` (no exit record
 * and the file stopped growing). `unknown` stands for anything else (e.g. a state added upstream later).
 */
export const RUN_STATES = [
  'running',
  'finished',
  'crashed',
  'failed',
  'killed',
  'pending',
  'preempting',
  'preempted',
  'unknown',
] as const;

export type RunState = (typeof RUN_STATES)[number];

/** States a run does not leave again: what is known about it can be kept (caches, TTLs). */
export const SETTLED_RUN_STATES: ReadonlySet<RunState> = new Set([
  'finished',
  'crashed',
  'failed',
  'killed',
  'preempted',
]);

/**
 * States in which the training script exited on its own, so wandb wrote its exit code (0 finished,
 * else failed) and the run file ends with exit, summary and footer records.
 */
export const EXITED_RUN_STATES: ReadonlySet<RunState> = new Set(['finished', 'failed']);

/** `value` as a RunState (case-insensitive), or `unknown`. */
export function toRunState(value: unknown): RunState {
  const state = typeof value === 'string' ? value.toLowerCase() : '';
  return (RUN_STATES as readonly string[]).includes(state) ? (state as RunState) : 'unknown';
}
