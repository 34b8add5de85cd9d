export { RunSelectionChangeEvent } from './run-selection-change.js';
export { ImageKeysChangeEvent } from './image-keys-change.js';
export { StepChangeEvent, type StepChangeCause } from './step-change.js';
export { StepReadyEvent } from './step-ready.js';
export { ImageOpenEvent } from './image-open.js';
export { CompareMarkEvent } from './compare-mark.js';
export { PairModeChangeEvent } from './pair-mode-change.js';
export { PairSwapEvent } from './pair-swap.js';
