import type { RunRef } from '@run-comparer/wandb-client';

/** What each run answered, in the order asked, and the runs that failed. */
export interface EachRun<T> {
  answers: Array<{ ref: RunRef; value: T }>;
  failed: Array<{ ref: RunRef; error: unknown }>;
}

/**
 * Ask every run at once. One run failing leaves the others' answers; only when every run fails
 * is the first failure thrown. Throws when `signal` aborts.
 */
export async function askEachRun<T>(
  refs: RunRef[],
  ask: (ref: RunRef) => Promise<T>,
  signal: AbortSignal,
): Promise<EachRun<T>> {
  const results = await Promise.allSettled(refs.map(ask));
  signal.throwIfAborted();
  const answers: EachRun<T>['answers'] = [];
  const failed: EachRun<T>['failed'] = [];
  results.forEach((result, i) => {
    const ref = refs[i]!;
    if (result.status === 'fulfilled') answers.push({ ref, value: result.value });
    else failed.push({ ref, error: result.reason });
  });
  if (failed.length > 0 && failed.length === refs.length) throw failed[0]!.error;
  return { answers, failed };
}
