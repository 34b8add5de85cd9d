/**
 * The API's errors and how anything thrown while answering becomes its JSON error. The bottom of the
 * server's imports: routes, media and the app import it; it imports nothing of the server.
 */
import { isWandbError, redact, type WandbErrorCode } from '@run-comparer/wandb-client';

/** An error the API answers with as it is: a status, a stable code and a message for people. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const invalidArgument = (message: string) => new ApiError(400, 'invalid_argument', message);

export const notFound = (kind: string, what: string, message: string) =>
  new ApiError(404, 'not_found', message, { kind, what });

/** A media file past the server's size limit. */
export const tooLarge = (path: string, maxBytes: number) =>
  new ApiError(
    413,
    'unsupported',
    `"${path}" is larger than this server serves (${Math.round(maxBytes / 2 ** 20)} MiB).`,
  );

export interface ErrorResponse {
  status: number;
  body: { error: { code: string; message: string } & Record<string, unknown> };
  headers: Record<string, string>;
  /** True when the failure is ours, not the caller's or the upstream's: log it with its stack. */
  unexpected: boolean;
}

const STATUS_BY_CODE: Record<WandbErrorCode, number> = {
  invalid_argument: 400,
  not_found: 404,
  unsupported: 422,
  rate_limited: 429,
  aborted: 499,
  auth: 502,
  graphql: 502,
  schema: 502,
  upstream: 502,
  run_file: 502,
  network: 503,
  timeout: 504,
};

/** Turn anything thrown while answering into the JSON error the API sends, credentials removed. */
export function errorResponse(error: unknown, secrets: readonly string[] = []): ErrorResponse {
  const clean = (message: string) => redact(message, secrets);
  if (error instanceof ApiError) {
    return reply(error.status, error.code, clean(error.message), error.details);
  }
  if (isWandbError(error)) {
    const details: Record<string, unknown> = {};
    const headers: Record<string, string> = {};
    if (error.code === 'not_found') Object.assign(details, pick(error, ['kind', 'what']));
    if (error.code === 'rate_limited') {
      const retryAfterMs = (error as { retryAfterMs?: number | null }).retryAfterMs ?? null;
      details.retryAfterMs = retryAfterMs;
      headers['Retry-After'] = String(Math.max(1, Math.ceil((retryAfterMs ?? 10_000) / 1000)));
    }
    const message = error.code === 'auth' ? `wandb refused this server's credentials: ${error.message}` : error.message;
    return { ...reply(STATUS_BY_CODE[error.code] ?? 502, error.code, clean(message), details), headers };
  }
  const http = httpErrorOf(error);
  if (http) return reply(http.status, 'invalid_argument', http.message);
  return {
    ...reply(500, 'internal', 'The server failed unexpectedly while answering; the details are in its log.'),
    unexpected: true,
  };
}

function reply(status: number, code: string, message: string, details: Record<string, unknown> = {}): ErrorResponse {
  return { status, body: { error: { code, message, ...details } }, headers: {}, unexpected: false };
}

/** Errors Express and body-parser raise for bad requests (`status` 4xx, `type`). */
function httpErrorOf(error: unknown): { status: number; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type } = error as { status?: unknown; type?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return { status, message: `The request body is too large${limit ? ` (the limit is ${limit} bytes)` : ''}.` };
  }
  if (error instanceof URIError) return { status, message: 'The URL is not correctly percent-encoded.' };
  if (type === 'entity.parse.failed') return { status, message: 'The request body is not valid JSON.' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status, message: 'The request body must be UTF-8 JSON.' };
  }
  return { status, message: `The request could not be read (${String(type ?? status)}).` };
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => record[k] !== undefined && record[k] !== '').map((k) => [k, record[k]]));
}
