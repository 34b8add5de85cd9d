import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ErrorDescription } from '../internal/describe-error.js';

/**
 * Retries a failed load by itself when the error says how long to wait (rate limits), counting
 * the seconds down on screen; `retryNow` is the Retry button. Stops when the host disconnects.
 */
export class RetryController implements ReactiveController {
  /** Seconds until the automatic retry, or null when none is scheduled. */
  secondsLeft: number | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly retry: () => void,
  ) {
    host.addController(this);
  }

  /** Schedule an automatic retry if the failure asks for one. */
  arm(failure: ErrorDescription): void {
    this.cancel();
    if (!failure.retryable || failure.retryAfterMs === null || failure.code === 'aborted') return;
    const due = Date.now() + failure.retryAfterMs;
    const tick = () => {
      const left = Math.ceil((due - Date.now()) / 1000);
      if (left <= 0) return this.retryNow();
      this.secondsLeft = left;
      this.host.requestUpdate();
    };
    this.#timer = setInterval(tick, 250);
    tick();
  }

  cancel(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
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
  }
}
