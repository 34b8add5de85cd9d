import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ErrorDescription } from '../internal/describe-error.js';

/** A failed load and how to load it again. */
export interface Failed {
  failure: ErrorDescription;
  retry: () => void;
}

/** How long to wait before retrying a failure by itself (rate limits say), or null when it should wait for the user. */
function autoRetryDelay(failure: ErrorDescription): number | null {
  return failure.retryable && failure.code !== 'aborted' ? failure.retryAfterMs : null;
}

/**
 * Retries failed loads by themselves when their errors say how long to wait (rate limits). `arm`
 * retries one load, counting the seconds down on screen, and `retryNow` is its Retry button;
 * `armEach` retries several at once, after the longest wait, without a countdown. Stops when the
 * host disconnects.
 */
export class RetryController implements ReactiveController {
  /** Seconds until the automatic retry of `arm`, or null when none is scheduled. */
  secondsLeft: number | null = null;
  #countdown: ReturnType<typeof setInterval> | undefined;
  #batch: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly retry: () => void = () => {},
  ) {
    host.addController(this);
  }

  /** Schedule an automatic retry (of the constructor's `retry`) if the failure asks for one. */
  arm(failure: ErrorDescription): void {
    this.cancel();
    const delay = autoRetryDelay(failure);
    if (delay === null) return;
    const due = Date.now() + delay;
    const tick = () => {
      const left = Math.ceil((due - Date.now()) / 1000);
      if (left <= 0) return this.retryNow();
      this.secondsLeft = left;
      this.host.requestUpdate();
    };
    this.#countdown = setInterval(tick, 250);
    tick();
  }

  /**
   * Retry every failure here that asks for it, together, once the longest of their waits is over.
   * While such a retry is pending, later calls add nothing: what still fails after it is retried
   * by the next call. Call it after each update with the failures shown.
   */
  armEach(failed: readonly Failed[]): void {
    if (this.#batch !== undefined) return;
    const due = failed.filter(({ failure }) => autoRetryDelay(failure) !== null);
    if (!due.length) return;
    const delay = Math.max(...due.map(({ failure }) => autoRetryDelay(failure)!));
    this.#batch = setTimeout(() => {
      this.#batch = undefined;
      for (const { retry } of due) retry();
    }, delay);
  }

  cancel(): void {
    clearInterval(this.#countdown);
    this.#countdown = undefined;
    if (this.secondsLeft !== null) {
      this.secondsLeft = null;
      this.host.requestUpdate();
    }
  }

  retryNow = (): void => {
    this.cancel();
    this.retry();
  };

  hostDisconnected(): void {
    this.cancel();
    clearTimeout(this.#batch);
    this.#batch = undefined;
  }
}
