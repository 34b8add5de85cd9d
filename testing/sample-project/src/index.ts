export { buildSampleDataset, PROMPTS, RUN_PLANS, SAMPLE_ENTITY, SAMPLE_PROJECT, VALIDATION } from './dataset.js';
export { encodePng } from './png.js';
export { writeSampleProject, SAMPLE_OUTPUT } from './write.js';
export { random } from './canvas.js';
