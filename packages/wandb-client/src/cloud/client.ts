import { InvalidArgumentError } from '../errors.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../internal/retry.js';
import type { RunSource } from '../types.js';
import { HistoryReader } from './history-reader.js';
import { ImagesResource } from './images.js';
import { MediaResource } from './media.js';
import { RunQueryBatcher } from './run-batch.js';
import { RunsResource } from './runs.js';
import { HistoryResource } from './scalar-history.js';
import { SummaryMedia } from './summary-media.js';
import { cloudSource } from './source.js';
import { GraphQLTransport } from './transport.js';

export interface WandbClientOptions {
  /** A wandb API key (https://wandb.ai/authorize); usually `process.env.WANDB_API_KEY`. Never logged. */
  apiKey: string;
  /** The wandb API host; `https://api.wandb.ai` unless you run wandb server yourself. */
  baseUrl?: string;
  /** A fetch implementation, e.g. to route through a proxy or for tests. */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds each attempt may take before it counts as timed out (and is retried). Default 19 000, as wandb's client. */
  timeout?: number;
  /** Retry policy for rate limits, server errors and network failures, or `false` to never retry. */
  retry?: Partial<RetryPolicy> | false;
  /** Most rows one `sampledHistory` spec asks for; larger histories are read in step windows. Default 1000. */
  historySamplesPerSpec?: number;
  /** Most runs per aliased request. Default 50. */
  maxRunsPerRequest?: number;
  /** Most `sampledHistory` specs per request, over all its runs. Default 8 (W&B's MCP server's cap). */
  maxHistorySpecsPerRequest?: number;
  /**
   * Most history rows one request may answer: its specs are grouped so their `samples` (and the
   * counts `historyKeys` gives) add up to no more. Default 1000, the page wandb's own readers ask for.
   */
  maxHistoryRowsPerRequest?: number;
  /** Most requests in flight at once, plus one kept for small reads (`images.at`, media URLs). Default 4. */
  maxConcurrentRequests?: number;
  /** How long to trust a signed media URL whose expiry it does not state. Default 5 minutes. */
  assumedUrlLifetimeMs?: number;
}

export interface WandbClient {
  readonly runs: RunsResource;
  readonly images: ImagesResource;
  /** Scalar history of chosen keys: `keys`, `series` (sampled, for sparklines) and `at` (exact, at a step). */
  readonly history: HistoryResource;
  readonly media: { urls: MediaResource['urls'] };
  /** This client as a {@link RunSource} (kind `cloud`), for components and servers that take any source. */
  readonly source: RunSource;
}

/**
 * The wandb cloud client. One factory, resource namespaces (`runs`, `images`, `history`, `media`), every call
 * abortable with `{ signal }`, typed errors that never contain the key.
 *
 * @example
 * const wb = createWandbClient({ apiKey: process.env.WANDB_API_KEY! });
 * for await (const run of wb.runs.iterate({ entity: 'acme', project: 'sdxl' })) console.log(run.displayName);
 */
export function createWandbClient(options: WandbClientOptions): WandbClient {
  if (typeof options?.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new InvalidArgumentError(
      'apiKey is missing: pass your wandb API key (set WANDB_API_KEY; get one at https://wandb.ai/authorize).',
    );
  }
  const baseUrl = options.baseUrl ?? 'https://api.wandb.ai';
  if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
    throw new InvalidArgumentError(
      `baseUrl must be an http(s) URL such as https://api.wandb.ai; got ${JSON.stringify(baseUrl)}.`,
    );
  }
  const transport = new GraphQLTransport({
    apiKey: options.apiKey,
    baseUrl,
    fetch: options.fetch,
    timeout: positive(options.timeout, 19_000, 'timeout'),
    retry: options.retry === false ? null : { ...DEFAULT_RETRY, ...options.retry },
  });
  const history = {
    specs: positive(options.maxHistorySpecsPerRequest, 8, 'maxHistorySpecsPerRequest'),
    rows: positive(options.maxHistoryRowsPerRequest, 1000, 'maxHistoryRowsPerRequest'),
  };
  const batcher = new RunQueryBatcher(transport, {
    runs: positive(options.maxRunsPerRequest, 50, 'maxRunsPerRequest'),
    history,
    concurrent: positive(options.maxConcurrentRequests, 4, 'maxConcurrentRequests'),
  });
  const reader = new HistoryReader(batcher, {
    samplesPerSpec: positive(options.historySamplesPerSpec, 1000, 'historySamplesPerSpec'),
    budget: history,
  });
  const runs = new RunsResource(transport, batcher);
  const images = new ImagesResource(reader, new SummaryMedia(batcher));
  const mediaResource = new MediaResource(
    batcher,
    positive(options.assumedUrlLifetimeMs, 5 * 60_000, 'assumedUrlLifetimeMs'),
  );
  const media = { urls: mediaResource.urls.bind(mediaResource) };
  const scalars = new HistoryResource(batcher, reader, reader.samplesPerSpec);
  return { runs, images, history: scalars, media, source: cloudSource(runs, images, media, scalars) };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidArgumentError(`${name} must be a positive number; got ${String(value)}.`);
  return value;
}
