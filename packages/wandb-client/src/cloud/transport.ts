import ky, { type KyInstance } from 'ky';
import { z } from 'zod';
import {
  AuthError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  UpstreamError,
  isAbortError,
  redact,
  type GraphQLErrorEntry,
  type WandbError,
} from '../errors.js';
import { abortedError } from '../internal/abort.js';
import {
  isRetryableStatus,
  rateLimitWait,
  withRetries,
  type AttemptOutcome,
  type RetryPolicy,
} from '../internal/retry.js';
import { parseWandbJson } from '../wandb-json.js';
import { errorEntriesOf } from './graphql-errors.js';
import { schemaError } from './schemas.js';

export interface GraphQLRequest {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * An answer for the caller to interpret: `data` (possibly partial) and any `errors[]`. Usually a
 * 200; a 4xx that carries GraphQL errors is one too (`status` says which), so that its errors
 * become the same typed errors (not found, permission) as in a 200.
 */
export interface GraphQLResult {
  data: Record<string, unknown> | null;
  errors: GraphQLErrorEntry[];
  status?: number;
}

export interface TransportOptions {
  apiKey: string;
  baseUrl: string;
  fetch: typeof globalThis.fetch | undefined;
  /** Per attempt, in ms. */
  timeout: number;
  retry: RetryPolicy | null;
}

/** `errors` is read by {@link errorEntriesOf}: entries may be objects or plain strings. */
const EnvelopeSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z.unknown().optional(),
});

const CLIENT_VERSION = '0.1.0';

/**
 * POSTs read-only GraphQL to `{baseUrl}/graphql` with HTTP Basic `api:<key>`, retrying rate limits,
 * server errors and network failures, and turning every failure into a typed error whose message
 * never contains the key.
 */
export class GraphQLTransport {
  readonly #http: KyInstance;
  readonly #options: TransportOptions;
  readonly #endpoint: string;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#endpoint = new URL('graphql', `${options.baseUrl.replace(/\/+$/, '')}/`).toString();
    this.#http = ky.create({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      headers: { authorization: basicAuth(options.apiKey), accept: 'application/json', ...userAgentHeader() },
      retry: 0,
      timeout: options.timeout,
      throwHttpErrors: false,
    });
  }

  /**
   * One read; never a mutation (the queries are built by this package and start with `query`).
   * `serverErrorRetries` caps the retries of HTTP 5xx answers below the policy's (rate limits,
   * timeouts and network failures keep the whole policy).
   */
  async request(
    request: GraphQLRequest,
    signal?: AbortSignal,
    options: { serverErrorRetries?: number } = {},
  ): Promise<GraphQLResult> {
    if (!/^\s*query\b/.test(request.query)) throw new TypeError('Only read queries are sent to wandb.');
    let serverErrors = 0;
    const attempt = async () => {
      const outcome = await this.#attempt(request, signal);
      if (outcome.ok || options.serverErrorRetries === undefined || !isServerError(outcome.error)) return outcome;
      return serverErrors++ < options.serverErrorRetries ? outcome : { ...outcome, retryable: false };
    };
    return withRetries(attempt, this.#options.retry, signal);
  }

  async #attempt(request: GraphQLRequest, signal?: AbortSignal): Promise<AttemptOutcome<GraphQLResult>> {
    let response: Response;
    try {
      response = await this.#http.post(this.#endpoint, { json: request, signal });
    } catch (error) {
      return this.#transportFailure(error, signal);
    }
    let text: string;
    try {
      text = await readBody(response, this.#options.timeout, signal);
    } catch (error) {
      return this.#transportFailure(error, signal);
    }
    if (response.ok) return this.#parseSuccess(text);
    return this.#httpFailure(response, text);
  }

  #parseSuccess(text: string): AttemptOutcome<GraphQLResult> {
    let body: unknown;
    try {
      body = parseWandbJson(text);
    } catch {
      // A cut-off or proxy-mangled body: reads are safe to repeat.
      return failure(
        new UpstreamError(this.#redact(`wandb sent a response that is not valid JSON (${describeBody(text)}).`), {
          status: 200,
        }),
        true,
      );
    }
    const parsed = EnvelopeSchema.safeParse(body);
    if (!parsed.success) return failure(schemaError('the GraphQL response', parsed.error), false);
    const errors = errorEntriesOf(parsed.data).map((e) => ({ ...e, message: this.#redact(e.message) }));
    return { ok: true, value: { data: parsed.data.data ?? null, errors } };
  }

  #httpFailure(response: Response, text: string): AttemptOutcome<GraphQLResult> {
    const status = response.status;
    const retryAfterMs = rateLimitWait(response.headers);
    const errors = errorEntriesIn(text).map((e) => ({ ...e, message: this.#redact(e.message) }));
    const said = errors.length > 0 ? `: ${errors.map((e) => e.message).join('; ')}` : '';
    if (status === 401 || status === 403) {
      const what = status === 401 ? 'rejected the API key' : 'refused access with this API key';
      return failure(
        new AuthError(
          `wandb ${what} (HTTP ${status}${said}). Check WANDB_API_KEY: it must be a valid key for ${this.#host()} with access to the entity and project.`,
          { status },
        ),
        false,
      );
    }
    if (status === 429) {
      const wait = retryAfterMs === null ? '' : ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
      const error = new RateLimitError(
        `wandb rate-limited the requests (HTTP 429${said}) and retrying did not help.${wait} Try again later or ask for fewer runs at once.`,
        retryAfterMs,
        { status },
      );
      return failure(error, true, retryAfterMs);
    }
    if (errors.length > 0 && status >= 400 && status < 500) {
      // The caller turns these into typed errors, as for a 200 with errors (it knows the project and run).
      return { ok: true, value: { data: null, errors, status } };
    }
    const hint =
      status === 404
        ? ` Check the base URL (${this.#options.baseUrl}): it should be the wandb API host, e.g. https://api.wandb.ai.`
        : '';
    const error = new UpstreamError(
      this.#redact(`wandb answered HTTP ${status} ${response.statusText}`.trim() + ` (${describeBody(text)}).${hint}`),
      { status },
    );
    return failure(error, isRetryableStatus(status), retryAfterMs);
  }

  #transportFailure(error: unknown, signal?: AbortSignal): AttemptOutcome<GraphQLResult> {
    if (signal?.aborted || isAbortError(error)) return failure(abortedError(signal), false);
    const name = (error as { name?: unknown })?.name;
    if (name === 'TimeoutError') {
      return failure(
        new TimeoutError(`wandb did not answer within ${this.#options.timeout} ms (${this.#host()}).`),
        true,
      );
    }
    // Keep only the low-level cause (e.g. ECONNREFUSED): ky's own error holds the request and its headers.
    const cause = (error as { cause?: unknown })?.cause ?? error;
    const detail = cause instanceof Error ? `: ${cause.message}${codeOf(cause)}` : '';
    return failure(
      new NetworkError(this.#redact(`Could not reach wandb at ${this.#host()}${detail}.`), {
        cause: sanitizeCause(cause),
      }),
      true,
    );
  }

  #host(): string {
    return new URL(this.#endpoint).host;
  }

  #redact(text: string): string {
    return redact(text, [this.#options.apiKey]);
  }
}

/** An HTTP 5xx answer: the server failed the whole request. */
export function isServerError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && (error.status ?? 0) >= 500;
}

function failure(error: WandbError, retryable: boolean, retryAfterMs: number | null = null): AttemptOutcome<never> {
  return { ok: false, error, retryable, retryAfterMs };
}

async function readBody(response: Response, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void response.body?.cancel().catch(() => {});
      reject(Object.assign(new Error('body read timed out'), { name: 'TimeoutError' }));
    }, timeoutMs);
  });
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortedError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([response.text(), timedOut, aborted]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

function errorEntriesIn(text: string): GraphQLErrorEntry[] {
  try {
    return errorEntriesOf(parseWandbJson(text));
  } catch {
    return [];
  }
}

function describeBody(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return 'empty body';
  return `body starts ${JSON.stringify(trimmed.slice(0, 120))}`;
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}

/** A plain Error carrying only the message and code, so nothing request-shaped hangs off our errors. */
function sanitizeCause(cause: unknown): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  return Object.assign(new Error(cause.message), typeof code === 'string' ? { code } : {});
}

export function basicAuth(apiKey: string): string {
  const bytes = new TextEncoder().encode(`api:${apiKey}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Name ourselves honestly on Node. Browsers treat User-Agent as theirs: fetch either drops it or,
 * where allowed, it forces a CORS preflight that api.wandb.ai need not accept, so we leave it out there.
 * (wandb's own public client says `W&B Public Client`; the backend gates only first-party fields such
 * as a user's API keys on that, and we read none of them.)
 */
function userAgentHeader(): Record<string, string> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  const isBrowser = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  if (!node || isBrowser) return {};
  return { 'user-agent': `run-comparer-wandb-client/${CLIENT_VERSION} (node ${node})` };
}
