import type { Dataset, DatasetRun, HistoryRow, RunState } from '@run-comparer/wandb-client';

/** Test and story data: small projects whose runs log images under a few keys at known steps. */

export interface RunSpec {
  id: string;
  displayName?: string;
  state?: RunState;
  /** Minutes before `BASE_TIME` the run was created; later runs have smaller values. */
  ageMinutes?: number;
  tags?: string[];
  group?: string | null;
  user?: string;
  /** Image keys and the steps at which each holds an image. */
  images?: Record<string, number[]>;
}

export const BASE_TIME = Date.UTC(2026, 10, 20, 12, 0, 0);

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function imageFile(runId: string, key: string, step: number) {
  return {
    _type: 'image-file',
    path: `media/images/${key.replace(/\//g, '_')}_${step}_${runId}.png`,
    format: 'png',
    width: 1,
    height: 1,
    caption: `${key} at ${step}`,
  };
}

export function datasetRun(spec: RunSpec): DatasetRun {
  const rows = new Map<number, HistoryRow>();
  const files: Record<string, Uint8Array> = {};
  const bytes = Uint8Array.from(atob(PIXEL), (c) => c.charCodeAt(0));
  for (const [key, steps] of Object.entries(spec.images ?? {})) {
    for (const step of steps) {
      const row = rows.get(step) ?? { _step: step };
      const value = imageFile(spec.id, key, step);
      row[key] = value;
      files[value.path] = bytes;
      rows.set(step, row);
    }
  }
  return {
    id: spec.id,
    displayName: spec.displayName ?? spec.id,
    state: spec.state ?? 'finished',
    createdAt: new Date(BASE_TIME - (spec.ageMinutes ?? 60) * 60_000).toISOString(),
    user: { name: spec.user ?? 'Ada Lovelace', username: (spec.user ?? 'ada').toLowerCase().split(' ')[0]! },
    tags: spec.tags ?? [],
    group: spec.group ?? null,
    history: [...rows.values()].sort((a, b) => a._step - b._step),
    files,
  };
}

export function project(runs: RunSpec[], entity = 'acme', name = 'diffusion'): Dataset {
  return { entity, project: name, runs: runs.map(datasetRun) };
}

/** `count` runs named run-0 (newest) .. run-N, each logging `samples/grid` every 100 steps. */
export function manyRuns(count: number): Dataset {
  return project(
    Array.from({ length: count }, (_, i) => ({
      id: `r${String(i).padStart(3, '0')}`,
      displayName: `run-${i}`,
      ageMinutes: 10 + i * 30,
      images: { 'samples/grid': [0, 100, 200] },
    })),
  );
}

/** Three runs with different keys and steps: enough to show unions, counts and gaps. */
export function threeRuns(): Dataset {
  return project([
    {
      id: 'amber01',
      displayName: 'amber-glade-3',
      state: 'running',
      ageMinutes: 5,
      tags: ['lora', 'baseline'],
      group: 'sweep-a',
      images: { 'samples/grid': [0, 100, 200, 300], 'samples/ema': [100, 300] },
    },
    {
      id: 'brook02',
      displayName: 'brook-fern-2',
      state: 'crashed',
      ageMinutes: 300,
      user: 'Grace Hopper',
      images: { 'samples/grid': [0, 100, 250], 'val/reals': [0] },
    },
    {
      id: 'cedar03',
      displayName: 'cedar-moss-1',
      ageMinutes: 3000,
      tags: ['baseline'],
      images: { 'samples/grid': [50, 150] },
    },
  ]);
}
