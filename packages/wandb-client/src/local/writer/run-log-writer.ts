import { LogWriter, type ByteSink } from '../log/writer.js';
import {
  FILE_TYPE,
  encodeRecord,
  writeHistoryBody,
  writeItems,
  writeRunBody,
  type RunRecordInput,
} from '../proto/encode.js';
import type { RECORD_FIELDS } from '../proto/records.js';
import type { ProtoWriter } from '../proto/writer.js';

export type { RunRecordInput };

/**
 * Writes the records of one run, numbered from 1 and framed as in a real `.wandb` file. The
 * caller decides the order; {@link writeRunFile} uses the order wandb itself writes.
 */
export class RunLogWriter {
  private readonly log: LogWriter;
  private num = 0;

  constructor(
    sink: ByteSink,
    private readonly streamId: string,
  ) {
    this.log = new LogWriter(sink);
  }

  /** Bytes written so far. */
  get offset(): number {
    return this.log.offset;
  }

  /** Any record type with a hand-built body; returns where its first chunk starts. */
  record(type: keyof typeof RECORD_FIELDS, body?: (writer: ProtoWriter) => void): number {
    return this.log.append(encodeRecord(++this.num, type, this.streamId, body));
  }

  /** Raw record bytes (for damaged or unusual records in tests). */
  raw(payload: Uint8Array): number {
    this.num++;
    return this.log.append(payload);
  }

  header(): number {
    return this.record('header');
  }

  run(run: RunRecordInput): number {
    return this.record('run', (w) => writeRunBody(w, run));
  }

  /** One FilesRecord naming `paths` (relative to the run's `files/`). */
  files(paths: readonly string[]): number {
    return this.record('files', (w) => {
      for (const path of paths) {
        w.message(1, (item) => {
          item.string(1, path);
          const type = path.startsWith('media/')
            ? FILE_TYPE.media
            : /^wandb-/.test(path)
              ? FILE_TYPE.wandb
              : FILE_TYPE.other;
          if (type) item.varint(3, type);
        });
      }
    });
  }

  config(update: Record<string, unknown>, remove: readonly string[] = []): number {
    return this.record('config', (w) => {
      writeItems(w, 1, update);
      for (const key of remove) w.message(2, (item) => item.string(1, key));
    });
  }

  history(step: number, values: Record<string, unknown>): number {
    return this.record('history', (w) => writeHistoryBody(w, step, values));
  }

  summary(values: Record<string, unknown>): number {
    return this.record('summary', (w) => writeItems(w, 1, values));
  }

  exit(exitCode: number, runtimeSeconds: number): number {
    return this.record('exit', (w) => {
      if (exitCode) w.varint(1, exitCode);
      if (runtimeSeconds) w.varint(2, Math.round(runtimeSeconds));
    });
  }

  final(): number {
    return this.record('final');
  }

  footer(): number {
    return this.record('footer');
  }
}
