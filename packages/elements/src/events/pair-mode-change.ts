import type { PairMode } from '../image-pair/pair-modes.js';

/** The user switched the comparison mode of `<image-pair>` (fired with the platform `change`). */
export class PairModeChangeEvent extends Event {
  static readonly eventName = 'pair-mode-change';

  constructor(readonly mode: PairMode) {
    super(PairModeChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pair-mode-change': PairModeChangeEvent;
  }
}
