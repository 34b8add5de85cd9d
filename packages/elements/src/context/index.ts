export { runSourceContext, selectionContext } from './contexts.js';
export { SelectionStore, SelectionChangeEvent } from './selection-store.js';
export type { Selection, SelectedRun, CompareTarget, SelectionChange } from './selection-store.js';
export { SelectionController } from './selection-controller.js';
export { colorForIndex } from './run-colors.js';
