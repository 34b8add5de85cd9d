import { ProtoReader, WIRE_LEN, WIRE_VARINT } from './reader.js';

/**
 * Decoding of the `wandb_internal.Record` fields a run comparison needs: run, history, summary,
 * config, files and exit. Every other record type is recognised by name and skipped, keeping
 * only its timestamp where it has one (stats and console output), as a sign of life.
 */

/** `Record` field numbers of the `record_type` oneof, by name. */
export const RECORD_FIELDS = {
  history: 2,
  summary: 3,
  output: 4,
  config: 5,
  files: 6,
  stats: 7,
  artifact: 8,
  tbrecord: 9,
  alert: 10,
  telemetry: 11,
  metric: 12,
  output_raw: 13,
  run: 17,
  exit: 18,
  final: 20,
  header: 21,
  footer: 22,
  preempting: 23,
  noop_link_artifact: 24,
  use_artifact: 25,
  environment: 26,
  output_logger: 27,
  request: 100,
} as const;

export type RecordType = keyof typeof RECORD_FIELDS | 'unknown';

const TYPE_BY_FIELD = new Map<number, RecordType>(
  Object.entries(RECORD_FIELDS).map(([name, field]) => [field, name as RecordType]),
);

export const RECORD_NUM = 1;
export const RECORD_CONTROL = 16;
export const RECORD_UUID = 19;
export const RECORD_INFO = 200;

/**
 * A history, summary or config item and its JSON text. `key` is the flat key, or the
 * `nested_key` path joined with `.`; `path` is the nested path when one was used.
 */
export interface ItemJson {
  key: string;
  path: string[] | null;
  valueJson: string;
}

export interface RunFields {
  runId?: string;
  entity?: string;
  project?: string;
  config?: ItemJson[];
  group?: string;
  jobType?: string;
  displayName?: string;
  notes?: string;
  tags?: string[];
  host?: string;
  sweepId?: string;
  startingStep?: number;
  /** Start time in milliseconds since the epoch. */
  startTime?: number;
  resumed?: boolean;
}

export interface FileEntry {
  path: string;
  /** FilesItem.type: 0 other, 1 wandb, 2 media, 3 artifact. */
  fileType: number;
}

export type DecodedRecord =
  | { type: 'history'; num: number; step: number | null; items: ItemJson[] }
  | { type: 'summary'; num: number; update: ItemJson[]; remove: ItemJson[] }
  | { type: 'config'; num: number; update: ItemJson[]; remove: ItemJson[] }
  | { type: 'run'; num: number; run: RunFields }
  | { type: 'files'; num: number; files: FileEntry[] }
  | { type: 'exit'; num: number; exitCode: number; runtime: number }
  | {
      type: Exclude<RecordType, 'history' | 'summary' | 'config' | 'run' | 'files' | 'exit'>;
      num: number;
      time: number | null;
    };

/** Decode one reassembled record payload. Throws ProtoError when the bytes are not a valid Record. */
export function decodeRecord(payload: Uint8Array): DecodedRecord {
  const reader = new ProtoReader(payload);
  let num = 0;
  let body: ProtoReader | null = null;
  let type: RecordType = 'unknown';
  while (reader.next()) {
    if (reader.field === RECORD_NUM && reader.wire === WIRE_VARINT) {
      num = reader.varint();
    } else if (reader.wire === WIRE_LEN && TYPE_BY_FIELD.has(reader.field)) {
      type = TYPE_BY_FIELD.get(reader.field)!;
      body = reader.message();
    } else {
      reader.skipField();
    }
  }
  const sub = body ?? new ProtoReader(payload, 0, 0);
  switch (type) {
    case 'history':
      return { type, num, ...decodeHistory(sub) };
    case 'summary':
    case 'config':
      return { type, num, ...decodeUpdates(sub) };
    case 'run':
      return { type, num, run: decodeRun(sub) };
    case 'files':
      return { type, num, files: decodeFiles(sub) };
    case 'exit':
      return { type, num, ...decodeExit(sub) };
    case 'stats':
    case 'output':
    case 'output_raw':
      return { type, num, time: timestampField(sub, 2) };
    default:
      return { type, num, time: null };
  }
}

function decodeHistory(reader: ProtoReader): { step: number | null; items: ItemJson[] } {
  let step: number | null = null;
  const items: ItemJson[] = [];
  while (reader.next()) {
    if (reader.is(1, WIRE_LEN)) {
      const item = decodeItem(reader.message());
      if (item) items.push(item);
    } else if (reader.is(2, WIRE_LEN)) {
      const stepReader = reader.message();
      step = 0;
      while (stepReader.next()) {
        if (stepReader.is(1, WIRE_VARINT)) step = stepReader.int64();
        else stepReader.skipField();
      }
    } else {
      reader.skipField();
    }
  }
  return { step, items };
}

/** SummaryRecord and ConfigRecord share a shape: `update` = 1 and `remove` = 2, both repeated items. */
function decodeUpdates(reader: ProtoReader): { update: ItemJson[]; remove: ItemJson[] } {
  const update: ItemJson[] = [];
  const remove: ItemJson[] = [];
  while (reader.next()) {
    if ((reader.field === 1 || reader.field === 2) && reader.wire === WIRE_LEN) {
      const item = decodeItem(reader.message());
      if (item && reader.field === 1) update.push(item);
      else if (item) remove.push(item);
    } else {
      reader.skipField();
    }
  }
  return { update, remove };
}

/** HistoryItem, SummaryItem and ConfigItem: `key` = 1, `nested_key` = 2 (repeated), `value_json` = 16. */
function decodeItem(reader: ProtoReader): ItemJson | null {
  let key = '';
  let nested: string[] | null = null;
  let valueJson = '';
  while (reader.next()) {
    if (reader.is(1, WIRE_LEN)) key = reader.string();
    else if (reader.is(16, WIRE_LEN)) valueJson = reader.string();
    else if (reader.is(2, WIRE_LEN)) (nested ??= []).push(reader.string());
    else reader.skipField();
  }
  if (key) return { key, path: null, valueJson };
  return nested ? { key: nested.join('.'), path: nested, valueJson } : null;
}

/** RunRecord string fields, by field number. */
const RUN_STRINGS: Partial<
  Record<number, 'runId' | 'entity' | 'project' | 'group' | 'jobType' | 'displayName' | 'notes' | 'sweepId' | 'host'>
> = {
  1: 'runId',
  2: 'entity',
  3: 'project',
  6: 'group',
  7: 'jobType',
  8: 'displayName',
  9: 'notes',
  12: 'sweepId',
  13: 'host',
};

function decodeRun(reader: ProtoReader): RunFields {
  const run: RunFields = {};
  while (reader.next()) {
    const { field, wire } = reader;
    const name = RUN_STRINGS[field];
    if (wire === WIRE_LEN && name) run[name] = reader.string();
    else if (reader.is(4, WIRE_LEN)) run.config = decodeUpdates(reader.message()).update;
    else if (reader.is(10, WIRE_LEN)) (run.tags ??= []).push(reader.string());
    else if (reader.is(17, WIRE_LEN)) run.startTime = decodeTimestamp(reader.message());
    else if (reader.is(14, WIRE_VARINT)) run.startingStep = reader.int64();
    else if (reader.is(18, WIRE_VARINT)) run.resumed = reader.bool();
    else reader.skipField();
  }
  return run;
}

function decodeFiles(reader: ProtoReader): FileEntry[] {
  const files: FileEntry[] = [];
  while (reader.next()) {
    if (!reader.is(1, WIRE_LEN)) {
      reader.skipField();
      continue;
    }
    const item = reader.message();
    let path = '';
    let fileType = 0;
    while (item.next()) {
      if (item.is(1, WIRE_LEN)) path = item.string();
      else if (item.is(3, WIRE_VARINT)) fileType = item.varint();
      else item.skipField();
    }
    if (path) files.push({ path, fileType });
  }
  return files;
}

function decodeExit(reader: ProtoReader): { exitCode: number; runtime: number } {
  let exitCode = 0;
  let runtime = 0;
  while (reader.next()) {
    if (reader.is(1, WIRE_VARINT)) exitCode = reader.int64();
    else if (reader.is(2, WIRE_VARINT)) runtime = reader.int64();
    else reader.skipField();
  }
  return { exitCode, runtime };
}

/** A `google.protobuf.Timestamp` sub-message field, in milliseconds since the epoch. */
function timestampField(reader: ProtoReader, field: number): number | null {
  let time: number | null = null;
  while (reader.next()) {
    if (reader.is(field, WIRE_LEN)) time = decodeTimestamp(reader.message());
    else reader.skipField();
  }
  return time;
}

function decodeTimestamp(reader: ProtoReader): number {
  let seconds = 0;
  let nanos = 0;
  while (reader.next()) {
    if (reader.is(1, WIRE_VARINT)) seconds = reader.int64();
    else if (reader.is(2, WIRE_VARINT)) nanos = reader.int64();
    else reader.skipField();
  }
  return seconds * 1000 + Math.floor(nanos / 1e6);
}
