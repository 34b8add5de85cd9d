import { isAbortError, sameProject, type ProjectRef, type Run, type RunSource } from '@run-comparer/wandb-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { stateFilters, type RunQuery } from './run-filter.js';

export type RunListStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Loads a project's runs page by page for the picker. A new query (project, text or state) aborts
 * whatever is in flight and ignores its answer even if the source cannot cancel, so a slow answer
 * to an earlier search never replaces a newer one.
 */
export class RunListController implements ReactiveController {
  runs: Run[] = [];
  total: number | null = null;
  nextCursor: string | null = null;
  status: RunListStatus = 'idle';
  loadingMore = false;
  /** Why the first page failed. */
  error: unknown = null;
  /** Why a further page failed (the rows already loaded stay). */
  moreError: unknown = null;

  #source: RunSource | undefined;
  #project: ProjectRef | null = null;
  #query: RunQuery = { search: '', state: '' };
  /** Set when a load was dropped before it answered, so the same query loads again. */
  #stale = false;
  #inFlight: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onFailure: (error: unknown) => void,
    private readonly perPage = 50,
  ) {
    host.addController(this);
  }

  /** Load this query unless it is the one already shown or loading. */
  sync(source: RunSource | undefined, project: ProjectRef | null, query: RunQuery): void {
    const sameList = source === this.#source && sameProject(project, this.#project);
    const sameQuery = query.search === this.#query.search && query.state === this.#query.state;
    if (sameList && sameQuery && !this.#stale) return;
    this.abort();
    this.#source = source;
    this.#project = project;
    this.#query = query;
    this.#stale = false;
    if (!sameList) this.#reset();
    if (source && project) void this.#fetch(null);
    else this.status = 'idle';
  }

  /** Load the next page, if there is one and nothing is loading. */
  loadMore(): void {
    if (this.status === 'ready' && this.nextCursor && !this.loadingMore && !this.moreError)
      void this.#fetch(this.nextCursor);
  }

  retry(): void {
    if (this.status === 'error') void this.#fetch(null);
    else if (this.moreError) {
      this.moreError = null;
      this.loadMore();
    }
  }

  /** Drop what is in flight; the next `sync` loads again even for the same query. */
  abort(): void {
    if (!this.#inFlight) return;
    this.#inFlight.abort();
    this.#inFlight = null;
    this.loadingMore = false;
    if (this.status === 'loading') this.#stale = true;
  }

  hostDisconnected(): void {
    this.abort();
  }

  #reset(): void {
    this.runs = [];
    this.total = null;
    this.nextCursor = null;
  }

  async #fetch(cursor: string | null): Promise<void> {
    const { entity, project } = this.#project!;
    const search = this.#query.search.trim();
    const filters = stateFilters(this.#query.state);
    const source = this.#source!;
    this.#inFlight?.abort();
    const controller = (this.#inFlight = new AbortController());
    if (cursor === null) {
      this.status = 'loading';
      this.error = null;
      this.moreError = null;
    } else {
      this.loadingMore = true;
    }
    this.host.requestUpdate();
    try {
      const page = await source.list(
        {
          entity,
          project,
          perPage: this.perPage,
          cursor,
          ...(search ? { search } : {}),
          ...(filters ? { filters } : {}),
        },
        { signal: controller.signal },
      );
      if (controller !== this.#inFlight) return;
      const seen = new Set(cursor === null ? [] : this.runs.map((r) => r.id));
      this.runs = [...(cursor === null ? [] : this.runs), ...page.runs.filter((r) => !seen.has(r.id))];
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      this.status = 'ready';
    } catch (error) {
      if (controller !== this.#inFlight || isAbortError(error)) return;
      if (cursor === null) {
        this.status = 'error';
        this.error = error;
      } else {
        this.moreError = error;
      }
      this.onFailure(error);
    } finally {
      if (controller === this.#inFlight) {
        this.#inFlight = null;
        this.loadingMore = false;
        this.host.requestUpdate();
      }
    }
  }
}
