/**
 * The user chose a config key in a `<run-config-diff>` (fired with the platform `change`), or
 * cleared the choice (`key` null): a key to show under each run's name, sort or group runs by.
 */
export class ConfigKeySelectEvent extends Event {
  static readonly eventName = 'config-key-select';

  constructor(readonly key: string | null) {
    super(ConfigKeySelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'config-key-select': ConfigKeySelectEvent;
  }
}
