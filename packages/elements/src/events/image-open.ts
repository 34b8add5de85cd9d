import type { CompareTarget } from '../context/selection-store.js';
import { sameTarget } from '../data/viewer-runs.js';

/** The user opened an image (click, Enter or Space). Cancel it to keep the detail view closed. */
export class ImageOpenEvent extends Event {
  static readonly eventName = 'image-open';
  constructor(readonly image: CompareTarget) {
    super(ImageOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** The images marked for comparison changed (Shift+click, Shift+Enter): A, then A and B. */
export class CompareMarkEvent extends Event {
  static readonly eventName = 'compare-mark';
  constructor(readonly images: readonly CompareTarget[]) {
    super(CompareMarkEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The next marks after marking `image`: A, then B; marking A again clears it; a third starts over. */
export function markForCompare(marks: readonly CompareTarget[], image: CompareTarget): CompareTarget[] {
  if (marks.length === 1 && sameTarget(marks[0], image)) return [];
  return marks.length === 1 ? [marks[0]!, image] : [image];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'image-open': ImageOpenEvent;
    'compare-mark': CompareMarkEvent;
  }
}
