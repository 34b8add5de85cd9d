import { isAbortError, isWandbError, type WandbError } from '@run-comparer/wandb-client';

export interface ErrorDescription {
  /** The error's stable code (`rate_limited`, `auth`, ...), or null for errors from elsewhere. */
  code: string | null;
  /** One sentence for the person looking at the screen: what went wrong and what to do. */
  message: string;
  /** Whether trying again later can help (rate limits, timeouts, network and upstream faults). */
  retryable: boolean;
  /** How long to wait before retrying, when the server said. */
  retryAfterMs: number | null;
}

/** When the message promises a retry (timeouts, lost connections), the retry comes after this long. */
const RETRY_SOON_MS = 5_000;

/** Turn any failure into words a user can act on. Aborts are not failures: callers skip them. */
export function describeError(error: unknown): ErrorDescription {
  if (isAbortError(error)) return { code: 'aborted', message: 'Cancelled.', retryable: true, retryAfterMs: 0 };
  if (!isWandbError(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return { code: null, message: `Something went wrong: ${text}`, retryable: true, retryAfterMs: null };
  }
  return { code: error.code, ...describeWandbError(error) };
}

function describeWandbError(error: WandbError): Omit<ErrorDescription, 'code'> {
  switch (error.code) {
    case 'auth':
      return {
        message: `wandb refused the credentials: ${error.message} Check the server's WANDB_API_KEY.`,
        retryable: false,
        retryAfterMs: null,
      };
    case 'rate_limited': {
      const wait = (error as { retryAfterMs?: number | null }).retryAfterMs ?? null;
      const seconds = wait === null ? null : Math.max(1, Math.ceil(wait / 1000));
      return {
        message: `The server could not reach wandb: rate limited${seconds === null ? '' : `, retrying in ${seconds} s`}.`,
        retryable: true,
        retryAfterMs: wait ?? 5000,
      };
    }
    case 'timeout':
      return {
        message: `wandb took too long to answer; retrying. (${error.message})`,
        retryable: true,
        retryAfterMs: RETRY_SOON_MS,
      };
    case 'network':
      return {
        message: `Could not reach the server: ${error.message} Check your connection; retrying.`,
        retryable: true,
        retryAfterMs: RETRY_SOON_MS,
      };
    case 'upstream':
      // The source's own message names who failed (wandb, or the Run Comparer server).
      return { message: `${error.message} Retry in a moment.`, retryable: true, retryAfterMs: null };
    case 'graphql':
    case 'schema':
      return { message: `wandb answered with an error: ${error.message}`, retryable: true, retryAfterMs: null };
    default:
      return { message: error.message, retryable: false, retryAfterMs: null };
  }
}
