/**
 * The package entry: registers every element (`<wandb-source>`, `<run-picker>`,
 * `<image-key-picker>`, `<step-slider>`, `<image-compare>`, `<image-detail>`, `<image-pair>`,
 * `<run-comparer>`) and exports their classes, contexts and events.
 */
import './wandb-source/define.js';
import './run-picker/define.js';
import './image-key-picker/define.js';
import './step-slider/define.js';
import './image-compare/define.js';
import './image-detail/define.js';
import './image-pair/define.js';
import './run-comparer/define.js';

export * from './index.js';
