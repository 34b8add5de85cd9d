import { AuthError, NetworkError, RateLimitError, type RunSource, type WandbError } from '@run-comparer/wandb-client';

/**
 * Sources that fail or never answer, for the loading and error states. Each wraps a working
 * source and answers through it unless told otherwise, so a story can fail one method only.
 */

/** The calls a source answers (not its kind, nor the thumbnail URL builder some sources have). */
type Method = Exclude<keyof RunSource, 'kind' | 'thumbnailUrl'>;
const METHODS: Method[] = ['list', 'get', 'keys', 'steps', 'at', 'index', 'mediaUrl'];

/** The typed errors the real sources raise, with the messages they use. */
export const errors = {
  auth: () =>
    new AuthError(
      'wandb rejected the API key (HTTP 401). Check WANDB_API_KEY: it must be a valid key for api.wandb.ai with access to the entity and project.',
      { status: 401 },
    ),
  rateLimit: (retryAfterMs: number | null = 30_000) =>
    new RateLimitError(
      `wandb rate-limited the requests (HTTP 429) and retrying did not help.${retryAfterMs === null ? '' : ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`} Try again later or ask for fewer runs at once.`,
      retryAfterMs,
    ),
  network: () =>
    new NetworkError(
      'Could not reach the Run Comparer server at http://localhost:8080/api: Failed to fetch. Is it running?',
    ),
} satisfies Record<string, (...args: never[]) => WandbError>;

export interface FailureOptions {
  /** The methods that fail (all by default). */
  methods?: Method[];
  /** Fail only the first this many calls, then answer (a failure that clears up). */
  times?: number;
  /** Fail only for these run ids (methods that take a run). */
  runIds?: string[];
}

/** A source whose calls throw `error()` (a new error each time). */
export function failingSource(
  inner: RunSource,
  error: () => WandbError,
  { methods = METHODS, times = Infinity, runIds }: FailureOptions = {},
): RunSource {
  let failures = 0;
  const source = { ...inner };
  for (const method of methods) {
    if (method === 'index' && runIds) {
      // As real sources do: the other runs are indexed, these carry the error.
      source.index = async (refs, params, options) =>
        (await inner.index(refs, params, options)).map((entry) => {
          if (!runIds.includes(entry.run.runId) || failures >= times) return entry;
          failures++;
          const { code, message } = error();
          return { ...entry, byKey: {}, error: { code, message } };
        });
      continue;
    }
    const answer = inner[method] as (...args: unknown[]) => Promise<unknown>;
    (source as Record<Method, unknown>)[method] = async (...args: unknown[]) => {
      const runId = (args[0] as { runId?: string } | undefined)?.runId;
      const applies = !runIds || (runId !== undefined && runIds.includes(runId));
      if (applies && failures < times) {
        failures++;
        throw error();
      }
      return answer(...args);
    };
  }
  return source;
}

/** A source that never answers (until the caller aborts): the loading state, held. */
export function pendingSource(inner: RunSource, methods: Method[] = METHODS): RunSource {
  const source = { ...inner };
  for (const method of methods) {
    (source as Record<Method, unknown>)[method] = (...args: unknown[]) =>
      new Promise((_, reject) => {
        const signal = args.findLast((arg) => (arg as { signal?: unknown })?.signal) as
          { signal: AbortSignal } | undefined;
        signal?.signal.addEventListener('abort', () => reject(signal.signal.reason), { once: true });
      });
  }
  return source;
}
