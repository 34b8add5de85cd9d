import { isAbortError, type ProjectRef, type Run, type RunSource } from '@run-comparer/wandb-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  SelectionChangeEvent,
  withRef,
  type SelectionChange,
  type SelectionStore,
} from '../context/selection-store.js';
import { ImageKeysChangeEvent } from '../events/image-keys-change.js';
import { RunSelectionChangeEvent } from '../events/run-selection-change.js';
import { describeError } from '../internal/describe-error.js';
import type { Align } from './align.js';
import type { Sample } from './evolution-view.js';
import { readViewState, viewStateOf, writeViewState, type ViewState } from './url-state.js';

export interface UrlSyncOptions {
  /** The selection to keep in the URL (it may change, e.g. when an outer provider appears). */
  store: () => SelectionStore;
  source: () => RunSource | undefined;
  /** The project to show when the URL names none (the element's attributes). */
  defaultProject: () => ProjectRef | null;
  /** Whether to read and write the page URL at all. */
  enabled: () => boolean;
  /** How many of the newest runs to select when a view opens with none (0: none). */
  initialRuns: () => number;
  /** The line-up of lists chosen by hand (null: none), and where a restored one goes. */
  align: () => Align | null;
  restoreAlign: (align: Align | null) => void;
  /** The sample of the evolution view (null: the grid), and where a restored one goes. */
  sample?: () => Sample | null;
  restoreSample?: (sample: Sample | null) => void;
  /** Whether a first visit also opens the oldest run of the newest run's sweep group (the baseline). */
  baseline?: () => boolean;
}

/** Changes that get their own history entry when the user made them; the step only replaces. */
const NAVIGATIONS: ReadonlySet<SelectionChange> = new Set(['project', 'runs', 'keys']);

/**
 * Keeps a comparer's selection in the page's query string, so a link reopens the same view and
 * Back/Forward walk through it. A user's choice of project, runs or keys, a change of the images
 * marked for comparison, and opening or closing the detail view push a history entry; step moves,
 * moving within the detail view and automatic adjustments replace the current one.
 */
export class UrlSyncController implements ReactiveController {
  /** Why parts of the last restored view could not be reopened, for the host to show. */
  restoreIssue: string | null = null;
  #pending = new Set<SelectionChange>();
  #userIntent = false;
  #restoring: AbortController | null = null;
  #scheduled = false;
  #store: SelectionStore | undefined;
  /** The detail image the URL last recorded. */
  #writtenDetail: ViewState['detail'] = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: UrlSyncOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#store?.addEventListener(SelectionChangeEvent.eventName, this.#onStoreChange);
    this.host.addEventListener(RunSelectionChangeEvent.eventName, this.markUserIntent);
    this.host.addEventListener(ImageKeysChangeEvent.eventName, this.markUserIntent);
    window.addEventListener('popstate', this.#onPopState);
  }

  hostDisconnected(): void {
    this.#store?.removeEventListener(SelectionChangeEvent.eventName, this.#onStoreChange);
    this.host.removeEventListener(RunSelectionChangeEvent.eventName, this.markUserIntent);
    this.host.removeEventListener(ImageKeysChangeEvent.eventName, this.markUserIntent);
    window.removeEventListener('popstate', this.#onPopState);
    this.#restoring?.abort();
  }

  /** The next selection change comes from the user: it gets its own history entry. */
  markUserIntent = (): void => {
    this.#userIntent = true;
  };

  /** Open the view in the URL (or the default project when it names none), then follow the store. */
  restore(): Promise<void> {
    const store = this.options.store();
    if (store !== this.#store) {
      this.#store?.removeEventListener(SelectionChangeEvent.eventName, this.#onStoreChange);
      this.#store = store;
      store.addEventListener(SelectionChangeEvent.eventName, this.#onStoreChange);
    }
    const state = this.options.enabled() ? readViewState(new URLSearchParams(location.search)) : null;
    return this.#apply(
      state ?? { project: null, runs: [], keys: [], step: null, compare: [], detail: null, align: null },
      true,
    );
  }

  async #apply(state: ViewState, opening = false): Promise<void> {
    this.#restoring?.abort();
    const restoring = (this.#restoring = new AbortController());
    const store = this.#store!;
    this.options.restoreAlign(state.align);
    this.options.restoreSample?.(state.sample ?? null);
    const project = state.project ?? this.options.defaultProject();
    store.setProject(project);
    const source = this.options.source();
    const problems: string[] = [];
    if (opening && !state.runs.length && !state.keys.length && state.step === null) {
      // No view in the URL: keep what the selection already holds, or show the newest runs.
      if (!store.value.runs.length) await this.#openNewest(project, source, restoring.signal);
    } else {
      const runs =
        project && source ? await this.#loadRuns(state.runs, project, source, restoring.signal, problems) : [];
      if (restoring.signal.aborted) return;
      store.setRuns(runs.map(withRef));
      const ids = new Set(runs.map((run) => run.id));
      store.set({
        keys: state.keys,
        step: state.step,
        axis: state.axis ? { key: state.axis, placement: null } : null,
        compare: state.compare.filter((t) => ids.has(t.runId)),
        detail: state.detail && ids.has(state.detail.runId) ? state.detail : null,
      });
    }
    if (restoring.signal.aborted) return;
    this.restoreIssue = problems.length
      ? `${problems.length === 1 ? 'A run' : `${problems.length} runs`} from the link could not be opened (${problems.join('; ')}).`
      : null;
    this.#restoring = null;
    this.#pending.clear();
    this.#userIntent = false;
    this.write(false);
    this.host.requestUpdate();
  }

  /** The runs a link names, in its order, reusing those already selected; failures go to `problems`. */
  async #loadRuns(
    ids: string[],
    project: ProjectRef,
    source: RunSource,
    signal: AbortSignal,
    problems: string[],
  ): Promise<Run[]> {
    const known = new Map(this.#store!.value.runs.map((r) => [r.ref.runId, r.run]));
    const results = await Promise.allSettled(
      ids.map((runId) => known.get(runId) ?? source.get({ ...project, runId }, { signal })),
    );
    const runs: Run[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') runs.push(result.value);
      else if (!isAbortError(result.reason)) problems.push(`${ids[i]}: ${describeError(result.reason).message}`);
    });
    return runs.filter((run) => run.entity === project.entity && run.project === project.project);
  }

  /** A first visit shows the newest runs right away; a failure here is the run picker's to show. */
  async #openNewest(project: ProjectRef | null, source: RunSource | undefined, signal: AbortSignal): Promise<void> {
    const perPage = this.options.initialRuns();
    if (!project || !source || perPage <= 0) return;
    const runs = await source.list({ ...project, perPage }, { signal }).then(
      (page) => page.runs,
      () => [],
    );
    const store = this.#store!;
    if (signal.aborted || store.value.runs.length) return;
    store.setRuns(runs.map(withRef));
    if (this.options.baseline?.())
      void import('./baseline.js').then((b) => b.addBaseline(store, source, project, runs, signal, withRef));
  }

  #onStoreChange = (event: Event): void => {
    if (this.#restoring) return;
    for (const change of (event as SelectionChangeEvent).changed) this.#pending.add(change);
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const changed = [...this.#pending];
      const detail = this.#store?.value.detail ?? null;
      // Opening or closing an image is a step back can undo; moving within the open viewer is not.
      const detailToggled = changed.includes('detail') && (detail === null) !== (this.#writtenDetail === null);
      const push =
        changed.includes('compare') || detailToggled || (this.#userIntent && changed.some((c) => NAVIGATIONS.has(c)));
      this.#pending.clear();
      this.#userIntent = false;
      this.write(push);
    });
  };

  #onPopState = (): void => {
    if (this.options.enabled()) void this.#apply(readViewState(new URLSearchParams(location.search)));
  };

  /** Write the view to the URL; `push` adds a history entry (e.g. the user chose how lists line up). */
  write(push: boolean): void {
    if (!this.options.enabled() || !this.#store) return;
    this.#writtenDetail = this.#store.value.detail;
    const params = writeViewState(
      viewStateOf(this.#store.value, this.options.align(), this.options.sample?.()),
      new URLSearchParams(location.search),
    );
    // "/" and ":" are legal in a query string; leaving them readable keeps links legible.
    const query = params.toString().replace(/%2F/gi, '/').replace(/%3A/gi, ':');
    const url = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (push) history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }
}
