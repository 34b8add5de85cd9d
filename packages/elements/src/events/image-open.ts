import type { CompareTarget } from '../context/selection-store.js';

/** The user opened an image in `<image-compare>` (click, Enter or Space). Cancel it to keep the detail view closed. */
export class ImageOpenEvent extends Event {
  static readonly eventName = 'image-open';

  constructor(readonly image: CompareTarget) {
    super(ImageOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'image-open': ImageOpenEvent;
  }
}
