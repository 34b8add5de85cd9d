import ky, { isHTTPError, type KyInstance } from 'ky';
import type * as z from 'zod/mini';
import { InvalidArgumentError } from '../errors.js';
import { parseRetryAfter, withRetries, type AttemptOutcome, type RetryPolicy } from '../internal/retry.js';
import { runKey } from '../run-refs.js';
import type {
  CallOptions,
  ImageSet,
  ListRunsParams,
  MediaUrl,
  Run,
  RunImageIndex,
  RunPage,
  RunRef,
  RunSource,
  ScalarHistory,
  ScalarsAt,
  StepIndex,
} from '../types.js';
import { toWandbError } from './errors.js';
import { checkRelativePath, KnownMedia, mediaRoute, pathsOf } from './media-paths.js';
import { thumbnailUrl } from './thumbnails.js';
import { decodeNonFiniteNumbers } from './wire-json.js';
import {
  imagesSchema,
  indexSchema,
  keysSchema,
  mediaCheckSchema,
  runPageSchema,
  runSchema,
  scalarHistorySchema,
  scalarsAtSchema,
  stepIndexSchema,
} from './schemas.js';

export interface HttpSourceOptions {
  /** The API root of a Run Comparer server, e.g. `/api` or `http://127.0.0.1:7100/api`. */
  baseUrl: string;
  /** The fetch to use (tests, instrumentation); the platform's by default. */
  fetch?: typeof fetch;
  /** The server's access token (`DEMO_TOKEN`), sent as `Authorization: Bearer`. Pages on the same origin use the cookie instead. */
  token?: string | null;
  /** Per-attempt timeout in milliseconds. Default 30 000 (the server gives up on wandb after 20 s). */
  timeoutMs?: number;
}

/** One more try, soon, for a GET the server answered 503; a Retry-After longer than 3 s fails at once. */
const HTTP_RETRY: RetryPolicy = { retries: 1, baseDelayMs: 300, maxDelayMs: 3_000, maxElapsedMs: 30_000 };

/**
 * A RunSource over a Run Comparer server's JSON API (`packages/demo-server`). Browser-safe: the
 * wandb key stays on the server. Media URLs point at the server's `/media` route, which also
 * serves WebP thumbnails: `thumbnailUrl(url, cssWidth, pixelRatio)` gives their URLs.
 */
export function createHttpSource(options: HttpSourceOptions): RunSource {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  if (!baseUrl) throw new InvalidArgumentError('createHttpSource needs a baseUrl, e.g. "/api".');
  const secrets = options.token ? [options.token] : [];
  const api: KyInstance = ky.create({
    prefix: baseUrl,
    timeout: options.timeoutMs ?? 30_000,
    parseJson: (text) => JSON.parse(text, decodeNonFiniteNumbers),
    // Retries go through the SDK's one retry loop (see internal/retry.ts), as the cloud client's do.
    retry: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
  });
  const known = new KnownMedia();

  /** One call; a GET that the server answers 503 (it could not reach wandb) is asked once more. */
  async function call<S extends z.ZodMiniType>(
    what: string,
    schema: S,
    request: (signal: AbortSignal | undefined) => ReturnType<KyInstance['get']>,
    signal: AbortSignal | undefined,
    method: 'get' | 'post' = 'get',
  ): Promise<z.output<S>> {
    const attempt = async (): Promise<AttemptOutcome<z.output<S>>> => {
      try {
        return { ok: true, value: (await request(signal).json(schema)) as z.output<S> };
      } catch (error) {
        const unavailable = method === 'get' && isHTTPError(error) && error.response.status === 503;
        return {
          ok: false,
          error: toWandbError(error, { what, baseUrl, signal, secrets }),
          retryable: unavailable,
          retryAfterMs: unavailable ? parseRetryAfter(error.response.headers.get('retry-after')) : null,
        };
      }
    };
    return withRetries(attempt, HTTP_RETRY, signal);
  }

  const runPath = (ref: RunRef) => `runs/${[ref.entity, ref.project, ref.runId].map(encodeURIComponent).join('/')}`;
  const keysParam = (keys: string[]) => {
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || k.length === 0)) {
      throw new InvalidArgumentError('keys must be a list of image key names, e.g. ["samples/grid"].');
    }
    return [...new Set(keys)].join(',');
  };

  const listParam = (keys: unknown) => (Array.isArray(keys) ? [...new Set(keys)].join(',') : '');

  return {
    kind: 'http',
    thumbnailUrl,

    async list(params: ListRunsParams, { signal }: CallOptions = {}): Promise<RunPage> {
      const searchParams = new URLSearchParams();
      if (params.perPage !== undefined) searchParams.set('perPage', String(params.perPage));
      if (params.cursor) searchParams.set('cursor', params.cursor);
      if (params.order) searchParams.set('order', params.order);
      if (params.search) searchParams.set('search', params.search);
      if (params.filters) searchParams.set('filters', JSON.stringify(params.filters));
      if (params.detail) searchParams.set('detail', params.detail);
      const path = `projects/${encodeURIComponent(params.entity)}/${encodeURIComponent(params.project)}/runs`;
      return call('the runs of a project', runPageSchema, (s) => api.get(path, { searchParams, signal: s }), signal);
    },

    async get(ref, { signal } = {}): Promise<Run> {
      return call('a run', runSchema, (s) => api.get(runPath(ref), { signal: s }), signal);
    },

    async keys(ref, { signal } = {}): Promise<string[]> {
      const body = await call(
        'the image keys of a run',
        keysSchema,
        (s) => api.get(`${runPath(ref)}/image-keys`, { signal: s }),
        signal,
      );
      return body.keys;
    },

    async steps(ref, params, { signal } = {}): Promise<StepIndex> {
      const axis = params.axis === undefined ? {} : { axis: params.axis };
      const searchParams = { keys: keysParam(params.keys), missing: 'empty', ...axis };
      return call(
        'the steps of a run',
        stepIndexSchema,
        (s) => api.get(`${runPath(ref)}/steps`, { searchParams, signal: s }),
        signal,
      );
    },

    async at(ref, params, { signal } = {}): Promise<ImageSet[]> {
      const searchParams = { keys: keysParam(params.keys), step: String(params.step), missing: 'empty' };
      const body = await call(
        'the images of a run',
        imagesSchema,
        (s) => api.get(`${runPath(ref)}/images`, { searchParams, signal: s }),
        signal,
      );
      known.remember(ref, pathsOf(body.sets));
      return body.sets;
    },

    async scalarKeys(ref, { signal } = {}): Promise<string[]> {
      const body = await call(
        'the scalar keys of a run',
        keysSchema,
        (s) => api.get(`${runPath(ref)}/scalar-keys`, { signal: s }),
        signal,
      );
      return body.keys;
    },

    // The server checks the keys, the sample count and the step, and answers a 400 that says what was wrong.
    async history(ref, params, { signal } = {}): Promise<ScalarHistory> {
      const samples = params.samples === undefined ? {} : { samples: String(params.samples) };
      const searchParams = { keys: listParam(params.keys), ...samples };
      return call(
        'the scalar history of a run',
        scalarHistorySchema,
        (s) => api.get(`${runPath(ref)}/history`, { searchParams, signal: s }),
        signal,
      );
    },

    async historyAt(ref, params, { signal } = {}): Promise<ScalarsAt> {
      const searchParams = { keys: listParam(params.keys), step: String(params.step) };
      return call(
        'the scalar values of a run at a step',
        scalarsAtSchema,
        (s) => api.get(`${runPath(ref)}/history/at`, { searchParams, signal: s }),
        signal,
      );
    },

    async index(refs, params, { signal } = {}): Promise<RunImageIndex[]> {
      const keys = keysParam(params.keys).split(',');
      const byProject = new Map<string, RunRef[]>();
      for (const ref of refs) {
        const project = JSON.stringify([ref.entity, ref.project]);
        byProject.set(project, [...(byProject.get(project) ?? []), ref]);
      }
      const answers = await Promise.all(
        [...byProject.values()].map(async (group) => {
          const json = {
            entity: group[0]!.entity,
            project: group[0]!.project,
            runIds: group.map((r) => r.runId),
            keys,
          };
          const body = await call(
            'the image index of runs',
            indexSchema,
            (s) => api.post('index', { json, signal: s }),
            signal,
            'post',
          );
          return body.runs;
        }),
      );
      const entries = new Map(answers.flat().map((entry) => [runKey(entry.run), entry]));
      return refs.map((ref) => {
        const entry = entries.get(runKey(ref));
        if (!entry)
          return { run: ref, byKey: {}, error: { code: 'upstream', message: 'The server did not index this run.' } };
        known.remember(ref, pathsOf(Object.values(entry.byKey).flat()));
        return { ...entry, run: ref };
      });
    },

    async mediaUrl(ref, paths, { signal, refresh } = {}): Promise<MediaUrl[]> {
      paths.forEach(checkRelativePath);
      // Paths the server has not named in an image set (or whose URL failed to load): let it check them.
      const unseen = [...new Set(paths.filter((path) => refresh || !known.has(ref, path)))];
      const missing = new Map<string, MediaUrl>();
      if (unseen.length > 0) {
        const json = { paths: unseen, ...(refresh ? { refresh: true } : {}) };
        const body = await call(
          'media of a run',
          mediaCheckSchema,
          (s) => api.post(`${runPath(ref)}/media`, { json, signal: s }),
          signal,
          'post',
        );
        for (const media of body.media) {
          if (media.missing) missing.set(media.path, { ...media, url: null, expiresAt: null, missing: media.missing });
        }
        known.remember(
          ref,
          body.media.filter((m) => !m.missing).map((m) => m.path),
        );
      }
      return paths.map(
        (path) => missing.get(path) ?? { path, url: mediaRoute(baseUrl, ref, path), expiresAt: null, missing: null },
      );
    },
  };
}
