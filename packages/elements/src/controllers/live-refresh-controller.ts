import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Follows runs that are still training: while `live()` holds and the page is visible, calls
 * `refresh()` every `interval()` ms (0 turns it off), so new steps appear without a reload.
 * Re-checked after every update of the host; stopped while the host is out of the document.
 */
export class LiveRefreshController implements ReactiveController {
  #timer?: ReturnType<typeof setInterval>;
  #every = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly live: () => boolean,
    private readonly interval: () => number,
    private readonly refresh: () => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const every = this.live() ? this.interval() : 0;
    if (every === this.#every) return;
    this.hostDisconnected();
    this.#every = every;
    if (every > 0) this.#timer = setInterval(() => document.hidden || this.refresh(), every);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#every = 0;
  }
}
