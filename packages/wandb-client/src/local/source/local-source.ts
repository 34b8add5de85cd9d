import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AbortedError, NotFoundError, RunFileError, isWandbError } from '../../errors.js';
import { stepIndexFrom } from '../../images.js';
import { checkKeys, checkPerPage, checkStep, matchesSearch } from '../../internal/paging.js';
import type {
  CallOptions,
  ImageSet,
  ListRunsParams,
  MediaUrl,
  ProjectRef,
  RunImageIndex,
  RunPage,
  RunRef,
  RunSource,
  StepIndex,
} from '../../types.js';
import { afterCursor, compareRuns, directionOf, encodeCursor } from './cursor.js';
import { compileRunFilter } from '../../internal/run-filter.js';
import { checkMediaPath, openResolvedMedia, resolveMediaFile, type LocalMediaFile } from './media.js';
import { RunDirs } from './run-dirs.js';
import { groupRuns, imagesOf, latest, mediaOwner, viewRun, type RunDefaults, type RunEntry } from './run-view.js';

export interface LocalRunsOptions {
  /** A training repo (holding `wandb/`), a `wandb/` folder itself, or one run directory. */
  dir: string;
  /** Entity for runs whose records name none, as offline runs do. Default `local`. */
  entity?: string;
  /**
   * Project for runs whose records name none. Without it, such runs are `uncategorized` (wandb's
   * own default), and a run whose file cannot be read at all is listed under every project.
   */
  project?: string;
  /** A run without an exit record counts as running while its file changed this recently. Default 5 minutes. */
  staleAfterMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export interface LocalSourceStats {
  /** `.wandb` bytes parsed since the source opened, over all runs: re-reads parse only what is new. */
  bytesParsed: number;
  /** Run directories currently known. */
  runDirs: number;
}

/** A RunSource over local wandb run directories, plus what only a local source can offer. */
export interface LocalRunSource extends RunSource {
  readonly kind: 'local';
  /** The directory given to {@link openLocalRuns}, resolved. */
  readonly dir: string;
  /** The projects found in the directory, sorted. */
  projects(options?: CallOptions): Promise<ProjectRef[]>;
  /** Open one media file of a run after the same checks as {@link RunSource.mediaUrl}. */
  openMedia(ref: RunRef, path: string, options?: CallOptions): Promise<LocalMediaFile>;
  stats(): LocalSourceStats;
}

export const DEFAULT_STALE_AFTER_MS = 5 * 60 * 1000;

/**
 * Open a directory of wandb runs (`run-*` and `offline-run-*` folders) as a RunSource. Nothing
 * is read until the first call. Every call looks at the directory again: new run folders
 * appear, deleted ones vanish, and growing `.wandb` files are read from where the last call
 * stopped, so a comparison follows a training job live. Runs whose file is missing or
 * unreadable are listed with `error` set; damaged files yield every intact record plus warnings.
 */
export function openLocalRuns(options: LocalRunsOptions): LocalRunSource {
  const dir = resolve(options.dir);
  const defaults: RunDefaults = {
    entity: options.entity || 'local',
    project: options.project || null,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
  };
  const now = options.now ?? Date.now;
  const dirs = new RunDirs(dir);

  const load = async (signal: AbortSignal | undefined, runIds?: string[]): Promise<RunEntry[]> => {
    if (signal?.aborted) throw new AbortedError();
    await dirs.sync(now(), runIds);
    if (signal?.aborted) throw new AbortedError();
    return groupRuns(dirs.all(), defaults);
  };

  const inProject = (entry: RunEntry, ref: ProjectRef) =>
    (entry.entity === ref.entity || entry.entity === null) && (entry.project === ref.project || entry.project === null);

  const findRun = (entries: RunEntry[], ref: RunRef): RunEntry => {
    const found = entries.find((entry) => entry.id === ref.runId && inProject(entry, ref));
    if (!found) {
      throw new NotFoundError(
        'run',
        `${ref.entity}/${ref.project}/${ref.runId}`,
        `Run "${ref.runId}" was not found in ${ref.entity}/${ref.project} under ${dir}.`,
      );
    }
    return found;
  };

  const readableRun = (entry: RunEntry, ref: RunRef): RunEntry => {
    if (entry.segments.every((segment) => segment.file.error)) {
      throw new RunFileError(`Run "${ref.runId}" cannot be read: ${latest(entry).file.error!.message}`);
    }
    return entry;
  };

  const runEntry = async (ref: RunRef, signal: AbortSignal | undefined) =>
    readableRun(findRun(await load(signal, [ref.runId]), ref), ref);

  return {
    kind: 'local',
    dir,

    async list(params: ListRunsParams, { signal }: CallOptions = {}): Promise<RunPage> {
      const perPage = checkPerPage(params.perPage);
      const direction = directionOf(params.order);
      const matches = compileRunFilter(params.filters);
      afterCursor([], params.cursor, direction);
      const entries = await load(signal);
      if (!entries.some((entry) => entry.project === params.project && entry.entity === params.entity)) {
        const known = projectsOf(entries).map((p) => `${p.entity}/${p.project}`);
        throw new NotFoundError(
          'project',
          `${params.entity}/${params.project}`,
          `Project "${params.entity}/${params.project}" was not found in ${dir}; ${known.length > 0 ? `it holds ${known.join(', ')}` : 'it holds no runs'}.`,
        );
      }
      const at = now();
      const runs = entries
        .filter((entry) => inProject(entry, params))
        .map((entry) => viewRun(entry, params, at, defaults))
        .filter((run) => matchesSearch(run, params.search) && matches(run))
        .sort((a, b) => compareRuns(a, b, direction));
      const rest = afterCursor(runs, params.cursor, direction);
      const page = rest.slice(0, perPage);
      return {
        runs: page,
        nextCursor: rest.length > perPage ? encodeCursor(page[page.length - 1]!, direction) : null,
        total: runs.length,
      };
    },

    async get(ref, { signal } = {}) {
      const entry = findRun(await load(signal, [ref.runId]), ref);
      return viewRun(entry, ref, now(), defaults);
    },

    async keys(ref, { signal } = {}) {
      return [...imagesOf(await runEntry(ref, signal)).keys()].sort();
    },

    async steps(ref, params, { signal } = {}): Promise<StepIndex> {
      const keys = checkKeys(params.keys);
      const images = imagesOf(await runEntry(ref, signal));
      return stepIndexFrom(Object.fromEntries(keys.map((key) => [key, images.get(key)?.keys() ?? []])));
    },

    async at(ref, params, { signal } = {}): Promise<ImageSet[]> {
      const keys = checkKeys(params.keys);
      const step = checkStep(params.step);
      const images = imagesOf(await runEntry(ref, signal));
      return keys.flatMap((key) => {
        const set = images.get(key)?.get(step);
        return set ? [set] : [];
      });
    },

    async index(refs, params, { signal } = {}): Promise<RunImageIndex[]> {
      const keys = checkKeys(params.keys);
      const entries = await load(
        signal,
        refs.map((ref) => ref.runId),
      );
      return refs.map((ref) => {
        try {
          const images = imagesOf(readableRun(findRun(entries, ref), ref));
          const byKey = Object.fromEntries(
            keys.map((key) => [key, [...(images.get(key)?.values() ?? [])].sort((a, b) => a.step - b.step)]),
          );
          return { run: ref, byKey, error: null };
        } catch (error) {
          if (!isWandbError(error)) throw error;
          return { run: ref, byKey: {}, error: { code: error.code, message: error.message } };
        }
      });
    },

    async mediaUrl(ref, paths, { signal } = {}): Promise<MediaUrl[]> {
      const checked = paths.map(checkMediaPath);
      const entry = await runEntry(ref, signal);
      const urls: MediaUrl[] = [];
      for (const path of checked) {
        const target = await resolveMediaFile(ownerOf(entry, ref, path).filesDir, path, ref.runId);
        urls.push({ path, url: pathToFileURL(target).href, expiresAt: null });
      }
      return urls;
    },

    async openMedia(ref, path, { signal } = {}) {
      const checked = checkMediaPath(path);
      const entry = await runEntry(ref, signal);
      const target = await resolveMediaFile(ownerOf(entry, ref, checked).filesDir, checked, ref.runId);
      return openResolvedMedia(checked, target, ref.runId);
    },

    async projects({ signal } = {}) {
      return projectsOf(await load(signal));
    },

    stats: () => ({ bytesParsed: dirs.bytesParsed(), runDirs: dirs.size }),
  };
}

function ownerOf(entry: RunEntry, ref: RunRef, path: string) {
  const owner = mediaOwner(entry, path);
  if (!owner) {
    throw new NotFoundError(
      'file',
      path,
      `Run ${ref.runId} has no media "${path}": none of its records name that file.`,
    );
  }
  return owner;
}

function projectsOf(entries: RunEntry[]): ProjectRef[] {
  const seen = new Map<string, ProjectRef>();
  for (const { entity, project } of entries) {
    if (entity !== null && project !== null) seen.set(JSON.stringify([entity, project]), { entity, project });
  }
  return [...seen.values()].sort((a, b) => a.entity.localeCompare(b.entity) || a.project.localeCompare(b.project));
}
