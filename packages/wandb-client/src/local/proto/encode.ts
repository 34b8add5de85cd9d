import { RECORD_FIELDS, RECORD_INFO, RECORD_NUM } from './records.js';
import { toWandbJson } from '../../wandb-json.js';
import { ProtoWriter } from './writer.js';

/** FilesItem.type values. */
export const FILE_TYPE = { other: 0, wandb: 1, media: 2, artifact: 3 } as const;

export interface RunRecordInput {
  runId: string;
  entity: string;
  project: string;
  displayName?: string | null;
  group?: string | null;
  jobType?: string | null;
  notes?: string | null;
  tags?: readonly string[];
  host?: string | null;
  /** Initial config: plain values by key. */
  config?: Record<string, unknown>;
  /** Milliseconds since the epoch. */
  startTime: number;
}

/** Wrap a record body as `wandb_internal.Record` with its sequence number and stream id. */
export function encodeRecord(
  num: number,
  type: keyof typeof RECORD_FIELDS,
  streamId: string,
  body: (writer: ProtoWriter) => void = () => {},
): Uint8Array {
  const writer = new ProtoWriter().varint(RECORD_NUM, num);
  writer.message(RECORD_FIELDS[type], body);
  writer.message(RECORD_INFO, (info) => info.string(1, streamId));
  return writer.finish();
}

/** `key` = 1, `value_json` = 16: the item shape of history, summary and config records. */
export function writeItems(writer: ProtoWriter, field: number, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    writer.message(field, (item) => item.string(1, key).string(16, toWandbJson(value)));
  }
}

export function writeRunBody(writer: ProtoWriter, run: RunRecordInput): void {
  writer.string(1, run.runId);
  if (run.entity) writer.string(2, run.entity);
  writer.string(3, run.project);
  if (run.config) writer.message(4, (config) => writeItems(config, 1, run.config!));
  if (run.group) writer.string(6, run.group);
  if (run.jobType) writer.string(7, run.jobType);
  if (run.displayName) writer.string(8, run.displayName);
  if (run.notes) writer.string(9, run.notes);
  for (const tag of run.tags ?? []) writer.string(10, tag);
  if (run.host) writer.string(13, run.host);
  writer.message(17, (time) => {
    const seconds = Math.floor(run.startTime / 1000);
    const nanos = Math.round((run.startTime - seconds * 1000) * 1e6);
    if (seconds) time.varint(1, seconds);
    if (nanos) time.varint(2, nanos);
  });
}

export function writeHistoryBody(writer: ProtoWriter, step: number, values: Record<string, unknown>): void {
  writeItems(writer, 1, values);
  writer.message(2, (s) => {
    if (step) s.varint(1, step);
  });
}
