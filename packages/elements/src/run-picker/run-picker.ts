import type { ProjectRef, Run, RunRef, RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { withRef, type SelectedRun } from '../context/selection-store.js';
import { RunSelectionChangeEvent } from '../events/run-selection-change.js';
import { describeError } from '../internal/describe-error.js';
import { emitChange, stopInner, syncSelect } from '../internal/emit.js';
import { plural } from '../internal/format.js';
import { ListboxController } from '../controllers/listbox-controller.js';
import { RetryController } from '../controllers/retry-controller.js';
import { tokens } from '../styles/tokens.js';
import { renderFailure, renderMessage, renderSkeleton } from '../internal/status.js';
import { SelectionController } from '../context/selection-controller.js';
import { controlStyles } from '../styles/controls.js';
import { RunListController } from './run-list-controller.js';
import { renderRunRow } from './run-row.js';
import { matchesQuery, STATE_FILTERS, type StateFilter } from './run-filter.js';
import { styles } from './run-picker.styles.js';
import { VirtualRows } from './virtual-rows.js';

/**
 * @summary A project's runs, newest first, to pick the ones to compare.
 *
 * Loads runs page by page from the source in context (or `source`), with "Load more" and
 * infinite scroll, or shows `runs` as given. The filter box searches names, ids, tags, groups and
 * users; a select narrows to running, finished, or crashed and failed runs. The list is a multi-select listbox (WAI-ARIA APG): ↑/↓, Home/End, Space toggles,
 * Shift+↑/↓ extends, Shift+Space selects a range, Ctrl/⌘+A selects all, typing a name moves to it.
 * The list is virtualised: only the rows in view (and a few more) are in the DOM, each with
 * `aria-posinset`/`aria-setsize`, so a project of thousands of runs scrolls and filters without
 * rendering them all. Each selected run gets a colour and number from the shared selection that
 * mark it in every other element.
 *
 * Themed by the shared `--rc-*` tokens (`--rc-accent`, `--rc-background`, `--rc-surface`, `--rc-border`,
 * `--rc-text`, `--rc-muted`, `--rc-radius`, `--rc-font`, ...) set on any ancestor; light and dark by default.
 *
 * @fires change - The user changed the selection (not fired for programmatic changes).
 * @fires run-selection-change - {RunSelectionChangeEvent} The same moment, with the selected runs and colours.
 *
 * @csspart base - The wrapper of everything.
 * @csspart search - The filter text box.
 * @csspart state-filter - The run-state select.
 * @csspart clear-filter - "Clear filters" when nothing matches.
 * @csspart summary - The line with counts and "Clear selection".
 * @csspart clear-button - The "Clear selection" button.
 * @csspart select-all - "Select all": selects every run the search and state filter show (as Ctrl/⌘+A does);
 *   its accessible name says how many ("Select all 24 runs").
 * @csspart scroller - The scrolling area around the list.
 * @csspart list - The listbox.
 * @csspart option - A run row; selected rows also have `option-selected`.
 * @csspart check - A row's check box; when selected, the run's swatch (its number in its colour) instead.
 * @csspart run-name - A run's display name.
 * @csspart state - A run's state badge.
 * @csspart meta - A run's creation time, user and group.
 * @csspart tag - A run's tag.
 * @csspart load-more - The "Load more runs" button.
 * @csspart message - Empty and informational states.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of an error.
 * @csspart skeleton - Placeholder rows while loading.
 *
 * @cssproperty [--run-picker-list-height=24rem] - Maximum height of the scrolling list.
 * @cssproperty [--run-picker-row-height=4.75rem] - The height of every row (the list is virtualised).
 */
export class RunPicker extends LitElement {
  static override styles = [tokens, controlStyles, styles];

  /** Where runs come from; defaults to the source provided by `<wandb-source>`. */
  @property({ attribute: false }) source: RunSource | undefined;

  /** Runs to show instead of loading them (pure use: no fetching, filtering happens here). */
  @property({ attribute: false }) runs: Run[] | undefined;

  /** The entity to list; defaults to the shared selection's project. */
  @property() entity: string | undefined;

  /** The project to list; defaults to the shared selection's project. */
  @property() project: string | undefined;

  /** The accessible name of the list. */
  @property() label = 'Runs';

  /** Milliseconds to wait after the last keystroke before searching. */
  @property({ type: Number, attribute: 'search-delay' }) searchDelay = 250;

  /** Show only runs in these states: `running`, `finished`, `failed` (crashed or failed), or all (''). */
  @property({ attribute: 'state-filter' }) stateFilter: StateFilter = '';

  /** What the filter box shows. */
  @state() private filterText = '';
  /** What was last searched for (the filter text after the debounce). */
  @state() private search = '';

  @query('.scroller') private scroller!: HTMLElement | null;

  readonly #store = new SelectionController(this, { watch: ['project', 'runs'] });
  readonly #retry = new RetryController(this, () => this.#list.retry());
  readonly #list = new RunListController(this, (error) => this.#retry.arm(describeError(error)));
  readonly #listbox = new ListboxController(
    this,
    'option',
    {
      count: () => this.#shown.length,
      isSelected: (index) => this.#selectedById.has(this.#shown[index]?.id ?? ''),
      select: (indices, selected) => this.#select(indices, selected),
      label: (index) => this.#shown[index]?.displayName ?? '',
    },
    (index) => this.#rows.reveal(index),
  );
  /** Only the rows in view (and a margin) are in the DOM. */
  readonly #rows = new VirtualRows(
    this,
    () => this.scroller,
    () => this.renderRoot.querySelector('[role="listbox"]'),
  );
  #debounce: ReturnType<typeof setTimeout> | undefined;
  #observer: IntersectionObserver | undefined;
  #clock: ReturnType<typeof setInterval> | undefined;
  /** Memos, so a listbox pass over thousands of rows does not refilter per row. */
  #filtered: { runs: Run[]; text: string; state: StateFilter; shown: Run[] } | undefined;
  #selected: { runs: readonly SelectedRun[]; byId: ReadonlyMap<string, SelectedRun> } | undefined;

  /** The selected runs with their colours, in selection order. */
  get selectedRuns(): readonly SelectedRun[] {
    return this.#store.value.runs;
  }

  /** Ids of the selected runs. Setting it selects those among the runs shown, without events. */
  get value(): string[] {
    return this.selectedRuns.map((r) => r.ref.runId);
  }
  set value(ids: string[]) {
    const known = new Map([...this.selectedRuns.map((r) => r.run), ...this.#shown].map((run) => [run.id, run]));
    this.#store.store.setRuns(ids.flatMap((id) => (known.has(id) ? [withRef(known.get(id)!)] : [])));
  }

  get #source(): RunSource | undefined {
    return this.source ?? this.#store.source;
  }

  get #project(): ProjectRef | null {
    if (this.entity && this.project) return { entity: this.entity, project: this.project };
    return this.#store.value.project;
  }

  get #shown(): Run[] {
    if (!this.runs) return this.#list.runs;
    const memo = this.#filtered;
    const query = { search: this.filterText, state: this.stateFilter };
    if (memo?.runs !== this.runs || memo.text !== query.search || memo.state !== query.state) {
      this.#filtered = {
        runs: this.runs,
        text: query.search,
        state: query.state,
        shown: this.runs.filter((run) => matchesQuery(run, query)),
      };
    }
    return this.#filtered!.shown;
  }

  get #selectedById(): ReadonlyMap<string, SelectedRun> {
    const runs = this.selectedRuns;
    if (this.#selected?.runs !== runs) this.#selected = { runs, byId: new Map(runs.map((r) => [r.ref.runId, r])) };
    return this.#selected.byId;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Keeps "3 minutes ago" true while the page stays open.
    this.#clock = setInterval(() => this.requestUpdate(), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
    clearTimeout(this.#debounce);
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  protected override willUpdate(): void {
    if (!this.runs) this.#list.sync(this.#source, this.#project, { search: this.search, state: this.stateFilter });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    syncSelect(this.renderRoot.querySelector('[part="state-filter"]'), this.stateFilter);
    const sentinel = this.renderRoot.querySelector('.sentinel');
    if (sentinel && this.scroller && !this.#observer) {
      this.#observer = new IntersectionObserver(
        (entries) => {
          if (entries.at(-1)?.isIntersecting) this.#list.loadMore();
        },
        { root: this.scroller, rootMargin: '0px 0px 160px 0px' },
      );
    }
    this.#observer?.disconnect();
    if (sentinel) this.#observer?.observe(sentinel);
  }

  protected override render() {
    const selected = this.selectedRuns.length;
    const clear = selected
      ? html`<button part="clear-button" class="button button--quiet" type="button" @click=${this.#clearSelection}>
          Clear selection
        </button>`
      : nothing;
    const shown = this.#shown;
    // The runs the search and state filter show; Ctrl/⌘+A in the list does the same.
    const selectAll = shown.some((run) => !this.#selectedById.has(run.id))
      ? html`<button
          part="select-all"
          class="button button--quiet"
          type="button"
          aria-label="Select all ${plural(shown.length, 'run')}"
          @click=${() => this.#listbox.toggleAll()}
        >
          Select all
        </button>`
      : nothing;
    return html`<div part="base" class="base">
      <div class="filters">
        <input
          part="search"
          class="field"
          type="search"
          aria-label="Filter runs"
          placeholder="Name, tag, group, user"
          autocomplete="off"
          spellcheck="false"
          .value=${this.filterText}
          @input=${this.#onFilterInput}
          @change=${stopInner}
          @keydown=${this.#onFilterKeydown}
        />
        <select
          part="state-filter"
          class="field state-filter"
          aria-label="Run state"
          @input=${stopInner}
          @change=${this.#onStateChange}
        >
          <option value="">All states</option>
          ${Object.entries(STATE_FILTERS).map(([value, { label }]) => html`<option value=${value}>${label}</option>`)}
        </select>
      </div>
      <div part="summary" class="summary">
        <span aria-live="polite">${this.#summary()}</span><span>${selectAll}${clear}</span>
      </div>
      <div part="scroller" class="scroller" @scroll=${this.#rows.onScroll}>${this.#renderBody()}</div>
    </div>`;
  }

  #summary(): string {
    const selected = this.selectedRuns.length;
    const shown = this.#shown.length;
    const total = this.runs ? this.runs.length : this.#list.total;
    const counted = total !== null && total > shown ? `${shown} of ${plural(total, 'run')}` : plural(shown, 'run');
    if (!this.runs && this.#list.status !== 'ready') return selected ? `${selected} selected` : '';
    return selected ? `${selected} selected · ${counted}` : counted;
  }

  #renderBody() {
    const list = this.#list;
    if (!this.runs) {
      if (!this.#source) {
        return renderMessage('No run source', 'Put this picker inside <wandb-source>, or set its source property.');
      }
      const project = this.#project;
      if (!project)
        return renderMessage('No project chosen', 'Set entity and project on <wandb-source> or on this picker.');
      if (list.status === 'error') return renderFailure('runs', describeError(list.error), this.#retry);
      if (list.status === 'loading' && list.runs.length === 0) return renderSkeleton(6, 'Loading runs…');
      if (list.status === 'ready' && list.runs.length === 0 && !this.search.trim() && !this.stateFilter) {
        return renderMessage(
          `No runs in ${project.entity}/${project.project} yet`,
          'Runs show up here as soon as they start logging to wandb. Check the entity and project names if you expected some.',
        );
      }
    }
    const shown = this.#shown;
    if (shown.length === 0) {
      if (!this.runs && list.status !== 'ready') return renderSkeleton(6, 'Loading runs…');
      const text = this.filterText.trim();
      if (!text && !this.stateFilter) return renderMessage('No runs to show');
      const which = this.stateFilter ? `${STATE_FILTERS[this.stateFilter].label.toLowerCase()} runs` : 'runs';
      return renderMessage(
        text ? `No ${which} match “${text}”` : `No ${which}`,
        text ? 'Try part of a run name, id, tag, group or user.' : 'Choose “All states” to see every run.',
        html`<button part="clear-filter" class="button" type="button" @click=${this.#clearFilter}>
          Clear filters
        </button>`,
      );
    }
    const busy = !this.runs && list.status === 'loading';
    return html`${this.#listbox.render(this.label, busy, this.#renderRows(shown), this.#rows.listStyle(shown.length))}
    ${this.runs ? nothing : this.#renderFooter()}`;
  }

  /** The rows in the window, and the active one wherever it is (`aria-activedescendant` needs it). */
  #renderRows(shown: Run[]) {
    const ids = this.#selectedById;
    const now = Date.now();
    const listbox = this.#listbox;
    return repeat(
      this.#rows.indices(shown.length, listbox.active),
      (index) => shown[index]!.id,
      (index) => renderRunRow(listbox, shown[index]!, index, ids.get(shown[index]!.id), now, this.#rows.place(index)),
    );
  }

  #renderFooter() {
    const list = this.#list;
    if (list.moreError) return renderFailure('more runs', describeError(list.moreError), this.#retry);
    if (!list.nextCursor) return nothing;
    return html`<div class="footer">
      <button
        part="load-more"
        class="button"
        type="button"
        ?disabled=${list.loadingMore}
        @click=${() => list.loadMore()}
      >
        ${list.loadingMore ? 'Loading more runs…' : 'Load more runs'}
      </button>
      <div class="sentinel" aria-hidden="true"></div>
    </div>`;
  }

  #select(indices: number[], selected: boolean): void {
    const shown = this.#shown;
    const current = this.selectedRuns.map(({ ref, run }) => ({ ref, run }));
    const ids = new Set(current.map((r) => r.ref.runId));
    const touched = new Map(indices.flatMap((i) => (shown[i] ? [[shown[i].id, shown[i]] as const] : [])));
    const next = selected
      ? [...current, ...[...touched.values()].filter((run) => !ids.has(run.id)).map(withRef)]
      : current.filter((r) => !touched.has(r.ref.runId));
    if (next.length !== current.length) this.#commit(next);
  }

  #commit(runs: Array<{ ref: RunRef; run: Run }>): void {
    this.#store.store.setRuns(runs);
    emitChange(this, new RunSelectionChangeEvent(this.selectedRuns));
  }

  #clearSelection = (): void => {
    if (this.selectedRuns.length) this.#commit([]);
  };

  #onFilterInput = (event: InputEvent): void => {
    event.stopPropagation();
    this.filterText = (event.target as HTMLInputElement).value;
    this.#list.abort();
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => (this.search = this.filterText), this.searchDelay);
  };

  #onFilterKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>('[role="listbox"]')?.focus();
    } else if (event.key === 'Enter') {
      clearTimeout(this.#debounce);
      this.search = this.filterText;
    } else if (event.key === 'Escape' && this.filterText) {
      event.preventDefault();
      this.#clearFilter();
    }
  };

  #onStateChange = (event: Event): void => {
    event.stopPropagation();
    this.#list.abort();
    this.stateFilter = (event.target as HTMLSelectElement).value as StateFilter;
  };

  #clearFilter = (): void => {
    this.stateFilter = '';
    clearTimeout(this.#debounce);
    this.filterText = '';
    this.search = '';
  };
}
