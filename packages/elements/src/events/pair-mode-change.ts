/** The ways `<image-pair>` shows two images. */
export const PAIR_MODES = ['side-by-side', 'swipe', 'blink', 'difference'] as const;
export type PairMode = (typeof PAIR_MODES)[number];

/** The user switched the comparison mode (fired with the platform `change`). */
export class PairModeChangeEvent extends Event {
  static readonly eventName = 'pair-mode-change';
  constructor(readonly mode: PairMode) {
    super(PairModeChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The user swapped A and B. */
export class PairSwapEvent extends Event {
  static readonly eventName = 'pair-swap';
  constructor() {
    super(PairSwapEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pair-mode-change': PairModeChangeEvent;
    'pair-swap': PairSwapEvent;
  }
}
