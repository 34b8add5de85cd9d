import { matchesFilter, sortRuns } from './filters.js';
import { HistoryLoadFailure, type HistoryControl } from './history-faults.js';
import { historyPage, parseSpec, sampledHistory } from './history.js';
import type { UrlSigner, UrlStyle } from './signing.js';
import { mimetypeOf, type Store, type StoredFile, type StoredProject, type StoredRun } from './store.js';
import { wandbTime } from './time.js';

/**
 * Resolvers as plain objects: graphql-js calls a source's method of the field's name with
 * `(args, context)`, so each GraphQL type is one small class.
 */
export interface ResolverContext {
  /** Where this server listens, for the URLs it hands out. */
  baseUrl: string;
  signer: UrlSigner;
  urlStyle: UrlStyle;
  urlTtlSeconds: number;
  historyKeysAsString: boolean;
  /** Per-run history quirks (unloadable history, odd entries). */
  history: HistoryControl;
  /** What this request read, for the request log. */
  tally: { specs: number };
}

export class QueryRoot {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  project(args: { name?: string | null; entityName?: string | null }) {
    if (!args.name) return null;
    const project = this.#store.project(args.entityName, args.name);
    return project ? new ProjectNode(project) : null;
  }
}

class ProjectNode {
  readonly #project: StoredProject;

  constructor(project: StoredProject) {
    this.#project = project;
  }

  get id() {
    return `project:${this.#project.internalId}`;
  }
  get name() {
    return this.#project.name;
  }
  get entityName() {
    return this.#project.entity;
  }
  get internalId() {
    return this.#project.internalId;
  }
  get readOnly() {
    return false;
  }

  runCount(args: { filters?: string | null }) {
    return this.#filtered(args.filters).length;
  }

  runs(args: { filters?: string | null; order?: string | null; first?: number | null; after?: string | null }) {
    const runs = sortRuns(
      this.#filtered(args.filters).map((r) => r.data),
      args.order,
    );
    const byId = new Map(this.#project.runs.map((r) => [r.data.id, r]));
    return connection(runs, args, (run) => new RunNode(byId.get(run.id)!, this.#project));
  }

  run(args: { name: string }) {
    const run = this.#project.runs.find((r) => r.data.id === args.name);
    return run ? new RunNode(run, this.#project) : null;
  }

  #filtered(filters: string | null | undefined): StoredRun[] {
    const filter = filters ? (JSON.parse(filters) as unknown) : {};
    return this.#project.runs.filter((run) => matchesFilter(run.data, filter));
  }
}

class RunNode {
  readonly #run: StoredRun;
  readonly #project: StoredProject;

  constructor(run: StoredRun, project: StoredProject) {
    this.#run = run;
    this.#project = project;
  }

  get id() {
    return Buffer.from(`Run:v1:${this.#run.data.id}:${this.#project.name}:${this.#project.entity}`).toString('base64');
  }
  get name() {
    return this.#run.data.id;
  }
  get displayName() {
    return this.#run.data.displayName;
  }
  get projectId() {
    return this.#project.internalId;
  }
  get state() {
    return this.#run.data.state;
  }
  get createdAt() {
    return wandbTime(this.#run.data.createdAt);
  }
  get heartbeatAt() {
    return wandbTime(this.#run.data.heartbeatAt ?? this.#run.data.createdAt);
  }
  get tags() {
    return this.#run.data.tags ?? [];
  }
  get group() {
    return this.#run.data.group ?? null;
  }
  get jobType() {
    return this.#run.data.jobType ?? null;
  }
  get notes() {
    return this.#run.data.notes ?? null;
  }
  get description() {
    return this.#run.data.notes ?? null;
  }
  get sweepName() {
    return null;
  }
  get commit() {
    return null;
  }
  get readOnly() {
    return false;
  }
  get historyLineCount() {
    return this.#run.data.history.length;
  }
  get config() {
    return this.#run.configJson;
  }
  get summaryMetrics() {
    return this.#run.summaryJson;
  }
  get systemMetrics() {
    return '{}';
  }
  get user() {
    return this.#run.data.user ?? null;
  }
  get fileCount() {
    return this.#run.files.size;
  }

  historyKeys(_args: unknown, context: ResolverContext) {
    const extra = context.history.of(this.#run.data.id).extraHistoryKeys;
    const base = this.#run.historyKeys;
    const keys = extra ? { ...base, keys: { ...base.keys, ...extra } } : base;
    return context.historyKeysAsString ? JSON.stringify(keys) : keys;
  }

  sampledHistory(args: { specs: string[] }, context: ResolverContext) {
    const quirks = this.#loadableHistory(context);
    context.tally.specs += args.specs.length;
    return args.specs.map((text) => {
      const spec = parseSpec(text);
      const samples = Math.min(spec.samples, quirks.maxRowsPerSpec ?? Infinity);
      const rows: Array<Record<string, unknown> | null> = sampledHistory(this.#run.data.history, { ...spec, samples });
      const every = quirks.nullRowEvery;
      if (every) for (let at = every; at <= rows.length; at += every + 1) rows.splice(at, 0, null);
      return rows;
    });
  }

  history(
    args: { minStep?: number | null; maxStep?: number | null; samples?: number | null },
    context: ResolverContext,
  ) {
    this.#loadableHistory(context);
    const rows = historyPage(this.#run.data.history, args.minStep ?? 0, args.maxStep ?? Infinity, args.samples ?? 500);
    return rows.map((row) => JSON.stringify(row));
  }

  #loadableHistory(context: ResolverContext) {
    const quirks = context.history.of(this.#run.data.id);
    if (quirks.unloadable)
      throw new HistoryLoadFailure(`${this.#project.entity}/${this.#project.name}/${this.#run.data.id}`);
    return quirks;
  }

  files(args: {
    names?: Array<string | null> | null;
    first?: number | null;
    after?: string | null;
    pattern?: string | null;
  }) {
    const names = (args.names ?? []).filter((n): n is string => typeof n === 'string');
    if (names.length > 0 && args.pattern) throw new Error('names and pattern cannot be used together');
    if (names.length > 0) {
      // One node per name asked, in that order; a name the run never uploaded still gets a node (see FileNode).
      return connection(names, args, (name) => new FileNode(name, this.#run.files.get(name) ?? null, this.#run));
    }
    const like = args.pattern ? likeToRegExp(args.pattern) : null;
    const matching = [...this.#run.files.values()].filter((f) => !like || like.test(f.name));
    return connection(matching, args, (file) => new FileNode(file.name, file, this.#run));
  }
}

/**
 * A run file. Asked for by a name the run has no file under, wandb's resolver still answers a
 * node, with size 0, md5 "0" and no updatedAt (wandb/sdk/wandb_run.py `restore` checks
 * `md5 == "0"`; wandb/client-ng#187 quotes the resolver); its directUrl leads to no object.
 */
class FileNode {
  readonly #name: string;
  readonly #file: StoredFile | null;
  readonly #run: StoredRun;

  constructor(name: string, file: StoredFile | null, run: StoredRun) {
    this.#name = name;
    this.#file = file;
    this.#run = run;
  }

  get id() {
    return Buffer.from(`File:${this.#run.data.id}:${this.#name}`).toString('base64');
  }
  get name() {
    return this.#name;
  }
  get sizeBytes() {
    return this.#file?.bytes.byteLength ?? 0;
  }
  get mimetype() {
    return this.#file?.mimetype ?? mimetypeOf(this.#name);
  }
  get md5() {
    return this.#file?.md5 ?? '0';
  }
  get updatedAt() {
    return this.#file ? wandbTime(this.#run.data.heartbeatAt ?? this.#run.data.createdAt) : null;
  }

  /** The API route that needs the key and redirects to storage. */
  url(_args: unknown, context: ResolverContext) {
    return new URL(`files/${this.#storagePath()}`, `${context.baseUrl}/`).toString();
  }

  /** The signed storage URL, loadable without the key until it expires. */
  directUrl(_args: unknown, context: ResolverContext) {
    return context.signer.sign(
      `${context.baseUrl}/`,
      `storage/${this.#storagePath()}`,
      context.urlTtlSeconds,
      context.urlStyle,
    );
  }

  #storagePath(): string {
    const { entity, project, data } = this.#run;
    return [entity, project, data.id, ...this.#name.split('/')].map(encodeURIComponent).join('/');
  }
}

/**
 * A Relay page as graphql-relay's `connectionFromArray` builds it, which is what wandb answers
 * (wandb/wandb#6614 shows `YXJyYXljb25uZWN0aW9uOjE5OQ==`, base64 of `arrayconnection:199`): each
 * edge's cursor is its offset in the ordered list, and `after` starts right behind that offset. So
 * rows created or deleted between two requests shift what the next page holds, as on the real server.
 */
function connection<T, N>(items: T[], args: { first?: number | null; after?: string | null }, nodeOf: (item: T) => N) {
  const start = args.after ? offsetOf(args.after) + 1 : 0;
  const first = args.first ?? 50;
  if (first < 0) throw new Error('first must not be negative');
  const edges = items
    .slice(start, start + first)
    .map((item, i) => ({ node: nodeOf(item), cursor: offsetCursor(start + i) }));
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
    },
  };
}

const CURSOR_PREFIX = 'arrayconnection:';

function offsetCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64');
}

function offsetOf(cursor: string): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new Error(`invalid cursor: ${cursor.slice(0, 40)}`);
  return offset;
}

/** MySQL LIKE: `%` any run of characters, `_` one character. */
function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`);
}
