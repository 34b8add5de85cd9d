export type { Dataset, DatasetRun, HistoryRow } from './dataset.js';
export { summaryOf } from './dataset.js';
