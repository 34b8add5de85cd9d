import { Task, TaskStatus, type TaskConfig } from '@lit/task';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { describeError } from '../internal/describe-error.js';
import { RetryController } from './retry-controller.js';
import { renderFailure } from '../internal/status.js';

/**
 * A `@lit/task` Task that loads from a source: it aborts its pending run when the host leaves
 * the document (so a removed element stops its requests) and runs again when the host comes
 * back, and after a failure it retries by itself when the error says when (`retry`).
 */
export class SourceTask<T extends ReadonlyArray<unknown>, R> extends Task<T, R> {
  #dropped = false;
  /** The Retry button and the automatic retry of a failed run. */
  readonly retry: RetryController;

  constructor(host: ReactiveControllerHost, config: TaskConfig<T, R>) {
    super(host, {
      ...config,
      onComplete: (value) => {
        this.retry.cancel();
        config.onComplete?.(value);
      },
      onError: (error) => this.retry.arm(describeError(error)),
    });
    this.retry = new RetryController(host, () => void this.run());
  }

  /** The error state of a failed run (`what` could not be loaded), or null. */
  renderFailure(what: string): TemplateResult | null {
    return this.status === TaskStatus.ERROR && this.error
      ? renderFailure(what, describeError(this.error), this.retry)
      : null;
  }

  hostConnected(): void {
    if (!this.#dropped) return;
    this.#dropped = false;
    void this.run();
  }

  hostDisconnected(): void {
    if (this.status !== TaskStatus.PENDING) return;
    this.#dropped = true;
    this.abort();
  }
}
