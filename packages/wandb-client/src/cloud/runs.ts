import { UpstreamError } from '../errors.js';
import { checkPerPage } from '../internal/paging.js';
import type { CallOptions, ListRunsParams, Run, RunPage, RunRef } from '../types.js';
import { errorFromGraphQL, projectNotFound } from './graphql-errors.js';
import { checkProjectRef, checkRunRef, runFilters } from './params.js';
import type { RunQueryBatcher } from './run-batch.js';
import { RUN_FIELDS_FRAGMENT, runFromNode } from './run-node.js';
import { parseShape, RunNodeSchema, RunsPageSchema } from './schemas.js';
import type { GraphQLTransport } from './transport.js';

const RUNS_QUERY = `query Runs($entity: String!, $project: String!, $cursor: String, $perPage: Int, $order: String, $filters: JSONString) {
  project(name: $project, entityName: $entity) {
    runCount(filters: $filters)
    runs(filters: $filters, after: $cursor, first: $perPage, order: $order) {
      edges { node { ...RunFields } cursor }
      pageInfo { endCursor hasNextPage }
    }
  }
}
${RUN_FIELDS_FRAGMENT}`;

/** `wb.runs`: list a project's runs page by page, iterate them all, or get one. */
export class RunsResource {
  readonly #transport: GraphQLTransport;
  readonly #batcher: RunQueryBatcher;

  constructor(transport: GraphQLTransport, batcher: RunQueryBatcher) {
    this.#transport = transport;
    this.#batcher = batcher;
  }

  /** One page of runs, newest first unless `order` says otherwise. */
  async list(params: ListRunsParams, options: CallOptions = {}): Promise<RunPage> {
    checkProjectRef(params);
    const variables = {
      entity: params.entity,
      project: params.project,
      cursor: params.cursor || null,
      perPage: checkPerPage(params.perPage),
      order: params.order || '-created_at',
      filters: JSON.stringify(runFilters(params.filters, params.search)),
    };
    const result = await this.#transport.request(
      { operationName: 'Runs', query: RUNS_QUERY, variables },
      options.signal ?? undefined,
    );
    if (result.errors.length > 0) throw errorFromGraphQL(result.errors, params);
    const project = result.data?.project;
    if (project === null || project === undefined) throw projectNotFound(params);
    const page = parseShape(RunsPageSchema, project, 'the runs page');
    const edges = page.runs.edges;
    const lastCursor = edges.at(-1)?.cursor ?? page.runs.pageInfo.endCursor ?? null;
    return {
      runs: edges.map((edge) => runFromNode(edge.node, params)),
      nextCursor: page.runs.pageInfo.hasNextPage ? lastCursor : null,
      total: page.runCount ?? null,
    };
  }

  /** Every run over all pages. Throws if wandb hands back a cursor that does not move on. */
  async *iterate(
    params: Omit<ListRunsParams, 'cursor'>,
    options: CallOptions = {},
  ): AsyncGenerator<Run, void, undefined> {
    let cursor: string | null = null;
    const seen = new Set<string>();
    for (;;) {
      const page: RunPage = await this.list({ ...params, cursor }, options);
      yield* page.runs;
      if (page.nextCursor === null) return;
      if (seen.has(page.nextCursor) || page.runs.length === 0) {
        throw new UpstreamError(
          `wandb's run pages stopped advancing (cursor ${JSON.stringify(page.nextCursor.slice(0, 40))} came back again or a page was empty); stopped to avoid looping forever.`,
        );
      }
      seen.add(page.nextCursor);
      cursor = page.nextCursor;
    }
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
}
