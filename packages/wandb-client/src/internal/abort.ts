import { AbortedError } from '../errors.js';

/** The typed error for a caller's abort, keeping the signal's reason as the cause. */
export function abortedError(signal?: AbortSignal | null): AbortedError {
  const reason: unknown = signal?.reason;
  const detail = reason instanceof Error && reason.name !== 'AbortError' ? `: ${reason.message}` : '';
  return new AbortedError(`The request was aborted${detail}.`, reason === undefined ? {} : { cause: reason });
}

export function throwIfAborted(signal?: AbortSignal | null): void {
  if (signal?.aborted) throw abortedError(signal);
}

/** Wait `ms`, or reject with AbortedError as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
