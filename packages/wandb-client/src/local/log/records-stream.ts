import { open } from 'node:fs/promises';
import { decodeRecord, type DecodedRecord } from '../proto/records.js';
import { RunFileError } from '../../errors.js';
import { LogParser, NotARunFileError, type LogDamage } from './parser.js';
import { scanWindows } from './scan.js';

export type RunFileRecord =
  /** `start`/`end`: file offsets of the record's first chunk and the end of its last; `size`: payload bytes. */
  | { kind: 'record'; start: number; end: number; size: number; record: DecodedRecord }
  | { kind: 'unreadable'; start: number; end: number; reason: string }
  | { kind: 'damage'; start: number; damage: LogDamage }
  /** The file ends inside a record: `start` is where that record begins. */
  | { kind: 'truncated'; start: number; end: number };

/**
 * Every record of a `.wandb` file in order, decoded, with damage reported in place: a tool's
 * view of the file (counting records, dumping a run). Reads the file one window at a time.
 */
export async function* readRunRecords(file: string): AsyncGenerator<RunFileRecord> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const parser = new LogParser();
    let pending: RunFileRecord[] = [];
    const sink = {
      record(payload: Uint8Array, start: number, end: number) {
        try {
          pending.push({ kind: 'record', start, end, size: payload.length, record: decodeRecord(payload) });
        } catch (error) {
          pending.push({ kind: 'unreadable', start, end, reason: (error as Error).message });
        }
      },
      damage(damage: LogDamage, start: number) {
        pending.push({ kind: 'damage', start, damage });
      },
    } as const;
    try {
      for await (const _ of scanWindows(handle, parser, size, sink)) {
        yield* pending;
        pending = [];
      }
    } catch (error) {
      if (error instanceof NotARunFileError)
        throw new RunFileError(`${file} is not a wandb run file: ${error.message}.`);
      throw error;
    }
    if (parser.committed < size) yield { kind: 'truncated', start: parser.committed, end: size };
  } finally {
    await handle.close();
  }
}
