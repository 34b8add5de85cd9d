export { RunSelectionChangeEvent } from './run-selection-change.js';
export { ImageKeysChangeEvent } from './image-keys-change.js';
export { StepChangeEvent, type StepChangeCause } from './step-change.js';
