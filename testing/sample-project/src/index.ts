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
export { encodePng, encodeGrayPng } from './png.js';
export { DENOISING_KEY, DETECTIONS_KEY, DETECTION_CLASSES, MEDIA_RUN } from './media-keys.js';
export { writeSampleProject, SAMPLE_OUTPUT } from './write.js';
export { random } from './canvas.js';
