/** The user swapped A and B in `<image-pair>`. */
export class PairSwapEvent extends Event {
  static readonly eventName = 'pair-swap';

  constructor() {
    super(PairSwapEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pair-swap': PairSwapEvent;
  }
}
