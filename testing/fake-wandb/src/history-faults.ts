import type { ExecutionResult } from 'graphql';

/**
 * Run history as the real service serves it on some runs, set per run id. Each quirk is something
 * wandb has been seen doing (see README.md, "History quirks", for the evidence and what is unsure).
 */
export interface RunHistoryQuirks {
  /**
   * The run's history cannot be loaded: any request that reads it (`sampledHistory`, `history`)
   * fails as a whole with HTTP 500 `run not found for history loading: <entity>/<project>/<run>`,
   * whatever else it asked for (wandb/wandb#4605).
   */
  unloadable?: boolean;
  /** Entries merged into `historyKeys.keys` as given, e.g. `{ 'odd/key': null }` or a `typeCounts` of the wrong shape. */
  extraHistoryKeys?: Record<string, unknown>;
  /** A `null` in place of a row object after every this many rows of each `sampledHistory` answer. */
  nullRowEvery?: number;
  /** At most this many rows per spec, sampled down evenly, whatever `samples` asks for. */
  maxRowsPerSpec?: number;
}

/** The history quirks of the runs served, by run id; empty by default (every history loads as asked). */
export class HistoryControl {
  #quirks = new Map<string, RunHistoryQuirks>();

  /** Give the run `runId` these quirks (replacing any it had). */
  set(runId: string, quirks: RunHistoryQuirks): this {
    this.#quirks.set(runId, quirks);
    return this;
  }

  of(runId: string): RunHistoryQuirks {
    return this.#quirks.get(runId) ?? {};
  }

  clear(): void {
    this.#quirks.clear();
  }
}

/** Thrown by a resolver that cannot load a run's history; the server answers the whole request with HTTP 500. */
export class HistoryLoadFailure extends Error {
  constructor(runPath: string) {
    super(`run not found for history loading: ${runPath}`);
    this.name = 'HistoryLoadFailure';
  }
}

/**
 * The answer to a request one of whose resolvers could not load a run's history: HTTP 500 for the
 * whole request, no `data`, the message in `errors[]` (the shape wandb's clients read it from).
 */
export function wholeRequestFailure(result: ExecutionResult): { status: number; body: string } | null {
  const failures = (result.errors ?? []).filter((error) => error.originalError instanceof HistoryLoadFailure);
  if (failures.length === 0) return null;
  const errors = failures.map((error) => ({ message: error.message, path: error.path }));
  return { status: 500, body: JSON.stringify({ errors, data: null }) };
}
