/**
 * The user picked a point of a `<metric-sparkline>` (a click, or Enter on the point the arrow keys
 * reached; fired with the platform `change`): the step it was logged at and its value.
 */
export class MetricStepPickEvent extends Event {
  static readonly eventName = 'metric-step-pick';

  constructor(
    readonly step: number,
    readonly value: number,
    readonly cause: 'pointer' | 'keyboard',
  ) {
    super(MetricStepPickEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'metric-step-pick': MetricStepPickEvent;
  }
}
