/** How the user moved a `<step-slider>`. */
export type StepChangeCause = 'keyboard' | 'pointer' | 'input' | 'button' | 'playback';

/** The user committed a new step in a `<step-slider>` (fired with the platform `change`). */
export class StepChangeEvent extends Event {
  static readonly eventName = 'step-change';

  constructor(
    readonly step: number,
    readonly cause: StepChangeCause,
  ) {
    super(StepChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'step-change': StepChangeEvent;
  }
}
