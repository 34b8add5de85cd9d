import { isWandbError } from '../errors.js';
import type { BoundingBox, ClassLabel } from '../media-types.js';
import type { CallOptions, ImageRef, MediaUrl, Run, RunIssue, RunRef, RunSource } from '../types.js';
import { parseWandbJson } from '../wandb-json.js';
import { parseBoxFile, withDefaultLabels } from './boxes.js';
import { classLabelsFor } from './class-labels.js';

export interface LoadOverlaysOptions extends CallOptions {
  /** The run, when in hand: a fully loaded run names the classes without another request. */
  run?: Run;
  /** The fetch that loads box files from media URLs; the platform's by default. */
  fetch?: typeof fetch;
}

/** One set of boxes, read from its file, with the names of its classes. */
export interface BoxLayer {
  name: string;
  boxes: BoundingBox[];
  /**
   * Every class the boxes use, with its name: the labels logged with the boxes, else those wandb
   * kept in the run's config, and `class_<id>` (wandb's default) for ids neither names.
   */
  classLabels: ClassLabel[];
}

/** One mask: load `url` as an image; each pixel's value is a class id. */
export interface MaskLayer {
  name: string;
  path: string;
  /** Null when the run never uploaded the file (then `problems` says so). */
  url: string | null;
  /** The names the run recorded; ids they do not name are `class_<id>` (wandb's default). */
  classLabels: ClassLabel[];
}

export interface LoadedOverlays {
  boxes: BoxLayer[];
  masks: MaskLayer[];
  /** Layers that could not be loaded, each saying which and why; the other layers are there. */
  problems: RunIssue[];
}

/** A source that reads a run's media itself (the local source), for `file:` URLs fetch cannot load. */
interface OpensMedia {
  openMedia(ref: RunRef, path: string, options?: CallOptions): Promise<{ read(): Promise<Uint8Array> }>;
}

/**
 * The boxes (read from their JSON files and parsed) and masks (their URLs) of one image of run
 * `ref`, logged under `key`, with the names of their classes, for a viewer to draw. A layer whose
 * file is missing or unreadable is left out and named in `problems`; aborting rejects with the abort.
 */
export async function loadOverlays(
  source: RunSource,
  ref: RunRef,
  key: string,
  image: ImageRef,
  options: LoadOverlaysOptions = {},
): Promise<LoadedOverlays> {
  const { signal } = options;
  const overlays = image.overlays ?? { boxes: [], masks: [] };
  const files = [
    ...overlays.boxes.flatMap((layer) => (layer.path ? [layer.path] : [])),
    ...overlays.masks.map((m) => m.path),
  ];
  const urls = new Map<string, MediaUrl>();
  if (files.length > 0) for (const url of await source.mediaUrl(ref, files, { signal })) urls.set(url.path, url);

  let runLabels: Promise<Run['classLabels']> | null = null;
  const recorded = (kind: 'boxes' | 'masks', layer: string) => {
    runLabels ??=
      options.run && options.run.detail !== 'light'
        ? Promise.resolve(options.run.classLabels)
        : source.get(ref, { signal }).then(
            (run) => run.classLabels,
            // Without the run, layers keep the labels of their own files and wandb's defaults.
            (error: unknown) => {
              if (signal?.aborted) throw error;
              return undefined;
            },
          );
    return runLabels.then((labels) => classLabelsFor(labels, kind, key, layer));
  };

  const problems: RunIssue[] = [];
  const boxes: BoxLayer[] = [];
  for (const layer of overlays.boxes) {
    let read: { boxes: BoundingBox[]; classLabels: ClassLabel[] | null };
    if (layer.path === null) {
      read = { boxes: layer.boxes ?? [], classLabels: null };
    } else {
      try {
        read = parseBoxFile(await readJson(source, ref, urls.get(layer.path), layer.path, options));
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        problems.push(layerProblem('boxes', key, layer.name, layer.path, error));
        continue;
      }
    }
    const labels = read.classLabels ?? (await recorded('boxes', layer.name)) ?? [];
    const ids = read.boxes.flatMap((box) => (box.classId === null ? [] : [box.classId]));
    boxes.push({ name: layer.name, boxes: read.boxes, classLabels: withDefaultLabels(labels, ids) });
  }

  const masks: MaskLayer[] = [];
  for (const layer of overlays.masks) {
    const url = urls.get(layer.path);
    if (!url?.url) problems.push(layerProblem('mask', key, layer.name, layer.path, url?.missing?.message ?? null));
    masks.push({
      name: layer.name,
      path: layer.path,
      url: url?.url ?? null,
      classLabels: (await recorded('masks', layer.name)) ?? [],
    });
  }
  return { boxes, masks, problems };
}

async function readJson(
  source: RunSource,
  ref: RunRef,
  media: MediaUrl | undefined,
  path: string,
  { signal, fetch: fetchFn = globalThis.fetch }: LoadOverlaysOptions,
): Promise<unknown> {
  if (!media || media.url === null) throw new Error(media?.missing.message ?? `the run has no file "${path}"`);
  let bytes: Uint8Array;
  if (media.url.startsWith('file:') && 'openMedia' in source) {
    bytes = await (await (source as RunSource & OpensMedia).openMedia(ref, path, { signal })).read();
  } else {
    const response = await fetchFn(media.url, { signal: signal ?? null });
    if (!response.ok) throw new Error(`loading it answered HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  }
  return parseWandbJson(new TextDecoder().decode(bytes));
}

function layerProblem(what: 'boxes' | 'mask', key: string, layer: string, path: string, cause: unknown): RunIssue {
  const why =
    cause === null
      ? 'the run has no such file'
      : typeof cause === 'string'
        ? cause
        : isWandbError(cause) || cause instanceof Error
          ? cause.message
          : String(cause);
  return {
    code: 'overlay_unreadable',
    message: `The ${what} "${layer}" of "${key}" (${path}) could not be loaded: ${why}`,
  };
}
