/**
 * Failures to inject into the next GraphQL requests, to test how a client copes. Each fault
 * applies to `times` requests (default 1), optionally only to one operation name, in the order added.
 */
export type Fault =
  /**
   * Answer with this HTTP status (e.g. 429 with `retryAfter: '2'`, or 500/502/503). `rateLimitReset`
   * sends `RateLimit-Remaining: 0` and `RateLimit-Reset: <seconds>`, as wandb documents for its 429s.
   */
  | { kind: 'status'; status: number; retryAfter?: string; rateLimitReset?: string; body?: string }
  /** Wait this long, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Answer 200 with a body cut off mid-JSON. */
  | { kind: 'malformed' }
  /**
   * Answer `{ data: null, errors }`, with HTTP 200 or `status` (a 4xx carrying GraphQL errors).
   * `form`: entries as `{ message }` objects (default), as plain strings, or one `{ error: "..." }`:
   * wandb sends all three (wandb/util.py `parse_backend_error_messages`).
   */
  | { kind: 'graphql-errors'; messages: string[]; status?: number; form?: 'objects' | 'strings' | 'error' }
  /** Drop the connection without answering. */
  | { kind: 'disconnect' };

export interface FaultRule {
  fault: Fault;
  /** Only requests with this operation name; any when omitted. */
  operation?: string;
  times?: number;
}

export class FaultControl {
  #rules: Array<Required<Pick<FaultRule, 'times'>> & FaultRule> = [];
  /** Lifetime of the signed media URLs handed out from now on. */
  urlTtlSeconds: number;

  constructor(urlTtlSeconds: number) {
    this.urlTtlSeconds = urlTtlSeconds;
  }

  /** Queue a fault for the next matching request(s). */
  add(fault: Fault, options: Omit<FaultRule, 'fault'> = {}): this {
    this.#rules.push({
      fault,
      times: options.times ?? 1,
      ...(options.operation ? { operation: options.operation } : {}),
    });
    return this;
  }

  clear(): void {
    this.#rules = [];
  }

  get pending(): number {
    return this.#rules.reduce((n, rule) => n + rule.times, 0);
  }

  /** The fault for this request, consuming one use of it. */
  take(operation: string | null): Fault | null {
    const rule = this.#rules.find((r) => r.operation === undefined || r.operation === operation);
    if (!rule) return null;
    rule.times--;
    if (rule.times <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return rule.fault;
  }
}
