import type { CallOptions, RunSource } from '@run-comparer/wandb-client';

/** The calls a source answers (not its kind, nor the thumbnail URL builder some sources have). */
type Method = Exclude<keyof RunSource, 'kind' | 'thumbnailUrl'>;

/** Where each method takes its `{ signal }` options. */
const OPTIONS_AT: Record<Method, number> = {
  list: 1,
  get: 1,
  keys: 1,
  steps: 2,
  at: 2,
  index: 2,
  mediaUrl: 2,
  scalarKeys: 1,
  history: 2,
  historyAt: 2,
};

export interface SourceCall {
  method: Method;
  args: unknown[];
  signal: AbortSignal | undefined;
  /** Let a held call answer (with the wrapped source's answer). */
  release(): void;
  /** Make a held call fail with this error. */
  fail(error: unknown): void;
}

export interface ControlledSource {
  source: RunSource;
  /** Every call made, in order. */
  calls: SourceCall[];
  callsTo(method: Method): SourceCall[];
  /** Hold every later call of these methods until the test releases it. */
  hold(...methods: Method[]): void;
  /** Make the next call of `method` fail with `error` (queue several for several calls). */
  failNext(method: Method, error: unknown): void;
}

/**
 * A RunSource that wraps a real one and lets a test decide when and how each call answers: hold
 * answers to reorder them (a slow earlier search), fail calls, and see the signals passed in.
 * With `honorAbort: false` a held call ignores its signal, like a source that cannot cancel, so
 * tests prove components drop stale answers themselves.
 */
export function controlledSource(inner: RunSource, { honorAbort = true } = {}): ControlledSource {
  const calls: SourceCall[] = [];
  const held = new Set<Method>();
  const failures = new Map<Method, unknown[]>();

  const wrap =
    (method: Method) =>
    (...args: unknown[]): Promise<unknown> => {
      const signal = (args[OPTIONS_AT[method]] as CallOptions | undefined)?.signal;
      const failure = failures.get(method)?.shift();
      const answer = (): Promise<unknown> =>
        failure === undefined
          ? (inner[method] as (...a: unknown[]) => Promise<unknown>).apply(inner, args)
          : Promise.reject(failure);
      const call: SourceCall = { method, args, signal, release: () => {}, fail: () => {} };
      calls.push(call);
      if (!held.has(method)) return answer();
      return new Promise((resolve, reject) => {
        call.release = () => void answer().then(resolve, reject);
        call.fail = reject;
        if (honorAbort) signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    };

  const source = { kind: inner.kind } as RunSource;
  for (const method of Object.keys(OPTIONS_AT) as Method[]) {
    (source as unknown as Record<Method, unknown>)[method] = wrap(method);
  }
  return {
    source,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    hold: (...methods) => methods.forEach((m) => held.add(m)),
    failNext: (method, error) => failures.set(method, [...(failures.get(method) ?? []), error]),
  };
}
