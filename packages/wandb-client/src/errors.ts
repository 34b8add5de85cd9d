/**
 * One small error hierarchy for every source. Each error has a stable `code` (safe to send to a
 * browser and to branch on), a message that says what was wrong and what to do, and never a
 * credential: messages pass through {@link redact} before they are stored.
 */

export type WandbErrorCode =
  | 'auth'
  | 'not_found'
  | 'rate_limited'
  | 'graphql'
  | 'schema'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid_argument'
  | 'upstream'
  | 'unsupported'
  | 'run_file';

const BRAND = Symbol.for('run-comparer.wandb-error');

export interface WandbErrorOptions {
  cause?: unknown;
  /** HTTP status of the upstream response, where there was one. */
  status?: number | null;
}

export class WandbError extends Error {
  readonly code: WandbErrorCode;
  readonly status: number | null;
  readonly [BRAND] = true;

  constructor(code: WandbErrorCode, message: string, options: WandbErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WandbError';
    this.code = code;
    this.status = options.status ?? null;
  }

  /** What may be shown to a user or sent over the wire: no stack, no request, no headers. */
  toJSON(): { name: string; code: WandbErrorCode; message: string; status: number | null } {
    return { name: this.name, code: this.code, message: this.message, status: this.status };
  }
}

/** 401/403: the key is missing, wrong, or lacks access. */
export class AuthError extends WandbError {
  constructor(message: string, options?: WandbErrorOptions) {
    super('auth', message, options);
    this.name = 'AuthError';
  }
}

export type NotFoundKind = 'entity' | 'project' | 'run' | 'file' | 'key' | 'step';

export class NotFoundError extends WandbError {
  readonly kind: NotFoundKind;
  readonly what: string;
  constructor(kind: NotFoundKind, what: string, message?: string, options?: WandbErrorOptions) {
    super('not_found', message ?? `${capitalize(kind)} "${what}" was not found.`, options);
    this.name = 'NotFoundError';
    this.kind = kind;
    this.what = what;
  }
}

export class RateLimitError extends WandbError {
  /** How long the server asked us to wait, in milliseconds, or null when it did not say. */
  readonly retryAfterMs: number | null;
  constructor(message: string, retryAfterMs: number | null, options?: WandbErrorOptions) {
    super('rate_limited', message, { status: 429, ...options });
    this.name = 'RateLimitError';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
}

/** GraphQL `errors[]` in a response body (often with HTTP 200). */
export class GraphQLError extends WandbError {
  readonly errors: GraphQLErrorEntry[];
  constructor(errors: GraphQLErrorEntry[], message?: string, options?: WandbErrorOptions) {
    super(
      'graphql',
      message ?? `wandb answered with GraphQL errors: ${errors.map((e) => e.message).join('; ')}`,
      options,
    );
    this.name = 'GraphQLError';
    this.errors = errors;
  }
}

export interface SchemaIssue {
  path: string;
  message: string;
}

/** A response did not have the shape this client expects (the API changed, or a proxy interfered). */
export class SchemaError extends WandbError {
  readonly issues: SchemaIssue[];
  constructor(what: string, issues: SchemaIssue[], options?: WandbErrorOptions) {
    const first = issues[0];
    const where = first ? ` at ${first.path || '(root)'}: ${first.message}` : '';
    super('schema', `Unexpected response shape for ${what}${where}.`, options);
    this.name = 'SchemaError';
    this.issues = issues;
  }
}

export class NetworkError extends WandbError {
  constructor(message: string, options?: WandbErrorOptions) {
    super('network', message, options);
    this.name = 'NetworkError';
  }
}

export class TimeoutError extends WandbError {
  constructor(message: string, options?: WandbErrorOptions) {
    super('timeout', message, options);
    this.name = 'TimeoutError';
  }
}

/** The caller aborted. `name` is `AbortError`, as for the platform's own abort errors. */
export class AbortedError extends WandbError {
  constructor(message = 'The request was aborted.', options?: WandbErrorOptions) {
    super('aborted', message, options);
    this.name = 'AbortError';
  }
}

export class InvalidArgumentError extends WandbError {
  constructor(message: string, options?: WandbErrorOptions) {
    super('invalid_argument', message, options);
    this.name = 'InvalidArgumentError';
  }
}

/** The upstream service failed (5xx, malformed body) and retries did not help. */
export class UpstreamError extends WandbError {
  constructor(message: string, options?: WandbErrorOptions) {
    super('upstream', message, options);
    this.name = 'UpstreamError';
  }
}

export class UnsupportedError extends WandbError {
  constructor(message: string, options?: WandbErrorOptions) {
    super('unsupported', message, options);
    this.name = 'UnsupportedError';
  }
}

/** A local run file is missing, unreadable or damaged beyond use. */
export class RunFileError extends WandbError {
  constructor(message: string, options?: WandbErrorOptions) {
    super('run_file', message, options);
    this.name = 'RunFileError';
  }
}

/** Cross-realm check (works across duplicate copies of this package). */
export function isWandbError(value: unknown): value is WandbError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

export function isAbortError(value: unknown): boolean {
  return (
    (isWandbError(value) && value.code === 'aborted') ||
    (typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError')
  );
}

/** The JSON an HTTP API sends for an error: `{ error: { code, message, ... } }`. */
export interface ErrorBody {
  code: string;
  message: string;
  retryAfterMs?: number | null;
  kind?: string;
  what?: string;
}

/** Rebuild a typed error from an error body (the HTTP source uses this on server answers). */
export function errorFromBody(body: ErrorBody, status: number | null): WandbError {
  const options = { status };
  switch (body.code) {
    case 'auth':
      return new AuthError(body.message, options);
    case 'not_found':
      return new NotFoundError((body.kind as NotFoundKind) ?? 'run', body.what ?? '', body.message, options);
    case 'rate_limited':
      return new RateLimitError(body.message, body.retryAfterMs ?? null, options);
    case 'graphql':
      return new GraphQLError([{ message: body.message }], body.message, options);
    case 'schema':
      return Object.assign(new SchemaError('a server response', [], options), { message: body.message });
    case 'network':
      return new NetworkError(body.message, options);
    case 'timeout':
      return new TimeoutError(body.message, options);
    case 'aborted':
      return new AbortedError(body.message, options);
    case 'invalid_argument':
      return new InvalidArgumentError(body.message, options);
    case 'unsupported':
      return new UnsupportedError(body.message, options);
    case 'run_file':
      return new RunFileError(body.message, options);
    default:
      return new UpstreamError(body.message, options);
  }
}

const REDACTED = '[REDACTED]';

/**
 * Remove secrets from text: each secret itself, its `api:<secret>` Basic-auth base64 form, and
 * the query strings of signed storage URLs (which grant access on their own).
 */
export function redact(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join(REDACTED);
    for (const form of basicForms(secret)) out = out.split(form).join(REDACTED);
  }
  out = out.replace(/(Basic\s+)[A-Za-z0-9+/=]{8,}/g, `$1${REDACTED}`);
  out = out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1${REDACTED}`);
  out = out.replace(
    /(https?:\/\/[^\s"'?]+)\?[^\s"']*(X-Amz-Signature|X-Goog-Signature|sig=|Signature=)[^\s"']*/gi,
    `$1?${REDACTED}`,
  );
  return out;
}

function basicForms(secret: string): string[] {
  const encode = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));
  return [encode(`api:${secret}`), encode(`:${secret}`)];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
