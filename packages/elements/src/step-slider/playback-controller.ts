import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { stepReadyReporters } from '../events/step-ready.js';

/** The playback speeds offered, in steps per second. */
export const PLAYBACK_RATES = [1, 2, 4, 8] as const;

/** Longest wait for a grid to show a step before playback moves on anyway (a broken image must not stall it). */
export const STEP_READY_TIMEOUT = 3000;

/**
 * Plays through steps: calls `advance` `rate` times a second until paused. `advance` returns
 * false when there is nowhere to go (the end without looping), which pauses playback. While a
 * grid on the page shows images (`<image-compare>`, which fires `step-ready`), each step is held until the grid shows it (its visible images
 * decoded) and at least 1 / `rate` s, at most {@link STEP_READY_TIMEOUT} longer: frames are
 * never shown half loaded.
 */
export class PlaybackController implements ReactiveController {
  playing = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #rate = 2;
  /** Bumped by every start and pause: a frame scheduled before is stale. */
  #run = 0;

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
    this.#run++;
    clearTimeout(this.#timer);
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.pause();
  }

  #start(): void {
    clearTimeout(this.#timer);
    const run = ++this.#run;
    this.#timer = setTimeout(() => this.#frame(run), 1000 / this.#rate);
  }

  #frame(run: number): void {
    const shown = stepReadyReporters.size ? nextStepReady() : Promise.resolve();
    if (!this.advance()) return this.pause();
    const interval = new Promise((resolve) => (this.#timer = setTimeout(resolve, 1000 / this.#rate)));
    void Promise.all([shown, interval]).then(() => {
      if (this.playing && run === this.#run) this.#frame(run);
    });
  }
}

/** Resolves at the next `step-ready` on the page, or after {@link STEP_READY_TIMEOUT}. */
function nextStepReady(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      removeEventListener('step-ready', done);
      resolve();
    };
    const timer = setTimeout(done, STEP_READY_TIMEOUT);
    addEventListener('step-ready', done);
  });
}
