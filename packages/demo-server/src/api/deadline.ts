import { AbortedError, TimeoutError } from '@run-comparer/wandb-client';

/**
 * Run upstream work under the caller's signal and a time limit. The promise settles by the
 * deadline even if the work ignores its signal, so a request never hangs on a stuck upstream.
 */
export function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: { signal?: AbortSignal | undefined; timeoutMs: number; what: string },
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timeoutError = () =>
    new TimeoutError(
      `${options.what} took longer than ${Math.round(options.timeoutMs / 100) / 10} s; try again, or ask for fewer runs or keys.`,
    );
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(timeoutError());
    }, options.timeoutMs);
    const onCallerAbort = () => controller.abort(new AbortedError('The client closed the request.'));
    if (options.signal?.aborted) onCallerAbort();
    else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const onAbort = () => reject(controller.signal.reason);
    if (controller.signal.aborted) onAbort();
    else controller.signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
      controller.signal.removeEventListener('abort', onAbort);
    };
    Promise.resolve()
      .then(() => work(controller.signal))
      .then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(timedOut ? timeoutError() : controller.signal.aborted ? controller.signal.reason : error);
        },
      );
  });
}
