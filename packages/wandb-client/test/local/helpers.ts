import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { LogParser, type LogDamage } from '../../src/local/log/parser.js';

export const FIXTURES = '/work/shared/fixtures/wandb-offline';

export interface ManifestRun {
  dir: string;
  run_id: string;
  display_name: string;
  project: string;
  group: string;
  job_type: string;
  state: string;
  wandb_file: string;
  wandb_file_bytes: number;
  records_decoded: number;
  record_counts: Record<string, number>;
  /** Chunk kinds and block-boundary cases, counted with wandb's own reader. */
  framing: {
    chunk_counts: Partial<Record<'FULL' | 'FIRST' | 'MIDDLE' | 'LAST', number>>;
    padded_block_tails: { offset: number; bytes: number }[];
    zero_length_chunks: { offset: number }[];
    truncated_tail: { last_complete_record_end: number; file_size: number } | null;
  };
  history_rows: number;
  last_intact_step: number;
  initial_config_keys: string[];
  image_keys: Record<
    string,
    {
      history_value_type: string;
      steps: number[];
      images_per_step: number;
      format: string;
      size: string;
      captions: string[] | null;
    }
  >;
  summary_keys: string[];
  summary_only_image_keys: string[];
  summary_image_keys: Record<string, { files: string[]; captions: string[] | null }>;
  media_files_not_referenced_by_intact_history_or_summary: string[];
}

export const manifest = JSON.parse(readFileSync(join(FIXTURES, 'MANIFEST.json'), 'utf8')) as {
  project: string;
  runs: ManifestRun[];
};

export function fixtureRun(name: string): ManifestRun {
  return manifest.runs.find((run) => run.display_name === name)!;
}

export function fixtureBytes(run: ManifestRun): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, 'wandb', run.wandb_file)));
}

/** A fresh temporary directory, removed after the test. */
const made: string[] = [];
export async function tempDir(prefix = 'local-runs-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export interface ParsedLog {
  records: { start: number; end: number; payload: Uint8Array }[];
  damage: { kind: LogDamage; offset: number }[];
  parser: LogParser;
}

/** Parse bytes held in memory, in one window or in several growing ones. */
export function parseBytes(bytes: Uint8Array, cuts: number[] = []): ParsedLog {
  const parser = new LogParser();
  const out: ParsedLog = { records: [], damage: [], parser };
  const sink = {
    record: (payload: Uint8Array, start: number, end: number) =>
      out.records.push({ start, end, payload: payload.slice() }),
    damage: (kind: LogDamage, offset: number) => out.damage.push({ kind, offset }),
  };
  for (const cut of [...cuts, bytes.length]) parser.parse(bytes.subarray(0, cut), 0, sink);
  return out;
}

/** A small seeded PRNG: fuzz runs are reproducible from their seed. */
export { random as rng } from '@run-comparer/sample-project';
