import { z } from 'zod';
import { flattenConfig } from '../config/flatten-config.js';
import { parseRunQuery } from '../config/run-query.js';
import { SingleFlight } from '../shared-work.js';
import type { ProjectRef } from '../types.js';
import { errorFromGraphQL, projectNotFound } from './graphql-errors.js';
import { configOfNode } from './run-node.js';
import { parseShape } from './schemas.js';
import type { GraphQLTransport } from './transport.js';

/** Runs whose config names the keys a search looks in: the newest of the project. */
const RUNS_SAMPLED = 50;
/** How long a project's config keys are trusted before they are read again. */
const KEYS_TTL_MS = 60_000;

const QUERY = `query ProjectConfigKeys($entity: String!, $project: String!, $first: Int) {
  project(name: $project, entityName: $entity) {
    runs(first: $first, order: "-created_at") { edges { node { name config } } }
  }
}`;

const ConfigPageSchema = z.object({
  runs: z.object({
    edges: z.array(
      z.object({ node: z.object({ config: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish() }) }),
    ),
  }),
});

/**
 * The flattened config keys of a project's newest runs, read (one request, config only) when a
 * search has free words: a wandb filter can look for a word in config values only under keys it
 * names. Kept a minute per project; keys only older runs have are not searched.
 */
export class ProjectConfigKeys {
  readonly #transport: GraphQLTransport;
  readonly #known = new Map<string, { keys: string[]; at: number }>();
  readonly #flights = new SingleFlight();

  constructor(transport: GraphQLTransport) {
    this.#transport = transport;
  }

  /** The keys to look in for the free words of `search`; none when it has no free words. */
  async forSearch(project: ProjectRef, search: string | undefined, signal?: AbortSignal): Promise<string[]> {
    if (parseRunQuery(search).words.length === 0) return [];
    const id = JSON.stringify([project.entity, project.project]);
    const known = this.#known.get(id);
    if (known && Date.now() - known.at < KEYS_TTL_MS) return known.keys;
    return this.#flights.run(
      id,
      async (shared) => {
        const keys = await this.#read(project, shared);
        this.#known.set(id, { keys, at: Date.now() });
        return keys;
      },
      signal,
    );
  }

  async #read(project: ProjectRef, signal: AbortSignal): Promise<string[]> {
    const result = await this.#transport.request(
      {
        operationName: 'ProjectConfigKeys',
        query: QUERY,
        variables: { entity: project.entity, project: project.project, first: RUNS_SAMPLED },
      },
      signal,
    );
    if (result.errors.length > 0) throw errorFromGraphQL(result.errors, project, result.status ?? null);
    const data = result.data?.project;
    if (data === null || data === undefined) throw projectNotFound(project);
    const page = parseShape(ConfigPageSchema, data, 'the config of recent runs');
    const keys = new Set<string>();
    for (const { node } of page.runs.edges) {
      for (const key of Object.keys(flattenConfig(configOfNode(node.config)))) keys.add(key);
    }
    return [...keys].sort();
  }
}
