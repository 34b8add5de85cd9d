import type { SelectedRun } from '../context/selection-store.js';

/**
 * The user changed which runs are selected in a `<run-picker>`. `runs` is the new selection in
 * selection order, each with the colour that marks it everywhere.
 */
export class RunSelectionChangeEvent extends Event {
  static readonly eventName = 'run-selection-change';

  constructor(readonly runs: readonly SelectedRun[]) {
    super(RunSelectionChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'run-selection-change': RunSelectionChangeEvent;
  }
}
