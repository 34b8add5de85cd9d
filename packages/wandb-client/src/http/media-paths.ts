import { InvalidArgumentError } from '../errors.js';
import { mediaPathsOf } from '../media-values/media-paths.js';
import { runKey } from '../run-refs.js';
import type { ImageSet, RunRef } from '../types.js';

/** Refuse paths that could step outside a run's files before they reach a URL. */
export function checkRelativePath(path: string): string {
  const segments = path.split('/');
  const bad = segments.some((s) => s === '' || s === '.' || s === '..' || /[\\%\u0000-\u001f]/.test(s));
  if (typeof path !== 'string' || path.length === 0 || path.length > 1024 || bad || /^[A-Za-z]:/.test(path)) {
    throw new InvalidArgumentError(
      `"${String(path).slice(0, 80)}" is not a media path of a run: give a relative path such as media/images/samples/grid_0_<hash>.png.`,
    );
  }
  return path;
}

export function mediaRoute(baseUrl: string, ref: RunRef, path: string): string {
  const run = [ref.entity, ref.project, ref.runId].map(encodeURIComponent).join('/');
  return `${baseUrl}/media/${run}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The media paths the server has already named for each run (in image sets), so `mediaUrl` can
 * build URLs for them without a round trip. Bounded: the oldest runs are forgotten first.
 */
export class KnownMedia {
  readonly #byRun = new Map<string, Set<string>>();
  #count = 0;

  constructor(private readonly maxPaths = 200_000) {}

  remember(ref: RunRef, paths: Iterable<string>): void {
    const key = runKey(ref);
    let known = this.#byRun.get(key);
    if (!known) this.#byRun.set(key, (known = new Set()));
    for (const path of paths) {
      if (!known.has(path)) {
        known.add(path);
        this.#count++;
      }
    }
    while (this.#count > this.maxPaths && this.#byRun.size > 1) {
      const [oldest, dropped] = this.#byRun.entries().next().value as [string, Set<string>];
      this.#byRun.delete(oldest);
      this.#count -= dropped.size;
    }
  }

  has(ref: RunRef, path: string): boolean {
    return this.#byRun.get(runKey(ref))?.has(path) ?? false;
  }
}

export function* pathsOf(sets: Iterable<ImageSet>): Iterable<string> {
  for (const set of sets) yield* mediaPathsOf(set);
}
