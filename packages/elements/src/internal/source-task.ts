import { Task, TaskStatus } from '@lit/task';

/**
 * A `@lit/task` Task that also aborts its pending run when the host leaves the document (so a
 * removed element stops its requests) and runs it again when the host comes back.
 */
export class SourceTask<T extends ReadonlyArray<unknown>, R> extends Task<T, R> {
  #dropped = false;

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
