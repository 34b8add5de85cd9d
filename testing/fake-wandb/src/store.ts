import { createHash } from 'node:crypto';
import { toWandbJson, type Dataset, type DatasetRun } from '@run-comparer/wandb-client';
import { summaryOf } from './summary.js';
import { historyKeysOf, type HistoryKeysJson } from './history.js';

export interface StoredFile {
  name: string;
  bytes: Uint8Array;
  /** Base64 MD5, as wandb reports it. */
  md5: string;
  mimetype: string;
}

/** One run as the server holds it, with the derived fields computed once. */
export class StoredRun {
  readonly data: DatasetRun;
  readonly entity: string;
  readonly project: string;
  #historyKeys: HistoryKeysJson | undefined;
  #files: Map<string, StoredFile> | undefined;

  constructor(data: DatasetRun, entity: string, project: string) {
    this.data = data;
    this.entity = entity;
    this.project = project;
  }

  get historyKeys(): HistoryKeysJson {
    return (this.#historyKeys ??= historyKeysOf(this.data.history));
  }

  /**
   * `config` JSONString: every value wrapped as `{ value, desc }`, plus wandb's own `_wandb` entry,
   * which also holds what the dataset's `_wandb` gives (the class labels of boxes and masks).
   */
  get configJson(): string {
    const { _wandb: bookkeeping, ...config } = this.data.config ?? {};
    const extra = typeof bookkeeping === 'object' && bookkeeping !== null ? bookkeeping : {};
    const wrapped: Record<string, unknown> = {
      _wandb: { desc: null, value: { cli_version: '0.28.2', python_version: '3.12.4', ...extra } },
    };
    for (const [key, value] of Object.entries(config)) wrapped[key] = { desc: null, value };
    return toWandbJson(wrapped, { compact: true });
  }

  /** `summaryMetrics` JSONString: last history values and explicit summary, plus `_wandb.runtime`; NaN stays NaN. */
  get summaryJson(): string {
    const summary = summaryOf(this.data);
    const runtime = typeof summary._runtime === 'number' ? Math.round(summary._runtime) : 0;
    return toWandbJson({ ...summary, _wandb: { runtime } }, { compact: true });
  }

  get files(): Map<string, StoredFile> {
    this.#files ??= new Map(
      Object.entries(this.data.files ?? {}).map(([name, bytes]) => [
        name,
        { name, bytes, md5: md5Of(bytes), mimetype: mimetypeOf(name) },
      ]),
    );
    return this.#files;
  }
}

/** Datasets may share one byte array across many paths (the team-scale workload): hash each once. */
const md5s = new WeakMap<Uint8Array, string>();
function md5Of(bytes: Uint8Array): string {
  let md5 = md5s.get(bytes);
  if (md5 === undefined) md5s.set(bytes, (md5 = createHash('md5').update(bytes).digest('base64')));
  return md5;
}

export class StoredProject {
  readonly entity: string;
  readonly name: string;
  readonly internalId: string;
  readonly runs: StoredRun[] = [];

  constructor(entity: string, name: string, internalId: string) {
    this.entity = entity;
    this.name = name;
    this.internalId = internalId;
  }
}

/** All projects of the datasets the fake serves, looked up like wandb does: by entity and project name. */
export class Store {
  readonly projects: StoredProject[] = [];

  constructor(datasets: Dataset[]) {
    for (const dataset of datasets) {
      let project = this.project(dataset.entity, dataset.project);
      if (!project) {
        project = new StoredProject(dataset.entity, dataset.project, String(this.projects.length + 1));
        this.projects.push(project);
      }
      for (const run of dataset.runs) project.runs.push(new StoredRun(run, dataset.entity, dataset.project));
    }
  }

  project(entity: string | null | undefined, name: string): StoredProject | null {
    const candidates = this.projects.filter((p) => p.name === name && (entity == null || p.entity === entity));
    return candidates.length === 1 ? candidates[0]! : null;
  }

  run(entity: string, project: string, runId: string): StoredRun | null {
    return this.project(entity, project)?.runs.find((r) => r.data.id === runId) ?? null;
  }

  /** Runs created, changed (e.g. finished) or deleted while the fake serves: a live project. */
  readonly live: LiveRuns = {
    add: (entity, project, run) => {
      const target = this.project(entity, project);
      if (!target) throw new Error(`no project ${entity}/${project}`);
      target.runs.push(new StoredRun(run, entity, project));
    },
    update: (entity, project, runId, change) => {
      const runs = this.project(entity, project)?.runs ?? [];
      const index = runs.findIndex((r) => r.data.id === runId);
      if (index < 0) throw new Error(`no run ${entity}/${project}/${runId}`);
      runs[index] = new StoredRun({ ...runs[index]!.data, ...change }, entity, project);
    },
    remove: (entity, project, runId) => {
      const runs = this.project(entity, project)?.runs ?? [];
      const index = runs.findIndex((r) => r.data.id === runId);
      if (index < 0) throw new Error(`no run ${entity}/${project}/${runId}`);
      runs.splice(index, 1);
    },
  };
}

export interface LiveRuns {
  add(entity: string, project: string, run: DatasetRun): void;
  update(entity: string, project: string, runId: string, change: Partial<DatasetRun>): void;
  remove(entity: string, project: string, runId: string): void;
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  mp4: 'video/mp4',
  webm: 'video/webm',
  ogg: 'video/ogg',
  json: 'application/json',
  txt: 'text/plain',
};

export function mimetypeOf(name: string): string {
  return MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
