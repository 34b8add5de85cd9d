import { sleep, throwIfAborted } from './abort.js';

// The one retry loop of the SDK, used by the cloud client and the HTTP source alike, with ky's own
// retry off: ky retries only until a response arrives, but a wandb answer cut off or stalled after
// its 200 headers must be asked again (the body is read inside the attempt), and a wait longer than
// allowed must fail at once with its length in RateLimitError.retryAfterMs (for a countdown) where
// ky's maxRetryAfter would sleep the capped time and its totalTimeout would throw a TimeoutError.

/** How hard to retry failed reads. Every field is optional for callers; see {@link DEFAULT_RETRY}. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Wait before the first retry; doubles on each retry, plus up to 25% jitter. */
  baseDelayMs: number;
  /** Longest single wait, including a server's Retry-After. */
  maxDelayMs: number;
  /** Give up rather than start a wait that would end later than this after the first attempt. */
  maxElapsedMs: number;
}

/** wandb's own clients back off from 1–2 s, doubling, with up to 25% jitter; we cap the whole read at a minute. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 5, baseDelayMs: 1000, maxDelayMs: 30_000, maxElapsedMs: 60_000 };

/** Statuses that another attempt cannot fix (the same set wandb-core never retries). */
const NEVER_RETRIED = new Set([400, 401, 403, 404, 409, 410, 413, 422, 501]);

/** Rate limits, request timeouts and server errors are worth another try; other client errors are not. */
export function isRetryableStatus(status: number): boolean {
  if (NEVER_RETRIED.has(status)) return false;
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The wait a `Retry-After` header asks for, in ms: delta-seconds (fractions allowed, as wandb-core
 * accepts) or an HTTP date. Null when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * How long a rate-limited answer asks to wait, in ms: `Retry-After`, else `RateLimit-Reset` (the
 * seconds until the quota window resets, which wandb documents for its 429s alongside
 * `RateLimit-Remaining`; wandb-core reads both, internal/api/ratelimitheaders.go). Null when neither says.
 */
export function rateLimitWait(headers: Headers, now = Date.now()): number | null {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  const reset = headers.get('ratelimit-reset')?.trim();
  if (!reset || !/^\d+(\.\d+)?$/.test(reset)) return null;
  return Math.round(Number(reset) * 1000);
}

/** Exponential backoff for retry number `retry` (1-based), with 0–25% added jitter, clamped. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(policy.maxDelayMs, base * (1 + 0.25 * random()));
}

export type AttemptOutcome<T> =
  { ok: true; value: T } | { ok: false; error: Error; retryable: boolean; retryAfterMs?: number | null };

/**
 * Run `attempt` until it succeeds, fails for good, runs out of retries or time, or `signal` aborts.
 * A server's Retry-After wins over the computed backoff. Throws the last failure's error.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
  policy: RetryPolicy | null,
  signal?: AbortSignal | null,
): Promise<T> {
  const started = Date.now();
  for (let attemptNumber = 0; ; attemptNumber++) {
    throwIfAborted(signal);
    const outcome = await attempt(attemptNumber);
    if (outcome.ok) return outcome.value;
    if (!outcome.retryable || !policy || attemptNumber >= policy.retries) throw outcome.error;
    const wait = Math.min(policy.maxDelayMs, outcome.retryAfterMs ?? backoffDelay(attemptNumber + 1, policy));
    if (outcome.retryAfterMs != null && outcome.retryAfterMs > policy.maxDelayMs) throw outcome.error;
    if (Date.now() - started + wait > policy.maxElapsedMs) throw outcome.error;
    await sleep(wait, signal);
  }
}
