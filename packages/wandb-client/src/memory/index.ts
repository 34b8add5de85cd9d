export type { Dataset, DatasetRun, HistoryRow } from './dataset.js';
export { summaryOf } from './dataset.js';
export { createMemorySource, type MemorySourceOptions } from './memory-source.js';
