import type { ImageValueType, UnsupportedMediaType, VideoValueType } from './media-types.js';
import { isMediaValue, unsupportedMessage } from './media-values/kinds.js';
import { overlaysOf } from './media-values/overlay-refs.js';
import { spriteTiles } from './media-values/sprite.js';
import { videoListRefs, videoRef } from './media-values/videos.js';
import { artifactOf, extensionOf, isUri, normalizePath, num, str } from './media-values/value-fields.js';
import type { ImageRef, ImageSet, StepIndex } from './types.js';

export {
  IMAGE_VALUE_TYPES,
  MEDIA_VALUE_TYPES,
  VIDEO_VALUE_TYPES,
  UNSUPPORTED_MEDIA_TYPES,
  isImageValue,
  isMediaValue,
  isMediaType,
} from './media-values/kinds.js';

export interface MediaValueContext {
  /**
   * The value is from the run's summary, not a history row: wandb named its files with the literal
   * step `summary` (`<key>_summary.png`, `<key>_summary_<i>.png`), and the set is marked `fromSummary`.
   */
  fromSummary?: boolean;
}

/**
 * Turn one logged media value into an ImageSet, the same way for every source: images (single,
 * lists, legacy sprites cut into tiles) and videos as refs, with their boxes and masks; media that
 * cannot be shown (tables, audio, HTML, images kept in artifacts) as a set with `unsupported`
 * saying what it is. Returns null when the value is not media. Never throws.
 */
export function imageSetFromValue(
  key: string,
  step: number,
  value: unknown,
  context: MediaValueContext = {},
): ImageSet | null {
  if (!isMediaValue(value)) return null;
  const v = value as Record<string, unknown>;
  const type = v._type as ImageSet['type'];
  const base = { key, step, type, ...(context.fromSummary ? { fromSummary: true as const } : {}) };
  const shown = (images: ImageRef[]): ImageSet => ({ ...base, images, unsupported: null });
  const refused = (unsupported: string): ImageSet => ({ ...base, images: [], unsupported });
  const fileStep = context.fromSummary ? 'summary' : step;

  switch (type as ImageValueType | VideoValueType | UnsupportedMediaType) {
    case 'image-file': {
      const path = str(v.path);
      if (!path) {
        const artifact = artifactOf(v);
        return refused(
          artifact
            ? `This image lives in a wandb artifact (${artifact}), not in the run's files; open it in the wandb UI.`
            : 'This image value has no file path, so it cannot be shown.',
        );
      }
      const overlays = overlaysOf(v.boxes, v.masks);
      return shown([
        {
          path: normalizePath(path),
          caption: str(v.caption),
          width: num(v.width),
          height: num(v.height),
          format: str(v.format) ?? extensionOf(path),
          index: 0,
          sha256: str(v.sha256),
          kind: 'image',
          ...(overlays ? { overlays } : {}),
        },
      ]);
    }
    case 'images/separated':
      return separatedList(key, fileStep, v, shown, refused);
    case 'images': {
      const tiles = spriteTiles(key, fileStep, v);
      return tiles
        ? shown(tiles)
        : refused(
            'This legacy image strip gives no tile size (width, height, count), so it cannot be cut into its images.',
          );
    }
    case 'video-file': {
      const video = videoRef(v, 0);
      const artifact = artifactOf(v);
      if (video) return shown([video]);
      return refused(
        artifact
          ? `This video lives in a wandb artifact (${artifact}), not in the run's files; open it in the wandb UI.`
          : 'This video value has no file path, so it cannot be shown.',
      );
    }
    case 'videos': {
      const { refs, withoutPath } = videoListRefs(v);
      if (withoutPath.length === 0) return shown(refs);
      return refused(
        `${withoutPath.length} of the videos of this list ${withoutPath.length === 1 ? 'has' : 'have'} no file in the run (kept in a wandb artifact); open them in the wandb UI.`,
      );
    }
    default:
      return refused(unsupportedMessage(key, type as UnsupportedMediaType));
  }
}

function separatedList(
  key: string,
  fileStep: number | 'summary',
  v: Record<string, unknown>,
  shown: (images: ImageRef[]) => ImageSet,
  refused: (unsupported: string) => ImageSet,
): ImageSet {
  const width = num(v.width);
  const height = num(v.height);
  const format = str(v.format);
  const count = num(v.count) ?? (Array.isArray(v.filenames) ? v.filenames.length : 0);
  const filenames = Array.isArray(v.filenames) ? v.filenames : null;
  const captions = Array.isArray(v.captions) ? v.captions : [];
  const allBoxes = Array.isArray(v.all_boxes) ? v.all_boxes : [];
  const allMasks = Array.isArray(v.all_masks) ? v.all_masks : [];
  // An image taken from an artifact is listed by its artifact URI (`obj.get("path", obj.get("artifact_path"))`
  // in wandb's image.py): it is not among the run's files, so none of the list is asked of them.
  const uris = (filenames ?? []).map(str).filter((name): name is string => name !== null && isUri(name));
  if (uris.length > 0) {
    const which =
      uris.length === count
        ? `The ${count} images of this list live`
        : `${uris.length} of the ${count} images of this list live`;
    return refused(
      `${which} in a wandb artifact (${uris[0]}${uris.length > 1 ? ', …' : ''}), not in the run's files; open them in the wandb UI.`,
    );
  }
  const images: ImageRef[] = [];
  for (let i = 0; i < count; i++) {
    const named = filenames ? str(filenames[i]) : null;
    // Clients before 0.12.10 wrote no `filenames`: files are named by key, step and index.
    const path = named ?? (filenames ? null : `media/images/${key}_${fileStep}_${i}.${format ?? 'png'}`);
    if (!path) continue;
    const overlays = overlaysOf(allBoxes[i], allMasks[i]);
    images.push({
      path: normalizePath(path),
      caption: str(captions[i]),
      width,
      height,
      format: format ?? extensionOf(path),
      index: i,
      sha256: null,
      kind: 'image',
      ...(overlays ? { overlays } : {}),
    });
  }
  return shown(images);
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
  mp4: 'video/mp4',
  webm: 'video/webm',
  ogg: 'video/ogg',
  json: 'application/json',
};

/** The Content-Type for a media path, from its extension. */
export function mimeTypeOf(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}
