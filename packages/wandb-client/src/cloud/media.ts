import { InvalidArgumentError } from '../errors.js';
import { runKey } from '../run-refs.js';
import type { MediaMissing, MediaUrl, MediaUrlOptions, RunRef } from '../types.js';
import { checkRunRef } from './params.js';
import type { RunQueryBatcher } from './run-batch.js';
import { FilesSchema, parseShape } from './schemas.js';
import { signedUrlExpiry } from './signed-url.js';

interface Cached {
  url: string;
  expiresAt: number;
  fetchedAt: number;
}

/** Names per `files(names:)` query; more are split across aliases of the same request. */
const NAMES_PER_QUERY = 100;
const MAX_CACHED = 10_000;

/**
 * Signed, expiring download URLs for run files (`files(names:) { directUrl }`). URLs are cached per
 * run and path and asked for again shortly before they lapse. The URLs carry their own access, so
 * callers (browsers included) load them without the API key.
 */
export class MediaResource {
  readonly #batcher: RunQueryBatcher;
  readonly #assumedLifetimeMs: number;
  readonly #cache = new Map<string, Cached>();

  constructor(batcher: RunQueryBatcher, assumedLifetimeMs: number) {
    this.#batcher = batcher;
    this.#assumedLifetimeMs = assumedLifetimeMs;
  }

  /**
   * One answer per path, in order: a signed URL, or `missing` for a file the run never uploaded
   * (a crashed run, or a running one whose history row came before its file). wandb answers such a
   * name with a placeholder file whose md5 is "0" (wandb/sdk/wandb_run.py `restore`).
   */
  async urls(ref: RunRef, paths: string[], options: MediaUrlOptions = {}): Promise<MediaUrl[]> {
    checkRunRef(ref);
    checkPaths(paths);
    const now = Date.now();
    const stale = [...new Set(paths)].filter((path) => options.refresh || !this.#fresh(ref, path, now));
    const chunks: string[][] = [];
    for (let i = 0; i < stale.length; i += NAMES_PER_QUERY) chunks.push(stale.slice(i, i + NAMES_PER_QUERY));
    const answers = await Promise.all(chunks.map((names) => this.#query(ref, names, options.signal)));
    const missing = new Map(answers.flat().map((m) => [m.path, m]));
    return paths.map((path) => {
      const absent = missing.get(path);
      if (absent) return absent;
      const cached = this.#cache.get(cacheKey(ref, path))!;
      return { path, url: cached.url, expiresAt: new Date(cached.expiresAt).toISOString(), missing: null };
    });
  }

  /** Ask wandb for `names`; caches the URLs of files it has and returns the ones it has not. */
  async #query(ref: RunRef, names: string[], signal?: AbortSignal): Promise<MediaMissing[]> {
    const run = await this.#batcher.load(
      {
        ref,
        operation: 'RunFiles',
        selection: 'files(names: $names, first: $first) { edges { node { name directUrl sizeBytes md5 } } }',
        variables: { names: { type: '[String]', value: names }, first: { type: 'Int', value: names.length } },
      },
      signal,
    );
    const files = parseShape(FilesSchema, run.files, 'files');
    const fetchedAt = Date.now();
    const found = new Set<string>();
    for (const edge of files.edges) {
      const node = edge.node;
      if (!node || !names.includes(node.name) || node.md5 === '0' || !node.directUrl) continue;
      found.add(node.name);
      const expiresAt = signedUrlExpiry(node.directUrl) ?? fetchedAt + this.#assumedLifetimeMs;
      this.#remember(cacheKey(ref, node.name), { url: node.directUrl, expiresAt, fetchedAt });
    }
    return names
      .filter((name) => !found.has(name))
      .map((path) => {
        this.#cache.delete(cacheKey(ref, path));
        return { path, url: null, expiresAt: null, missing: notUploaded(ref, path) };
      });
  }

  /** Fresh until a safety margin before expiry: a fifth of its lifetime, at most a minute. */
  #fresh(ref: RunRef, path: string, now: number): boolean {
    const cached = this.#cache.get(cacheKey(ref, path));
    if (!cached) return false;
    const margin = Math.min(60_000, (cached.expiresAt - cached.fetchedAt) / 5);
    return now < cached.expiresAt - margin;
  }

  #remember(key: string, entry: Cached): void {
    this.#cache.delete(key);
    this.#cache.set(key, entry);
    if (this.#cache.size > MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value!);
  }
}

function cacheKey(ref: RunRef, path: string): string {
  return `${runKey(ref)}\n${path}`;
}

function checkPaths(paths: unknown): asserts paths is string[] {
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p.length === 0)) {
    throw new InvalidArgumentError(
      'paths must be a list of run file paths, e.g. ["media/images/samples/grid_0_ab12.png"].',
    );
  }
  const bad = (paths as string[]).find(
    (p) => p.startsWith('/') || p.split(/[\\/]/).some((s) => s === '..' || s === '.'),
  );
  if (bad) {
    throw new InvalidArgumentError(
      `"${bad}" is not a run file path: paths are relative to the run's files, with no "." or ".." segments.`,
    );
  }
}

function notUploaded(ref: RunRef, path: string): MediaMissing['missing'] {
  return {
    code: 'not_uploaded',
    message: `Run ${ref.runId} never uploaded "${path}" to wandb: the run may have stopped before uploading it, or is still uploading.`,
  };
}
