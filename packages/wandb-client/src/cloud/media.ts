import { InvalidArgumentError, NotFoundError } from '../errors.js';
import type { CallOptions, MediaUrl, RunRef } from '../types.js';
import { checkRunRef } from './params.js';
import type { RunQueryBatcher } from './run-batch.js';
import { FilesSchema, parseShape } from './schemas.js';
import { signedUrlExpiry } from './signed-url.js';

export interface MediaUrlOptions extends CallOptions {
  /** Ask wandb again even if a cached URL looks fresh (e.g. storage answered 403). */
  refresh?: boolean;
}

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

  async urls(ref: RunRef, paths: string[], options: MediaUrlOptions = {}): Promise<MediaUrl[]> {
    checkRunRef(ref);
    checkPaths(paths);
    const now = Date.now();
    const missing = [...new Set(paths)].filter((path) => options.refresh || !this.#fresh(ref, path, now));
    const chunks: string[][] = [];
    for (let i = 0; i < missing.length; i += NAMES_PER_QUERY) chunks.push(missing.slice(i, i + NAMES_PER_QUERY));
    await Promise.all(chunks.map((names) => this.#query(ref, names, options.signal)));
    return paths.map((path) => {
      const cached = this.#cache.get(cacheKey(ref, path))!;
      return { path, url: cached.url, expiresAt: new Date(cached.expiresAt).toISOString() };
    });
  }

  async #query(ref: RunRef, names: string[], signal?: AbortSignal): Promise<void> {
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
      if (!edge.node || !names.includes(edge.node.name)) continue;
      found.add(edge.node.name);
      const expiresAt = signedUrlExpiry(edge.node.directUrl) ?? fetchedAt + this.#assumedLifetimeMs;
      this.#remember(cacheKey(ref, edge.node.name), { url: edge.node.directUrl, expiresAt, fetchedAt });
    }
    const absent = names.filter((name) => !found.has(name));
    if (absent.length > 0) {
      const more = absent.length > 1 ? ` (and ${absent.length - 1} more)` : '';
      throw new NotFoundError(
        'file',
        absent[0]!,
        `File "${absent[0]}"${more} is not among the files of run ${ref.runId} in ${ref.entity}/${ref.project}. Use paths from the run's image history.`,
      );
    }
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
  return `${ref.entity}/${ref.project}/${ref.runId}\n${path}`;
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
