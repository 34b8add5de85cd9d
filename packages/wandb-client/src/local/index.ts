/**
 * `@run-comparer/wandb-client/local`: Node-only. Local wandb run directories as a RunSource,
 * and a writer of real-format `.wandb` files.
 */
export { openLocalRuns, DEFAULT_STALE_AFTER_MS } from './source/local-source.js';
export type { LocalRunSource, LocalRunsOptions, LocalSourceStats } from './source/local-source.js';
export type { ReadWindows } from './index/run-file.js';
export type { LocalMediaFile } from './source/media.js';
export { compileRunFilter, type RunPredicate } from '../internal/run-filter.js';
export { writeRunFile, writeRunDirectory, writeDataset } from './writer/run-writer.js';
export type { WriteRunOptions, WriteDatasetOptions, RunToWrite } from './writer/run-writer.js';
export { RunLogWriter, type RunRecordInput } from './writer/run-log-writer.js';
export { readRunRecords, type RunFileRecord } from './log/records-stream.js';
