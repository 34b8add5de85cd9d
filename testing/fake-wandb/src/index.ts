export { startFakeWandb } from './server.js';
export type { FakeWandb, FakeWandbOptions } from './server.js';
export type { Fault, FaultRule, FaultControl } from './faults.js';
export type { HistoryControl, RunHistoryQuirks } from './history-faults.js';
export type { Latency } from './latency.js';
export type { RequestLog, RequestRecord } from './request-log.js';
export type { UrlStyle } from './signing.js';
export { loadDatasetDir } from './dataset-dir.js';
export { syntheticDataset, type SyntheticOptions } from './synthetic.js';
