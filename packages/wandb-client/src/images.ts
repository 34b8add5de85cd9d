import type { ImageRef, ImageSet, ImageValueType, StepIndex } from './types.js';

/** The `_type` values of history values that hold images. */
export const IMAGE_VALUE_TYPES: readonly ImageValueType[] = ['image-file', 'images/separated', 'images'];

export function isImageValue(value: unknown): value is Record<string, unknown> & { _type: ImageValueType } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    IMAGE_VALUE_TYPES.includes((value as { _type?: unknown })._type as ImageValueType)
  );
}

/**
 * Turn one logged history value into an ImageSet, the same way for every source.
 * Returns null when the value is not an image. Never throws: shapes it cannot show become an
 * ImageSet with `unsupported` set and no images.
 */
export function imageSetFromValue(key: string, step: number, value: unknown): ImageSet | null {
  if (!isImageValue(value)) return null;
  const v = value as Record<string, unknown>;
  const width = num(v.width);
  const height = num(v.height);
  const format = str(v.format);
  const base = { key, step, type: v._type as ImageValueType };

  if (v._type === 'image-file') {
    const path = str(v.path);
    if (!path) {
      const artifact = str(v.artifact_path) ?? str(v._latest_artifact_path);
      return {
        ...base,
        images: [],
        unsupported: artifact
          ? `This image lives in a wandb artifact (${artifact}), not in the run's files; open it in the wandb UI.`
          : 'This image value has no file path, so it cannot be shown.',
      };
    }
    const image: ImageRef = {
      path: normalizePath(path),
      caption: str(v.caption),
      width,
      height,
      format: format ?? extensionOf(path),
      index: 0,
      sha256: str(v.sha256),
    };
    return { ...base, images: [image], unsupported: null };
  }

  if (v._type === 'images/separated') {
    const count = num(v.count) ?? (Array.isArray(v.filenames) ? v.filenames.length : 0);
    const filenames = Array.isArray(v.filenames) ? v.filenames : null;
    const captions = Array.isArray(v.captions) ? v.captions : [];
    // An image taken from an artifact is listed by its artifact URI (`obj.get("path", obj.get("artifact_path"))`
    // in wandb's image.py): it is not among the run's files, so none of the list is asked of them.
    const uris = (filenames ?? []).map(str).filter((name): name is string => name !== null && isUri(name));
    if (uris.length > 0) {
      const which =
        uris.length === count
          ? `The ${count} images of this list live`
          : `${uris.length} of the ${count} images of this list live`;
      return {
        ...base,
        images: [],
        unsupported: `${which} in a wandb artifact (${uris[0]}${uris.length > 1 ? ', …' : ''}), not in the run's files; open them in the wandb UI.`,
      };
    }
    const images: ImageRef[] = [];
    for (let i = 0; i < count; i++) {
      const named = filenames ? str(filenames[i]) : null;
      // Clients before 0.12.10 wrote no `filenames`: files are named by key, step and index.
      const path = named ?? (filenames ? null : `media/images/${key}_${step}_${i}.${format ?? 'png'}`);
      if (!path) continue;
      images.push({
        path: normalizePath(path),
        caption: str(captions[i]),
        width,
        height,
        format: format ?? extensionOf(path),
        index: i,
        sha256: null,
      });
    }
    return { ...base, images, unsupported: null };
  }

  return {
    ...base,
    images: [],
    unsupported:
      'Legacy sprite image strips (logged by wandb 0.9 and older) are not supported; re-log the images with a newer wandb.',
  };
}

/** `wandb-artifact://…`, `wandb-client-artifact://…` or any other `scheme://` reference. */
function isUri(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(name);
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\/+/, '');
}

function extensionOf(path: string): string | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  return match ? match[1]!.toLowerCase() : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Sorted unique numbers. */
export function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** The step index (union and per key) from per-key step lists. */
export function stepIndexFrom(byKey: Record<string, Iterable<number>>): {
  steps: number[];
  byKey: Record<string, number[]>;
} {
  const out: Record<string, number[]> = {};
  const all: number[] = [];
  for (const [key, steps] of Object.entries(byKey)) {
    out[key] = sortedUnique(steps);
    all.push(...out[key]!);
  }
  return { steps: sortedUnique(all), byKey: out };
}

/** What one run's image index answers without asking its source again (see {@link answersFromIndex}). */
export interface IndexAnswers {
  /** What `steps(ref, { keys })` answers. */
  steps: StepIndex;
  /** What `at(ref, { keys, step })` answers: the sets at exactly `step`, in the order of the keys. */
  at(step: number): ImageSet[];
}

/**
 * The `steps` and `at` answers for `keys` from one run's image index (`RunImageIndex.byKey`), so a
 * cache or a page that loaded the index needs no further request to move through steps. A key
 * the index does not hold has no images.
 */
export function answersFromIndex(
  byKey: Readonly<Record<string, readonly ImageSet[]>>,
  keys: readonly string[],
): IndexAnswers {
  const unique = [...new Set(keys)];
  const byStep = new Map<number, ImageSet[]>();
  for (const key of unique) {
    for (const set of byKey[key] ?? []) {
      const atStep = byStep.get(set.step);
      if (atStep) atStep.push(set);
      else byStep.set(set.step, [set]);
    }
  }
  return {
    steps: stepIndexFrom(Object.fromEntries(unique.map((key) => [key, (byKey[key] ?? []).map((set) => set.step)]))),
    at: (step) => [...(byStep.get(step) ?? [])],
  };
}

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
};

/** The Content-Type for a media path, from its extension. */
export function mimeTypeOf(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}
