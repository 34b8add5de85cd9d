export { createHttpSource, type HttpSourceOptions } from './http-source.js';
