import { matchesFilter, sortRuns } from './filters.js';
import { HistoryLoadFailure, type HistoryControl } from './history-faults.js';
import { historyPage, parseSpec, sampledHistory } from './history.js';
import type { UrlSigner, UrlStyle } from './signing.js';
import type { Store, StoredFile, StoredProject, StoredRun } from './store.js';
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
    return connection(
      runs,
      args,
      (run) => run.id,
      (run) => new RunNode(byId.get(run.id)!, this.#project),
    );
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
    const all = [...this.#run.files.values()];
    const like = args.pattern ? likeToRegExp(args.pattern) : null;
    const matching =
      names.length > 0 ? all.filter((f) => names.includes(f.name)) : all.filter((f) => !like || like.test(f.name));
    return connection(
      matching,
      args,
      (file) => file.name,
      (file) => new FileNode(file, this.#run),
    );
  }
}

class FileNode {
  readonly #file: StoredFile;
  readonly #run: StoredRun;

  constructor(file: StoredFile, run: StoredRun) {
    this.#file = file;
    this.#run = run;
  }

  get id() {
    return Buffer.from(`File:${this.#run.data.id}:${this.#file.name}`).toString('base64');
  }
  get name() {
    return this.#file.name;
  }
  get sizeBytes() {
    return this.#file.bytes.byteLength;
  }
  get mimetype() {
    return this.#file.mimetype;
  }
  get md5() {
    return this.#file.md5;
  }
  get updatedAt() {
    return wandbTime(this.#run.data.heartbeatAt ?? this.#run.data.createdAt);
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
    return [entity, project, data.id, ...this.#file.name.split('/')].map(encodeURIComponent).join('/');
  }
}

/** A Relay-style page: `first` items after the item whose cursor is `after` (an unknown cursor is an error). */
function connection<T, N>(
  items: T[],
  args: { first?: number | null; after?: string | null },
  idOf: (item: T) => string,
  nodeOf: (item: T) => N,
) {
  const start = args.after ? items.findIndex((item) => idOf(item) === decodeCursor(args.after!)) + 1 : 0;
  if (start === 0 && args.after) throw new Error(`invalid cursor: ${args.after.slice(0, 40)}`);
  const first = args.first ?? 50;
  if (first < 0) throw new Error('first must not be negative');
  const edges = items
    .slice(start, start + first)
    .map((item) => ({ node: nodeOf(item), cursor: encodeCursor(idOf(item)) }));
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

function encodeCursor(id: string): string {
  return Buffer.from(`cursor:${id}`).toString('base64');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith('cursor:')) throw new Error(`invalid cursor: ${cursor.slice(0, 40)}`);
  return text.slice('cursor:'.length);
}

/** MySQL LIKE: `%` any run of characters, `_` one character. */
function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`);
}
