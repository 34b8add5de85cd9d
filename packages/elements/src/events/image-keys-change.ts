/** The user changed which image keys are shown in an `<image-key-picker>`. */
export class ImageKeysChangeEvent extends Event {
  static readonly eventName = 'image-keys-change';

  constructor(readonly keys: readonly string[]) {
    super(ImageKeysChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'image-keys-change': ImageKeysChangeEvent;
  }
}
