import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The playback speeds offered, in steps per second. */
export const PLAYBACK_RATES = [1, 2, 4, 8] as const;

/**
 * Plays through steps: calls `advance` `rate` times a second until paused. `advance` returns
 * false when there is nowhere to go (the end without looping), which pauses playback.
 */
export class PlaybackController implements ReactiveController {
  playing = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #rate = 2;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly advance: () => boolean,
  ) {
    host.addController(this);
  }

  get rate(): number {
    return this.#rate;
  }
  set rate(rate: number) {
    this.#rate = rate > 0 ? rate : 2;
    if (this.playing) this.#start();
  }

  play(): void {
    if (this.playing) return;
    this.playing = true;
    this.#start();
    this.host.requestUpdate();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    clearInterval(this.#timer);
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.pause();
  }

  #start(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      if (!this.advance()) this.pause();
    }, 1000 / this.#rate);
  }
}
