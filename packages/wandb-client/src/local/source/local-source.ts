import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AbortedError, NotFoundError, RunFileError, isWandbError } from '../../errors.js';
import { stepIndexFrom } from '../../images.js';
import { checkKeys, checkPerPage, checkStep } from '../../internal/paging.js';
import { checkAxisKey, checkHistoryAtParams, checkHistoryParams } from '../../scalars/params.js';
import { STEP_KEY } from '../../scalars/row-value.js';
import { matchesRunSearch } from '../../run-search.js';
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
import { ForegroundGate } from '../index/foreground.js';
import { DEFAULT_READ_WINDOWS, type ReadWindows } from '../index/run-file.js';
import { BackgroundIndexing } from './background-index.js';
import { checkMediaPath, openResolvedMedia, resolveMediaFile, type LocalMediaFile } from './media.js';
import { RunDirs } from './run-dirs.js';
import { ScalarScans } from './scalar-scan.js';
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
  /**
   * How much of a large run file `list` and `get` read before the file is read whole: its start
   * and its end (see {@link ReadWindows}). Files no larger than both together are read whole at once.
   */
  readWindows?: Partial<ReadWindows>;
  /**
   * Read the files listed from their ends in the background, one at a time, pausing while other
   * calls run. Default true. Off, a file is read whole only when its images are asked for.
   */
  backgroundIndexing?: boolean;
  /** The clock, for tests. */
  now?: () => number;
}

export interface LocalSourceStats {
  /** `.wandb` bytes parsed since the source opened, over all runs: re-reads parse only what is new. */
  bytesParsed: number;
  /** `.wandb` bytes read from disk since the source opened, over all runs. */
  bytesRead: number;
  /** Run directories currently known. */
  runDirs: number;
  /** Run files known from their start and end only, not read whole yet. */
  partialRuns: number;
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
  /**
   * Read every run file whole now (newest run first, pausing for other calls), and resolve when
   * all are: the answers of `list` and `get` are then final. Aborting stops the wait.
   */
  indexAll(options?: CallOptions): Promise<void>;
  stats(): LocalSourceStats;
}

export const DEFAULT_STALE_AFTER_MS = 5 * 60 * 1000;

/**
 * Open a directory of wandb runs (`run-*` and `offline-run-*` folders) as a RunSource. Nothing
 * is read until the first call. Every call looks at the directory again: new run folders
 * appear, deleted ones vanish, and growing `.wandb` files are read from where the last call
 * stopped, so a comparison follows a training job live. Runs whose file is missing or
 * unreadable are listed with `error` set; damaged files yield every intact record plus warnings.
 *
 * `list` and `get` read a large file's start and end only (run record, config, exit, summary,
 * last rows); such a run carries a `provisional` warning until the file has been read whole,
 * which happens in the background and whenever a run's images are asked for.
 */
export function openLocalRuns(options: LocalRunsOptions): LocalRunSource {
  const dir = resolve(options.dir);
  const defaults: RunDefaults = {
    entity: options.entity || 'local',
    project: options.project || null,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
  };
  const now = options.now ?? Date.now;
  const gate = new ForegroundGate();
  const dirs = new RunDirs(dir, { windows: { ...DEFAULT_READ_WINDOWS, ...options.readWindows }, gate });
  const background = new BackgroundIndexing(() => dirs.unindexed());

  // Background indexing pauses between windows while a call reads (gate.run).
  const load = (signal: AbortSignal | undefined, runIds?: string[]): Promise<RunEntry[]> =>
    gate.run(async () => {
      if (signal?.aborted) throw new AbortedError();
      await dirs.sync(now(), runIds);
      if (signal?.aborted) throw new AbortedError();
      if (options.backgroundIndexing !== false) background.start();
      return groupRuns(dirs.all(), defaults);
    });

  /** Read the files of `entries` whole (their images are wanted), two at a time. */
  const readWhole = (entries: RunEntry[], signal: AbortSignal | undefined): Promise<void> =>
    gate.run(async () => {
      const files = entries.flatMap((entry) => entry.segments.map((segment) => segment.file));
      let next = 0;
      const worker = async () => {
        while (next < files.length) await files[next++]!.indexFully(signal);
      };
      await Promise.all([worker(), worker()]);
    });

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

  /** A run whose images are wanted: its files read whole. */
  const runEntry = (ref: RunRef, signal: AbortSignal | undefined) =>
    gate.run(async () => {
      const entry = findRun(await load(signal, [ref.runId]), ref);
      await readWhole([entry], signal);
      return readableRun(entry, ref);
    });

  const scans = new ScalarScans();
  /** A run whose scalar history is wanted: listed (its files need not be read whole for it). */
  const scannableRun = (ref: RunRef, signal: AbortSignal | undefined) =>
    gate.run(async () => readableRun(findRun(await load(signal, [ref.runId]), ref), ref));
  const scalarColumns = (entry: RunEntry, keys: string[], signal: AbortSignal | undefined) =>
    gate.run(() =>
      scans.columns(
        entry.segments.map((segment) => segment.file),
        keys,
        signal,
      ),
    );

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
        .filter((run) => matchesRunSearch(run, params.search) && matches(run))
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
      const axis = checkAxisKey(params.axis);
      const entry = await runEntry(ref, signal);
      const images = imagesOf(entry);
      const index = stepIndexFrom(Object.fromEntries(keys.map((key) => [key, images.get(key)?.keys() ?? []])));
      if (axis === null) return index;
      const column = (await scalarColumns(entry, [axis], signal)).get(axis)!;
      return { ...index, axis: { key: axis, values: index.steps.map((step) => column.exactly(step) ?? null) } };
    },

    async scalarKeys(ref, { signal } = {}) {
      const entry = await runEntry(ref, signal);
      const keys = new Set(entry.segments.flatMap((segment) => segment.file.index.numericKeys()));
      keys.delete(STEP_KEY);
      return [...keys].sort();
    },

    async history(ref, params, { signal } = {}) {
      const { keys, samples } = checkHistoryParams(params);
      const columns = await scalarColumns(await scannableRun(ref, signal), keys, signal);
      return { byKey: Object.fromEntries(keys.map((key) => [key, columns.get(key)!.series(samples)])) };
    },

    async historyAt(ref, params, { signal } = {}) {
      const { keys, step } = checkHistoryAtParams(params);
      const columns = await scalarColumns(await scannableRun(ref, signal), keys, signal);
      return { step, byKey: Object.fromEntries(keys.map((key) => [key, columns.get(key)!.at(step)])) };
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
      const entries = await gate.run(async () => {
        const all = await load(
          signal,
          refs.map((ref) => ref.runId),
        );
        const wanted = refs.flatMap((ref) => all.filter((entry) => entry.id === ref.runId && inProject(entry, ref)));
        await readWhole(wanted, signal);
        return all;
      });
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
        const { filesDir } = ownerOf(entry, ref, path);
        try {
          const target = await resolveMediaFile(filesDir, path, ref.runId);
          urls.push({ path, url: pathToFileURL(target).href, expiresAt: null, missing: null });
        } catch (error) {
          // The run names the file, but it is not on disk (the run stopped before writing it).
          if (!(error instanceof NotFoundError)) throw error;
          urls.push({ path, url: null, expiresAt: null, missing: { code: 'not_uploaded', message: error.message } });
        }
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

    async indexAll({ signal } = {}) {
      await load(signal);
      background.start();
      await background.idle(signal);
    },

    stats: () => ({
      bytesParsed: dirs.bytesParsed(),
      bytesRead: dirs.bytesRead(),
      runDirs: dirs.size,
      partialRuns: dirs.unindexed().length,
    }),
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
