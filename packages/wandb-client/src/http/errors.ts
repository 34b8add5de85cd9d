import { isHTTPError, isNetworkError, isTimeoutError, SchemaValidationError } from 'ky';
import {
  AbortedError,
  errorFromBody,
  isWandbError,
  NetworkError,
  RateLimitError,
  redact,
  SchemaError,
  TimeoutError,
  UpstreamError,
  type WandbError,
} from '../errors.js';
import { parseRetryAfter } from '../internal/retry.js';
import { errorBodySchema } from './schemas.js';

export interface ErrorContext {
  /** What was being asked, for schema errors ("the runs of a project"). */
  what: string;
  baseUrl: string;
  signal?: AbortSignal | undefined;
  secrets: readonly string[];
}

/** Map whatever ky or fetch threw into one of the SDK's typed errors. */
export function toWandbError(error: unknown, context: ErrorContext): WandbError {
  if (isWandbError(error)) return error;
  const clean = (text: string) => redact(text, context.secrets);
  if (context.signal?.aborted || (error as { name?: unknown })?.name === 'AbortError') {
    return new AbortedError(undefined, { cause: error });
  }
  if (isHTTPError(error)) {
    const { status, statusText, headers } = error.response;
    const parsed = errorBodySchema.safeParse(error.data);
    const retryAfterMs = status === 429 ? parseRetryAfter(headers.get('retry-after')) : null;
    if (parsed.success) {
      const body = { ...parsed.data.error, message: clean(parsed.data.error.message) };
      if (status === 429 || body.code === 'rate_limited') {
        return new RateLimitError(body.message, retryAfterMs ?? body.retryAfterMs ?? null, { status });
      }
      return errorFromBody(body, status);
    }
    if (status === 429)
      return new RateLimitError('The Run Comparer server is rate limited; wait and try again.', retryAfterMs, {
        status,
      });
    return new UpstreamError(`The Run Comparer server at ${context.baseUrl} answered ${status} ${statusText}.`, {
      status,
    });
  }
  if (isTimeoutError(error)) {
    return new TimeoutError(`The Run Comparer server at ${context.baseUrl} did not answer in time; try again.`, {
      cause: error,
    });
  }
  if (isNetworkError(error) || error instanceof TypeError) {
    const reason = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    return new NetworkError(
      clean(`Could not reach the Run Comparer server at ${context.baseUrl}: ${reason}. Is it running?`),
      {
        cause: error,
      },
    );
  }
  if (error instanceof SchemaValidationError) {
    const issues = error.issues.map((i) => ({
      path: (i.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.'),
      message: i.message,
    }));
    return new SchemaError(context.what, issues, { cause: error });
  }
  return new UpstreamError(
    clean(`Asking the Run Comparer server for ${context.what} failed: ${String((error as Error)?.message ?? error)}`),
    {
      cause: error,
    },
  );
}
