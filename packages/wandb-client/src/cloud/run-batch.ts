import { UpstreamError } from '../errors.js';
import { Batcher } from '../internal/batcher.js';
import type { RunRef } from '../types.js';
import { errorFromGraphQL, projectNotFound, runNotFound } from './graphql-errors.js';
import type { RequestBudget } from './history-plan.js';
import { isServerError, type GraphQLRequest, type GraphQLResult, type GraphQLTransport } from './transport.js';

/** One read of one run: a selection inside `project(...) { run(name: ...) { <selection> } }`. */
export interface RunQuery {
  ref: RunRef;
  /** Names the GraphQL operation when the batch holds only this kind of query (e.g. `RunFiles`). */
  operation: string;
  /** The fields to select on the run; `$name` refers to an entry of `variables`. */
  selection: string;
  variables?: Record<string, { type: string; value: unknown }>;
  /** Fragment definitions the selection spreads, included once per request. */
  fragments?: string[];
  /** The `sampledHistory` specs this query asks, and the most rows they can answer (counted against the budget). */
  cost?: { specs: number; rows: number };
}

export interface RunBatchLimits {
  /** Most runs (aliases) per request. */
  runs: number;
  /** Most `sampledHistory` specs, and the rows they can answer, per request over all its runs. */
  history: RequestBudget;
  /** Most requests in flight at once; one more may carry {@link isPointRead point reads} only. */
  concurrent: number;
}

/**
 * A read that answers little and that someone is looking at: a run's `historyKeys`, its files'
 * URLs, or `sampledHistory` specs of at most one row each (the exact-step reads of `images.at`).
 * These go before whole-history reads (an image index, step lists), and have one request slot
 * of their own, so the visible step shows while an index of the same runs is still loading.
 */
export function isPointRead(query: RunQuery): boolean {
  return query.cost === undefined || query.cost.rows <= query.cost.specs;
}

/**
 * Sends the run queries made in the same tick as one GraphQL request, each under its own alias
 * (`q0: project(...) { run(...) {...} } q1: ...`), and hands every caller its own run object or error.
 */
export class RunQueryBatcher {
  readonly #batcher: Batcher<RunQuery, Record<string, unknown>>;
  readonly #transport: GraphQLTransport;

  constructor(transport: GraphQLTransport, limits: RunBatchLimits) {
    this.#transport = transport;
    this.#batcher = new Batcher((items, signal) => this.#send(items, signal, false), {
      maxBatchSize: limits.runs,
      maxConcurrent: limits.concurrent,
      priority: (item) => (isPointRead(item) ? 1 : 0),
      reservedForPriority: 1,
      fits: (batch, next) => {
        const specs = next.cost?.specs ?? 0;
        const rows = next.cost?.rows ?? 0;
        if (specs === 0) return true;
        const used = batch.reduce(
          (sum, item) => ({ specs: sum.specs + (item.cost?.specs ?? 0), rows: sum.rows + (item.cost?.rows ?? 0) }),
          { specs: 0, rows: 0 },
        );
        return used.specs + specs <= limits.history.specs && used.rows + rows <= limits.history.rows;
      },
      keyOf: (item) => JSON.stringify([item.ref, item.selection, item.variables ?? null]),
    });
  }

  /** The selected run object (`run { ... }`), or a typed error naming what was missing. */
  load(query: RunQuery, signal?: AbortSignal): Promise<Record<string, unknown>> {
    return this.#batcher.load(query, signal);
  }

  /**
   * One request for `items`. wandb fails a whole request with HTTP 500 when it cannot load one run's
   * history (wandb/wandb#4605), so a batch that still fails after one retry is split in halves, asked
   * separately, until the failing run is alone and the others have their answers. The one retry first
   * keeps a passing hiccup from costing more requests; parts of a failed batch get that single retry
   * too, so isolating a run takes a few seconds, not the full retry policy at every level. A request
   * that never failed keeps the full policy.
   */
  async #send(
    items: RunQuery[],
    signal: AbortSignal,
    failedBefore: boolean,
  ): Promise<Array<Record<string, unknown> | Error>> {
    const short = items.length > 1 || failedBefore;
    try {
      const result = await this.#transport.request(
        buildRunBatch(items),
        signal,
        short ? { serverErrorRetries: 1 } : {},
      );
      return routeRunBatch(items, result);
    } catch (error) {
      if (items.length === 1 || !isServerError(error)) throw error;
      const answers = await Promise.all(
        halves(items).map((part) =>
          this.#send(part, signal, true).catch((failure: unknown) => part.map(() => asError(failure))),
        ),
      );
      return answers.flat();
    }
  }
}

function halves<T>(items: T[]): T[][] {
  const mid = Math.ceil(items.length / 2);
  return [items.slice(0, mid), items.slice(mid)];
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

export function buildRunBatch(items: RunQuery[]): GraphQLRequest {
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const fields: string[] = [];
  const fragments = new Set<string>();
  items.forEach((item, i) => {
    const alias = `q${i}`;
    const own = {
      entity: { type: 'String!', value: item.ref.entity },
      project: { type: 'String!', value: item.ref.project },
      run: { type: 'String!', value: item.ref.runId },
      ...item.variables,
    };
    for (const [name, { type, value }] of Object.entries(own)) {
      declarations.push(`$${alias}_${name}: ${type}`);
      variables[`${alias}_${name}`] = value;
    }
    const selection = item.selection.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) =>
      name in own ? `$${alias}_${name}` : whole,
    );
    fields.push(
      `${alias}: project(name: $${alias}_project, entityName: $${alias}_entity) { run(name: $${alias}_run) { ${selection} } }`,
    );
    for (const fragment of item.fragments ?? []) fragments.add(fragment);
  });
  const kinds = new Set(items.map((item) => item.operation));
  const operationName = kinds.size === 1 ? [...kinds][0]! : 'RunBatch';
  const query = `query ${operationName}(${declarations.join(', ')}) {\n  ${fields.join('\n  ')}\n}\n${[...fragments].join('\n')}`;
  return { operationName, query, variables };
}

export function routeRunBatch(items: RunQuery[], result: GraphQLResult): Array<Record<string, unknown> | Error> {
  const aliases = new Set(items.map((_, i) => `q${i}`));
  const unscoped = result.errors.filter((e) => !aliases.has(String(e.path?.[0])));
  return items.map((item, i) => {
    const alias = `q${i}`;
    const scoped = result.errors.filter((e) => e.path?.[0] === alias);
    if (scoped.length > 0) return errorFromGraphQL(scoped, item.ref);
    const project = result.data?.[alias];
    if (project === undefined || (project === null && unscoped.length > 0)) {
      return unscoped.length > 0
        ? errorFromGraphQL(unscoped, item.ref)
        : new UpstreamError(`wandb's answer had no data for run ${item.ref.runId}.`);
    }
    if (project === null) return projectNotFound(item.ref);
    const run = (project as { run?: unknown }).run;
    if (run === null || run === undefined || typeof run !== 'object') return runNotFound(item.ref);
    return run as Record<string, unknown>;
  });
}
