import { NotFoundError } from '../errors.js';
import { imageSetFromValue, mimeTypeOf, stepIndexFrom } from '../images.js';
import { classLabelsFromConfig } from '../media-values/class-labels.js';
import { mediaPathsOf } from '../media-values/media-paths.js';
import { withSummaryMedia } from '../media-values/summary-media.js';
import {
  checkKeys,
  checkPerPage,
  checkStep,
  decodeOffsetCursor,
  encodeOffsetCursor,
  sortRuns,
} from '../internal/paging.js';
import { matchesRunSearch } from '../run-search.js';
import { compileRunFilter } from '../internal/run-filter.js';
import type {
  CallOptions,
  ImageSet,
  ListRunsParams,
  MediaUrl,
  ProjectRef,
  Run,
  RunImageIndex,
  RunPage,
  RunRef,
  RunSource,
  StepIndex,
} from '../types.js';
import { checkAxisKey, checkHistoryAtParams, checkHistoryParams } from '../scalars/params.js';
import { summaryOf, type Dataset, type DatasetRun } from './dataset.js';
import { MemoryScalars } from './memory-scalars.js';

export interface MemorySourceOptions {
  /**
   * Where media are served from: `${mediaBaseUrl}/${runId}/${path}`. Without it, media come back
   * as `data:` URLs built from each run's `files`.
   */
  mediaBaseUrl?: string;
  /** Milliseconds to wait before each answer, to show loading states in demos and stories. */
  latencyMs?: number;
}

interface IndexedRun {
  run: Run;
  data: DatasetRun;
  /** key -> step -> media set, summary-only keys included */
  images: Map<string, Map<number, ImageSet>>;
  /** Every file the run's media values name; built on the first media request. */
  mediaPaths?: Set<string>;
  scalars: MemoryScalars;
}

/**
 * A RunSource over datasets held in memory: for tests, stories and demos that must not touch the
 * network. Answers exactly as the other sources do, errors included.
 */
export function createMemorySource(datasets: Dataset | Dataset[], options: MemorySourceOptions = {}): RunSource {
  const projects = new Map<string, Map<string, IndexedRun>>();
  for (const dataset of Array.isArray(datasets) ? datasets : [datasets]) {
    const runs = new Map<string, IndexedRun>();
    for (const data of dataset.runs) runs.set(data.id, indexRun(dataset, data));
    projects.set(projectKey(dataset), runs);
  }

  const settle = async (signal: AbortSignal | undefined) => {
    signal?.throwIfAborted();
    if (options.latencyMs) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, options.latencyMs);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    }
  };

  const projectRuns = (ref: ProjectRef): Map<string, IndexedRun> => {
    const runs = projects.get(projectKey(ref));
    if (!runs) throw new NotFoundError('project', `${ref.entity}/${ref.project}`);
    return runs;
  };

  const runOf = (ref: RunRef): IndexedRun => {
    const found = projectRuns(ref).get(ref.runId);
    if (!found) throw new NotFoundError('run', `${ref.entity}/${ref.project}/${ref.runId}`);
    return found;
  };

  return {
    kind: 'memory',

    async list(params: ListRunsParams, { signal }: CallOptions = {}): Promise<RunPage> {
      const perPage = checkPerPage(params.perPage);
      const offset = decodeOffsetCursor(params.cursor);
      const matches = compileRunFilter(params.filters);
      await settle(signal);
      const all = [...projectRuns(params).values()]
        .map((r) => r.run)
        .filter((r) => matchesRunSearch(r, params.search) && matches(r));
      const sorted = sortRuns(all, params.order);
      const runs = sorted.slice(offset, offset + perPage);
      const next = offset + perPage;
      return { runs, nextCursor: next < sorted.length ? encodeOffsetCursor(next) : null, total: sorted.length };
    },

    async get(ref, { signal } = {}) {
      await settle(signal);
      return runOf(ref).run;
    },

    async keys(ref, { signal } = {}) {
      await settle(signal);
      return [...runOf(ref).images.keys()].sort();
    },

    async steps(ref, params, { signal } = {}): Promise<StepIndex> {
      const keys = checkKeys(params.keys);
      const axis = checkAxisKey(params.axis);
      await settle(signal);
      const { images, scalars } = runOf(ref);
      const index = stepIndexFrom(Object.fromEntries(keys.map((key) => [key, images.get(key)?.keys() ?? []])));
      return axis === null ? index : { ...index, axis: scalars.axis(axis, index.steps) };
    },

    async scalarKeys(ref, { signal } = {}) {
      await settle(signal);
      return runOf(ref).scalars.keys();
    },

    async history(ref, params, { signal } = {}) {
      const { keys, samples } = checkHistoryParams(params);
      await settle(signal);
      return runOf(ref).scalars.history(keys, samples);
    },

    async historyAt(ref, params, { signal } = {}) {
      const { keys, step } = checkHistoryAtParams(params);
      await settle(signal);
      return runOf(ref).scalars.at(keys, step);
    },

    async at(ref, params, { signal } = {}) {
      const keys = checkKeys(params.keys);
      const step = checkStep(params.step);
      await settle(signal);
      const { images } = runOf(ref);
      return keys.flatMap((key) => {
        const set = images.get(key)?.get(step);
        return set ? [set] : [];
      });
    },

    async index(refs, params, { signal } = {}): Promise<RunImageIndex[]> {
      const keys = checkKeys(params.keys);
      await settle(signal);
      return refs.map((ref) => {
        try {
          const { images } = runOf(ref);
          const byKey = Object.fromEntries(
            keys.map((key) => [key, [...(images.get(key)?.values() ?? [])].sort((a, b) => a.step - b.step)]),
          );
          return { run: ref, byKey, error: null };
        } catch (error) {
          return { run: ref, byKey: {}, error: { code: 'not_found', message: (error as Error).message } };
        }
      });
    },

    async mediaUrl(ref, paths, { signal } = {}): Promise<MediaUrl[]> {
      await settle(signal);
      const indexed = runOf(ref);
      const { data } = indexed;
      return paths.map((path) => {
        const bytes = data.files?.[path];
        if (options.mediaBaseUrl) {
          const url = `${options.mediaBaseUrl.replace(/\/$/, '')}/${encodeURIComponent(ref.runId)}/${path
            .split('/')
            .map(encodeURIComponent)
            .join('/')}`;
          if (!bytes && !isReferenced(indexed, path)) throw new NotFoundError('file', path);
          return { path, url, expiresAt: null, missing: null };
        }
        if (bytes) {
          return { path, url: `data:${mimeTypeOf(path)};base64,${toBase64(bytes)}`, expiresAt: null, missing: null };
        }
        if (!isReferenced(indexed, path))
          throw new NotFoundError('file', path, `Run ${ref.runId} has no file "${path}".`);
        // History names it, but the dataset holds no bytes: as a run that never uploaded the file.
        const message = `Run ${ref.runId} logged "${path}" but its file was never uploaded.`;
        return { path, url: null, expiresAt: null, missing: { code: 'not_uploaded' as const, message } };
      });
    },
  };
}

function indexRun(project: ProjectRef, data: DatasetRun): IndexedRun {
  const images = new Map<string, Map<number, ImageSet>>();
  for (const row of data.history) {
    for (const [key, value] of Object.entries(row)) {
      const set = imageSetFromValue(key, row._step, value);
      if (!set) continue;
      let byStep = images.get(key);
      if (!byStep) images.set(key, (byStep = new Map()));
      byStep.set(row._step, set);
    }
  }
  const last = data.history.at(-1);
  const lastStep = last ? last._step : null;
  const summary = summaryOf(data);
  const { _wandb: wandbConfig, ...config } = data.config ?? {};
  const classLabels = classLabelsFromConfig(wandbConfig);
  const run: Run = {
    id: data.id,
    entity: project.entity,
    project: project.project,
    displayName: data.displayName,
    state: data.state,
    createdAt: data.createdAt,
    heartbeatAt: data.heartbeatAt ?? null,
    user: data.user ?? null,
    tags: data.tags ?? [],
    group: data.group ?? null,
    jobType: data.jobType ?? null,
    notes: data.notes ?? null,
    config,
    summary,
    lastStep,
    warnings: [],
    error: null,
    ...(classLabels ? { classLabels } : {}),
  };
  return { run, data, images: withSummaryMedia(images, summary, lastStep), scalars: new MemoryScalars(data) };
}

function isReferenced(indexed: IndexedRun, path: string): boolean {
  if (!indexed.mediaPaths) {
    indexed.mediaPaths = new Set();
    for (const byStep of indexed.images.values())
      for (const set of byStep.values()) for (const named of mediaPathsOf(set)) indexed.mediaPaths.add(named);
  }
  return indexed.mediaPaths.has(path);
}

function projectKey(ref: ProjectRef): string {
  return `${ref.entity}/${ref.project}`;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
