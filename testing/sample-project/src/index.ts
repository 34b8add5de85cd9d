export {
  buildSampleDataset,
  PROMPTS,
  RUN_PLANS,
  SAMPLE_ENTITY,
  SAMPLE_PROJECT,
  VALIDATION,
  VALIDATION_SIZE,
} from './dataset.js';
export { SIZE as PREVIEW_SIZE, samplePixels, type Sample } from './training.js';
export { encodePng } from './png.js';
export { writeSampleProject, SAMPLE_OUTPUT } from './write.js';
export { random } from './canvas.js';
