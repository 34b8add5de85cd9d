import type { CompareTarget } from '../context/selection-store.js';

/** The user asked to watch an image's sample evolve across training (`E` in `<image-detail>`). Cancelable. */
export class EvolutionOpenEvent extends Event {
  static readonly eventName = 'evolution-open';

  constructor(readonly image: CompareTarget) {
    super(EvolutionOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'evolution-open': EvolutionOpenEvent;
  }
}
