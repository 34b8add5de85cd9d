export type * from './types.js';
export * from './errors.js';
export { parseWandbJson, toWandbJson, type WandbJsonOptions } from './wandb-json.js';
export {
  imageSetFromValue,
  isImageValue,
  IMAGE_VALUE_TYPES,
  mimeTypeOf,
  stepIndexFrom,
  sortedUnique,
} from './images.js';
export * from './memory/index.js';
export * from './cloud/index.js';
export * from './http/index.js';
