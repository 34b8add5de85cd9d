/**
 * The data model shared by every source (wandb cloud, local `.wandb` directories, a Run Comparer
 * server, in-memory datasets). Components and servers depend only on these types and on
 * {@link RunSource}, never on one source's internals.
 */

/** A wandb project, addressed as `entity/project`. */
export interface ProjectRef {
  entity: string;
  project: string;
}

/** One run, addressed by its run id (the slug in wandb URLs, e.g. `1ht5692d`). */
export interface RunRef extends ProjectRef {
  runId: string;
}

/** Options every call accepts. Aborting the signal cancels the request (and its retries). */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

import type { RunState } from './run-states.js';
import type { ImageCrop, ImageOverlays, MediaClassLabels, MediaKind, MediaValueType } from './media-types.js';

export type { RunState } from './run-states.js';
export type * from './media-types.js';

export interface RunUser {
  name: string | null;
  username: string | null;
}

/** A problem with one run that did not stop it from loading (e.g. a truncated local file). */
export interface RunIssue {
  code: string;
  message: string;
}

export interface Run {
  /** The run id used in URLs and in every {@link RunRef} (wandb's GraphQL `name`). */
  id: string;
  entity: string;
  project: string;
  /** The human-readable name (wandb's `displayName`, e.g. `amber-glade-100`). */
  displayName: string;
  state: RunState;
  /** ISO 8601 creation time. */
  createdAt: string;
  /** ISO 8601 time of the last sign of life, where the source knows it. */
  heartbeatAt: string | null;
  user: RunUser | null;
  tags: string[];
  group: string | null;
  jobType: string | null;
  notes: string | null;
  /** Parsed config with wandb's `{value, desc}` wrappers unwrapped and `_wandb` removed. */
  config: Record<string, unknown>;
  /** Parsed summary metrics (the last value of each history key, plus explicit summary values). */
  summary: Record<string, unknown>;
  /** The last history step, or null when unknown or the run has no history. */
  lastStep: number | null;
  /** Problems that did not stop the run from loading: damaged tails, unreadable records. */
  warnings: RunIssue[];
  /** Set when the run could not be read at all; the other fields are then best effort. */
  error: RunIssue | null;
  /**
   * Class names of the boxes and masks its images carry, from wandb's bookkeeping in the config;
   * absent when the run recorded none (or in a light listing).
   */
  classLabels?: MediaClassLabels;
  /**
   * `light` when `config`, `summary` and `lastStep` were left out (wandb cloud listings, as wandb's
   * own SDK lists runs): they are then `{}`, `{}` and null; `get()` loads the run in full.
   */
  detail?: 'light';
}

export type RunOrder = '-created_at' | '+created_at' | (string & {});

export interface ListRunsParams extends ProjectRef {
  /** Page size, 1..1000. Default 20. */
  perPage?: number;
  /** The `nextCursor` of the previous page; omit for the first page. */
  cursor?: string | null;
  /** wandb order string; default `-created_at` (newest first). */
  order?: RunOrder;
  /** A wandb (MongoDB-style) run filter, e.g. `{ state: 'finished' }` or `{ tags: { $in: ['x'] } }`. */
  filters?: Record<string, unknown>;
  /** Case-insensitive text matched against display name, run id, tags, group and user. */
  search?: string;
  /**
   * `light` (the cloud's default) lists runs without config, summary and last step, which can be
   * large; `full` loads them for every run of the page. Sources that hold runs in hand always list them in full.
   */
  detail?: 'light' | 'full';
}

export interface RunPage {
  runs: Run[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  /** Total runs matching the filters, where the source knows it. */
  total: number | null;
}

export interface ImageRef {
  /** Path relative to the run's files root, e.g. `media/images/samples/grid_40_<hash>.png`. */
  path: string;
  /** The caption (often the prompt), or null. */
  caption: string | null;
  width: number | null;
  height: number | null;
  /** File format as logged: `png`, `jpg`, `jpeg`, `gif`, `bmp`, ... */
  format: string | null;
  /** Position in the logged list; 0 for a single image. */
  index: number;
  /** Hex sha256 of the file bytes where history recorded it (single images only). */
  sha256: string | null;
  /** `video` for a `wandb.Video` (`format` gif, mp4, webm or ogg), else `image`. */
  kind: MediaKind;
  /** Set on a tile of a legacy sprite: show only this rectangle of the image at `path`. */
  crop?: ImageCrop;
  /** Set when boxes or masks were logged with the image (see `loadOverlays`). */
  overlays?: ImageOverlays;
}

export interface ImageSet {
  key: string;
  step: number;
  /** The `_type` of the logged value. */
  type: MediaValueType;
  images: ImageRef[];
  /** Set when the value cannot be shown (a table, audio, an image kept in an artifact); `images` is then empty. */
  unsupported: string | null;
  /**
   * Set when the key holds media only in the run's summary (`run.summary["best"] = wandb.Image(...)`):
   * the set is shown at the run's last step, the only step of that key.
   */
  fromSummary?: true;
}

/**
 * A step list known to be short: the source counted more image rows than it could read (wandb's
 * `historyKeys` counts against what `sampledHistory` returned), or kept getting sampled-down answers.
 */
export interface IncompleteSteps {
  /** Image rows the source counted over `keys`; null when it could not count them. */
  expectedRows: number | null;
  /** Image rows it read over `keys`. */
  receivedRows: number;
  /** The keys that came back short. */
  keys: string[];
  /** The same for people, e.g. "Some steps may be missing: wandb returned 180 of 200 image rows (samples/grid)." */
  message: string;
}

export interface StepIndex {
  /** Sorted ascending, unique: every step at which any of the keys holds an image. */
  steps: number[];
  /** Per key, its sorted steps. Keys with no images map to `[]`. */
  byKey: Record<string, number[]>;
  /** Present when `steps` was asked with an `axis`: that key's value in each image step's row. */
  axis?: StepAxis;
  /** Set when the steps are known to be short of what the source counted; absent or null when complete. */
  incomplete?: IncompleteSteps | null;
  /** What the source skipped while reading (odd entries, unreadable rows); absent when nothing was. */
  warnings?: RunIssue[];
}

export interface RunImageIndex {
  run: RunRef;
  /** Per key, the image sets in step order. */
  byKey: Record<string, ImageSet[]>;
  /** Set when this run could not be indexed; the other runs still are. */
  error: RunIssue | null;
  /** Set when the image sets are known to be short of what the source counted; absent or null when complete. */
  incomplete?: IncompleteSteps | null;
  /** What the source skipped while reading (odd entries, unreadable rows); absent when nothing was. */
  warnings?: RunIssue[];
}

/**
 * Where one media path of a run can be loaded from, or why it cannot: one per path asked for, so a
 * file a run never uploaded (it crashed, or is still uploading) leaves the other paths usable.
 */
export type MediaUrl = MediaFound | MediaMissing;

export interface MediaFound {
  path: string;
  /** A URL the caller can load without wandb credentials (signed, file:, or a server route). */
  url: string;
  /** ISO 8601 time after which `url` stops working; null when it does not expire. */
  expiresAt: string | null;
  missing: null;
}

export interface MediaMissing {
  path: string;
  url: null;
  expiresAt: null;
  /** Why there is no file: `not_uploaded` when the run names the path but its file is not there (yet). */
  missing: RunIssue & { code: 'not_uploaded' };
}

/** `refresh`: the URL given before failed to load (e.g. its signature expired); ask again instead of reusing it. */
export interface MediaUrlOptions extends CallOptions {
  refresh?: boolean;
}

/**
 * The values of a scalar key (`epoch`, `trainer/global_step`, `_runtime`, ...) in the history rows
 * of image steps, so images can be placed on that axis instead of `_step` (see `alignOnAxis`).
 */
export interface StepAxis {
  key: string;
  /** `values[i]` is the key's value in the row of `steps[i]`; null where that row did not log a number under it. */
  values: Array<number | null>;
}

/** `steps(ref, { keys, axis })`: `axis` names a scalar key whose value each image step's row carries. */
export interface StepsParams {
  keys: string[];
  axis?: string | undefined;
}

/** One logged value of a scalar history key: `[step, value]`; NaN and ±Infinity stay as logged. */
export type ScalarPoint = [step: number, value: number];

export interface ScalarSeries {
  /** In step order. At most the `samples` asked for: first and last kept, and each stretch's lowest and highest. */
  points: ScalarPoint[];
  /** True when the key logged more values than `points` holds (the series was sampled down). */
  sampled: boolean;
}

/** `history(ref, { keys, samples })`. */
export interface HistoryParams {
  /** Scalar history keys, e.g. `['train/loss', 'eval/fid']`; 1..64 of them. */
  keys: string[];
  /** Most points per key, 2..2000. Default {@link DEFAULT_HISTORY_SAMPLES} (500), enough for a sparkline. */
  samples?: number | undefined;
}

export interface ScalarHistory {
  /** Per key asked for, its series; a key the run never logged a number under has no points. */
  byKey: Record<string, ScalarSeries>;
  /** What the source skipped or could not read; absent when nothing was. */
  warnings?: RunIssue[];
}

/** `historyAt(ref, { keys, step })`. */
export interface HistoryAtParams {
  keys: string[];
  step: number;
}

/** A key's value at a step: logged at `step` itself, or at the nearest earlier step that logged it. */
export interface ScalarAt {
  /** The step the value was logged at: the step asked for, or an earlier one ("nearest earlier"). */
  step: number;
  value: number;
}

export interface ScalarsAt {
  /** The step asked for. */
  step: number;
  /** Per key asked for: its value at `step` or the nearest earlier step that logged it; null when none did. */
  byKey: Record<string, ScalarAt | null>;
  /** What the source skipped or could not read; absent when nothing was. */
  warnings?: RunIssue[];
}

export type SourceKind = 'cloud' | 'local' | 'http' | 'memory';

/**
 * What every source of runs and images can do. The cloud client, local directories, the HTTP
 * source (a Run Comparer server) and in-memory datasets all implement it, so components and
 * servers work the same against any of them.
 */
export interface RunSource {
  readonly kind: SourceKind;
  /** A page of a project's runs, newest first by default. */
  list(params: ListRunsParams, options?: CallOptions): Promise<RunPage>;
  /** One run; throws a NotFoundError naming the run when it does not exist. */
  get(ref: RunRef, options?: CallOptions): Promise<Run>;
  /** History keys that hold images (single images, lists, and legacy sprites), sorted. */
  keys(ref: RunRef, options?: CallOptions): Promise<string[]>;
  /**
   * Every step at which the given keys hold images: complete, never sampled down. With `axis`, also
   * that scalar key's value in each image step's row (`StepIndex.axis`); a step whose row lacks it is kept, with null.
   */
  steps(ref: RunRef, params: StepsParams, options?: CallOptions): Promise<StepIndex>;
  /** The images at exactly `step`, one ImageSet per key that has one there. */
  at(ref: RunRef, params: { keys: string[]; step: number }, options?: CallOptions): Promise<ImageSet[]>;
  /** History keys that hold numbers (metrics, `epoch`, `_runtime`, ...), sorted: candidates for `history` and for an axis. */
  scalarKeys(ref: RunRef, options?: CallOptions): Promise<string[]>;
  /** Per key, the run's whole scalar history sampled down to at most `samples` points (a sparkline). */
  history(ref: RunRef, params: HistoryParams, options?: CallOptions): Promise<ScalarHistory>;
  /** Per key, the exact value at `step`, or at the nearest earlier step that logged it (with that step). */
  historyAt(ref: RunRef, params: HistoryAtParams, options?: CallOptions): Promise<ScalarsAt>;
  /** The whole image index of many runs at once: per run, per key, per step, the images. */
  index(refs: RunRef[], params: { keys: string[] }, options?: CallOptions): Promise<RunImageIndex[]>;
  /**
   * For each media path of one run, in order: a URL a browser can load without wandb credentials,
   * or (`url: null`, `missing`) why the run has no such file. Sources that can tell a path is not
   * the run's at all may throw a NotFoundError instead.
   */
  mediaUrl(ref: RunRef, paths: string[], options?: MediaUrlOptions): Promise<MediaUrl[]>;
  /**
   * A URL of a smaller copy of the image at `url` (a URL this source gave) to show `cssWidth` CSS
   * pixels wide on a screen of `pixelRatio`. Only sources whose server resizes images have it (the
   * HTTP source); with the others, show `url` itself.
   */
  thumbnailUrl?(url: string, cssWidth: number, pixelRatio?: number): string;
}
