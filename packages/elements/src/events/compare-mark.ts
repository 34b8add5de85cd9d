import type { CompareTarget } from '../context/selection-store.js';

/** The images marked for comparison in `<image-compare>` changed (Shift+click, Shift+Enter): A, then A and B. */
export class CompareMarkEvent extends Event {
  static readonly eventName = 'compare-mark';

  constructor(readonly images: readonly CompareTarget[]) {
    super(CompareMarkEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'compare-mark': CompareMarkEvent;
  }
}
