/**
 * `<image-compare>` shows every row on screen at this step with its images decoded (or failed):
 * what playback waits for before moving on.
 */
export class StepReadyEvent extends Event {
  static readonly eventName = 'step-ready';

  constructor(readonly step: number) {
    super(StepReadyEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'step-ready': StepReadyEvent;
  }
}

/**
 * The grids on the page that show a grid now and so will fire `step-ready` (playback waits for
 * them only while there is one).
 */
export const stepReadyReporters = new Set<object>();
