import type { HistoryRow } from '@run-comparer/wandb-client';

/** `historyKeys` as wandb reports it: `{ lastStep, sets, keys: { <key>: { typeCounts, previousValue? } } }`. */
export interface HistoryKeysJson {
  lastStep: number;
  sets: unknown[];
  keys: Record<string, { typeCounts: Array<{ type: string; count: number }>; previousValue?: unknown }>;
}

export function historyKeysOf(rows: HistoryRow[]): HistoryKeysJson {
  const keys: HistoryKeysJson['keys'] = {};
  let lastStep = -1;
  for (const row of rows) {
    lastStep = Math.max(lastStep, row._step);
    for (const [key, value] of flatten(row)) {
      const entry = (keys[key] ??= { typeCounts: [] });
      const type = typeOf(value);
      const count = entry.typeCounts.find((tc) => tc.type === type);
      if (count) count.count++;
      else entry.typeCounts.push({ type, count: 1 });
      if (typeof value === 'number') entry.previousValue = value;
    }
  }
  return { lastStep, sets: [], keys };
}

/**
 * Plain nested dicts are named with dots (`outer.inner`); a media dict (one with `_type`) stays one
 * key whose type is its `_type`. Keys containing `/` are plain keys.
 */
function* flatten(value: Record<string, unknown>, prefix = ''): Generator<[string, unknown]> {
  for (const [key, inner] of Object.entries(value)) {
    if (isPlainDict(inner)) yield* flatten(inner, `${prefix}${key}.`);
    else yield [`${prefix}${key}`, inner];
  }
}

function isPlainDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('_type' in value);
}

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return 'list';
  return String((value as { _type: unknown })._type);
}

export interface SampledHistorySpec {
  keys: string[];
  samples: number;
  minStep?: number;
  maxStep?: number;
}

/** Read a spec like the server: keys required, samples default 500; bad specs are GraphQL errors. */
export function parseSpec(text: string): SampledHistorySpec {
  const spec = JSON.parse(text) as Partial<SampledHistorySpec>;
  if (!Array.isArray(spec.keys) || spec.keys.some((k) => typeof k !== 'string')) {
    throw new Error('sampledHistory spec needs "keys": a list of history keys');
  }
  const samples = spec.samples ?? 500;
  if (!Number.isInteger(samples) || samples < 1)
    throw new Error('sampledHistory spec "samples" must be a positive integer');
  return { keys: spec.keys, samples, minStep: spec.minStep, maxStep: spec.maxStep };
}

/**
 * The real semantics, including the ones that bite naive clients: only rows that hold *every*
 * requested key (AND), `maxStep` inclusive, and at most `samples` rows: more matching rows are
 * sampled down evenly (first and last kept), so steps in between are silently missing.
 */
export function sampledHistory(rows: HistoryRow[], spec: SampledHistorySpec): Record<string, unknown>[] {
  const matching = rows.filter(
    (row) =>
      (spec.minStep === undefined || row._step >= spec.minStep) &&
      (spec.maxStep === undefined || row._step <= spec.maxStep) &&
      spec.keys.every((key) => valueAt(row, key) !== undefined),
  );
  return downsample(matching, spec.samples).map((row) => {
    const picked: Record<string, unknown> = { _step: row._step };
    for (const key of spec.keys) picked[key] = valueAt(row, key);
    return picked;
  });
}

/** `history(minStep, maxStep, samples)`: full rows as JSON strings; here `maxStep` is exclusive and `samples` is a page size. */
export function historyPage(rows: HistoryRow[], minStep: number, maxStep: number, samples: number): HistoryRow[] {
  return rows.filter((row) => row._step >= minStep && row._step < maxStep).slice(0, samples);
}

function downsample<T>(rows: T[], samples: number): T[] {
  if (rows.length <= samples) return rows;
  if (samples === 1) return [rows[rows.length - 1]!];
  return Array.from({ length: samples }, (_, i) => rows[Math.round((i * (rows.length - 1)) / (samples - 1))]!);
}

/** A key's value in a row: the key itself (which may contain `/` or `.`), else a dotted path into nested dicts. */
export function valueAt(row: Record<string, unknown>, key: string): unknown {
  if (key in row) return row[key];
  let current: unknown = row;
  for (const part of key.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
