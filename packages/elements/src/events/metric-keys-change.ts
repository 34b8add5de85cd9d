/** The user changed which scalar history keys a `<run-metrics>` shows (fired with the platform `change`). */
export class MetricKeysChangeEvent extends Event {
  static readonly eventName = 'metric-keys-change';

  constructor(readonly keys: readonly string[]) {
    super(MetricKeysChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'metric-keys-change': MetricKeysChangeEvent;
  }
}
