import { InvalidArgumentError } from '../errors.js';
import { iterateRuns, notAdvancing } from '../iterate-runs.js';
import { checkPerPage, MAX_PER_PAGE } from '../internal/paging.js';
import type { CallOptions, ListRunsParams, Run, RunPage, RunRef } from '../types.js';
import { ProjectConfigKeys } from './config-keys.js';
import { errorFromGraphQL, projectNotFound } from './graphql-errors.js';
import { checkProjectRef, checkRunRef, runFilters } from './params.js';
import type { RunQueryBatcher } from './run-batch.js';
import {
  boundFilter,
  creationOrder,
  creationSecond,
  decodePosition,
  encodePosition,
  nextPosition,
  samePosition,
  type KeysetPosition,
} from './run-cursor.js';
import { LIGHT_RUN_FIELDS_FRAGMENT, RUN_FIELDS_FRAGMENT, runFromNode } from './run-node.js';
import { parseShape, RunNodeSchema, RunsPageSchema } from './schemas.js';
import type { GraphQLTransport } from './transport.js';

/** The run list query, with the light fragment (the default) or the full one. */
function runsQuery(detail: 'light' | 'full'): string {
  const [name, fragment] =
    detail === 'full' ? ['RunFields', RUN_FIELDS_FRAGMENT] : ['LightRunFields', LIGHT_RUN_FIELDS_FRAGMENT];
  return `query Runs($entity: String!, $project: String!, $cursor: String, $perPage: Int, $order: String, $filters: JSONString, $countFilters: JSONString) {
  project(name: $project, entityName: $entity) {
    runCount(filters: $countFilters)
    runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
      edges { node { ...${name} } cursor }
      pageInfo { endCursor hasNextPage }
    }
  }
}
${fragment}`;
}

/** Pages of runs wandb may answer in a row that only repeat runs already listed, before giving up. */
const MAX_EMPTY_HOPS = 20;

type RunsPage = ReturnType<typeof RunsPageSchema.parse>;

/** `wb.runs`: list a project's runs page by page, iterate them all, or get one. */
export class RunsResource {
  readonly #transport: GraphQLTransport;
  readonly #batcher: RunQueryBatcher;
  readonly #configKeys: ProjectConfigKeys;

  constructor(transport: GraphQLTransport, batcher: RunQueryBatcher) {
    this.#transport = transport;
    this.#batcher = batcher;
    this.#configKeys = new ProjectConfigKeys(transport);
  }

  /**
   * One page of runs, newest first unless `order` says otherwise. Ordered by creation time (the
   * default), the next page starts behind the last run listed even when runs are created, finish
   * or are deleted in between: none is skipped or listed twice (see run-cursor.ts).
   */
  async list(params: ListRunsParams, options: CallOptions = {}): Promise<RunPage> {
    checkProjectRef(params);
    const order = params.order || '-created_at';
    const configKeys = await this.#configKeys.forSearch(params, params.search, options.signal ?? undefined);
    const filters = runFilters(params.filters, params.search, configKeys);
    const perPage = checkPerPage(params.perPage);
    const direction = creationOrder(order);
    const detail = checkDetail(params.detail);
    let position = params.cursor ? decodePosition(params.cursor) : null;
    if (position && !direction) {
      throw new InvalidArgumentError(
        `This cursor belongs to a listing ordered by creation time, not by ${JSON.stringify(order)}; start again without a cursor.`,
      );
    }
    const ask = (cursor: string | null, bound: KeysetPosition | null, first = perPage) =>
      this.#page(
        params,
        {
          order,
          detail,
          perPage: first,
          filters,
          cursor,
          bound: bound && direction ? boundFilter(bound, direction) : null,
        },
        options,
      );

    if (!direction || (!position && params.cursor)) {
      // Another order (or a cursor wandb gave out): wandb's offsets as they are.
      const page = await ask(params.cursor || null, null);
      const edges = page.runs.edges;
      const lastCursor = edges.at(-1)?.cursor ?? page.runs.pageInfo.endCursor ?? null;
      return {
        runs: edges.map((edge) => runFromNode(edge.node, params, detail)),
        nextCursor: page.runs.pageInfo.hasNextPage ? lastCursor : null,
        total: page.runCount ?? null,
      };
    }

    for (let hop = 0; hop <= MAX_EMPTY_HOPS; hop++) {
      // Runs of the bound's second listed before come back first: ask for that many more.
      const skip = new Set(position?.seen);
      const page = await ask(position?.after ?? null, position, Math.min(MAX_PER_PAGE, perPage + skip.size));
      const total = page.runCount ?? null;
      const { kept, consumed } = takeFresh(page.runs.edges, skip, perPage);
      const runs = kept.map((edge) => runFromNode(edge.node, params, detail));
      const more = page.runs.pageInfo.hasNextPage || consumed.length < page.runs.edges.length;
      if (!more) return { runs, nextCursor: null, total };
      const lastCursor = consumed.at(-1)?.cursor ?? page.runs.pageInfo.endCursor ?? null;
      const seconds = consumed.map((edge) => ({ id: edge.node.name, second: creationSecond(edge.node.createdAt) }));
      if (seconds.some((run) => run.second === null)) {
        // wandb sent a run without a creation time: its own offset is all there is to go on.
        return { runs, nextCursor: lastCursor, total };
      }
      const next = nextPosition(position, seconds as Array<{ id: string; second: string }>, lastCursor);
      if (!next || samePosition(position, next)) throw notAdvancing(lastCursor, "wandb's run pages");
      if (runs.length > 0) return { runs, nextCursor: encodePosition(next), total };
      position = next;
    }
    throw notAdvancing(position?.after ?? null, "wandb's run pages");
  }

  /** Every run over all pages, each once (see {@link iterateRuns}). */
  iterate(params: Omit<ListRunsParams, 'cursor'>, options: CallOptions = {}): AsyncGenerator<Run, void, undefined> {
    return iterateRuns(this, params, options);
  }

  /** One run by its id (the slug in its URL). */
  async get(ref: RunRef, options: CallOptions = {}): Promise<Run> {
    checkRunRef(ref);
    const run = await this.#batcher.load(
      { ref, operation: 'Run', selection: '...RunFields', fragments: [RUN_FIELDS_FRAGMENT] },
      options.signal ?? undefined,
    );
    return runFromNode(parseShape(RunNodeSchema, run, `run ${ref.runId}`), ref);
  }

  async #page(
    project: ListRunsParams,
    query: {
      order: string;
      detail: 'light' | 'full';
      perPage: number;
      filters: Record<string, unknown>;
      cursor: string | null;
      bound: Record<string, unknown> | null;
    },
    options: CallOptions,
  ): Promise<RunsPage> {
    const hasFilters = Object.keys(query.filters).length > 0;
    const bounded = query.bound ? (hasFilters ? { $and: [query.filters, query.bound] } : query.bound) : query.filters;
    const variables = {
      entity: project.entity,
      project: project.project,
      cursor: query.cursor,
      perPage: query.perPage,
      order: query.order,
      filters: JSON.stringify(bounded),
      countFilters: JSON.stringify(query.filters),
    };
    const result = await this.#transport.request(
      { operationName: 'Runs', query: runsQuery(query.detail), variables },
      options.signal ?? undefined,
    );
    if (result.errors.length > 0) throw errorFromGraphQL(result.errors, project, result.status ?? null);
    const data = result.data?.project;
    if (data === null || data === undefined) throw projectNotFound(project);
    return parseShape(RunsPageSchema, data, 'the runs page');
  }
}

type RunEdge = RunsPage['runs']['edges'][number];

/** The first `count` edges not in `skip`, and every edge up to the last one kept (or all, if fewer). */
function takeFresh(edges: RunEdge[], skip: Set<string>, count: number): { kept: RunEdge[]; consumed: RunEdge[] } {
  const kept: RunEdge[] = [];
  let end = edges.length;
  for (let i = 0; i < edges.length && end === edges.length; i++) {
    if (skip.has(edges[i]!.node.name)) continue;
    kept.push(edges[i]!);
    if (kept.length === count) end = i + 1;
  }
  return { kept, consumed: edges.slice(0, end) };
}

function checkDetail(detail: unknown): 'light' | 'full' {
  if (detail === undefined || detail === 'light' || detail === 'full') return detail ?? 'light';
  throw new InvalidArgumentError(`detail must be "light" or "full"; got ${JSON.stringify(detail)}.`);
}
