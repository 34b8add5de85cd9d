import { diffConfigs, type ConfigDiff, type Run, type RunRef, type RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SelectionController } from '../context/selection-controller.js';
import { runName, type SelectedRun } from '../context/selection-store.js';
import { SourceTask } from '../controllers/source-task.js';
import { ConfigKeySelectEvent } from '../events/config-key-select.js';
import { describeError } from '../internal/describe-error.js';
import { emitChange, stopInner } from '../internal/emit.js';
import { plural } from '../internal/format.js';
import { runSwatch, type SwatchRun } from '../internal/run-swatch.js';
import { renderMessage, renderSkeleton } from '../internal/status.js';
import { viewerStyles } from '../styles/viewer.js';
import { matchesFilter, renderConfigValue } from './config-value.js';
import { loadConfigs } from './load-configs.js';
import { styles } from './run-config-diff.styles.js';

/** A run as the diff shows it: where it comes from, its name and its colour. */
export type ConfigRun = { ref: RunRef; run: Run } & SwatchRun;

/**
 * @summary The config of the selected runs side by side: only the keys whose values differ, the keys they share one click away.
 *
 * Reads the runs from the shared selection (or `runs`), loads each one's config (a run listed
 * light, as cloud listings are, is read in full) and shows a table with a column per run, headed
 * by its swatch and name, and a row per config key whose values are not the same in every run
 * (nested keys flattened with dots, e.g. `optimizer.betas`; "—", read as "not set", where a run
 * lacks the key; wandb's own `_wandb` entry is left out). The keys every run shares with the same value are behind the "N shared keys"
 * button. Values longer than `max-value-length` characters are shortened; the whole value shows
 * on hover and on keyboard focus. The filter box narrows both lists by key or value, and the
 * header row stays in view while hundreds of keys scroll. Choosing a key (its row header button)
 * marks it and fires `config-key-select`, for a page to show it under run names, sort or group by it.
 *
 * Themed by the shared `--rc-*` tokens set on any ancestor; light and dark by default.
 *
 * @fires change - The user chose a config key, or cleared the choice (not fired for programmatic changes).
 * @fires config-key-select - {ConfigKeySelectEvent} With `change`: the key chosen, or null.
 *
 * @csspart base - The wrapper of everything.
 * @csspart toolbar - The line with the filter box and the counts.
 * @csspart filter - The filter box.
 * @csspart summary - How many keys differ and how many are shared.
 * @csspart scroller - The scrolling area around a table.
 * @csspart table - The table of the keys that differ.
 * @csspart run - A column header: the run's swatch and name.
 * @csspart run-swatch - The run's colour mark.
 * @csspart key - A config key's button (the row header); the chosen one also has `key-selected`.
 * @csspart value - A value; a shortened one also has `value-long`.
 * @csspart full-value - The whole of a shortened value, shown on hover and focus.
 * @csspart unset - "—" where a run lacks the key.
 * @csspart shared-toggle - The "N shared keys" button.
 * @csspart shared-table - The table of the shared keys.
 * @csspart warning - The note naming runs whose config could not be read.
 * @csspart message - Empty and informational states (e.g. no differences).
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of an error.
 * @csspart skeleton - Placeholder rows while loading.
 *
 * @cssproperty [--run-config-diff-height=24rem] - Maximum height of a table before it scrolls.
 */
export class RunConfigDiff extends LitElement {
  static override styles = [viewerStyles, styles];

  /** Where configs come from; defaults to the source provided by `<wandb-source>`. */
  @property({ attribute: false }) source: RunSource | undefined;

  /** The runs to compare, in column order; defaults to the runs selected in `<wandb-source>`. */
  @property({ attribute: false }) runs: readonly ConfigRun[] | undefined;

  /** The config key chosen (marked, and sent with `config-key-select`), or null. Setting it fires no events. */
  @property({ attribute: 'selected-key' }) selectedKey: string | null = null;

  /**
   * Several keys marked as chosen (e.g. those a page shows under run names), in place of `selected-key`:
   * pressing any key then fires `config-key-select` with that key, for the page to add or remove it.
   */
  @property({ attribute: false }) chosenKeys: readonly string[] | undefined;

  /** Values longer than this many characters are shortened (the whole value shows on hover and focus). */
  @property({ type: Number, attribute: 'max-value-length' }) maxValueLength = 32;

  /** The accessible name of the table. */
  @property() label = 'Config differences';

  @state() private filterText = '';
  @state() private sharedOpen = false;

  readonly #store = new SelectionController(this, { watch: ['runs'] });
  readonly #configs = new SourceTask(this, {
    task: ([source, runIds], { signal }) => (source && runIds ? loadConfigs(source, this.#runs, signal) : null),
    args: () => [this.#source, this.#runs.map((r) => r.ref.runId).join('\n')] as const,
  });
  #diff: { configs: unknown; runIds: string; value: ConfigDiff & { runIds: string[] } } | undefined;

  get #source(): RunSource | undefined {
    return this.source ?? this.#store.source;
  }

  get #runs(): readonly ConfigRun[] {
    return this.runs ?? (this.#store.value.runs as readonly SelectedRun[]);
  }

  /** The diff of the runs whose configs loaded, memoised per load. */
  get #loadedDiff(): (ConfigDiff & { runIds: string[] }) | null {
    const loaded = this.#configs.value;
    if (!loaded) return null;
    const runIds = this.#runs.map((r) => r.ref.runId).filter((id) => loaded.byRun.has(id));
    const key = runIds.join('\n');
    if (this.#diff?.configs !== loaded || this.#diff.runIds !== key) {
      this.#diff = {
        configs: loaded,
        runIds: key,
        value: { ...diffConfigs(runIds.map((id) => loaded.byRun.get(id)!)), runIds },
      };
    }
    return this.#diff.value;
  }

  protected override render() {
    return html`<div part="base" class="base">${this.#renderBody()}</div>`;
  }

  #renderBody() {
    if (!this.#source) {
      return renderMessage('No run source', 'Put this element inside <wandb-source>, or set its source property.');
    }
    if (this.#runs.length === 0) return renderMessage('Select runs to compare their config');
    const failure = this.#configs.renderFailure('the run configs');
    if (failure) return failure;
    const diff = this.#loadedDiff;
    if (!diff) return renderSkeleton(4, 'Loading the run configs…');
    const text = this.filterText.trim().toLowerCase();
    const valuesOf = (key: string) => diff.values.map((flat) => flat[key]);
    const differing = diff.differing.filter((key) => matchesFilter(key, valuesOf(key), text));
    const shared = diff.shared.filter((key) => matchesFilter(key, valuesOf(key), text));
    const runs = diff.runIds.map((id) => this.#runs.find((r) => r.ref.runId === id)!);
    return html`${this.#renderToolbar(diff)}
    ${
      runs.length < 2
        ? renderMessage('Select another run to see what differs', 'This run’s config is under “shared keys”.')
        : diff.differing.length === 0
          ? renderMessage(
              'No differences',
              `These runs have the same ${plural(diff.shared.length, 'config key')}, with the same values.`,
            )
          : differing.length === 0
            ? renderMessage(`No differing key matches “${this.filterText.trim()}”`)
            : this.#renderDiffering(runs, diff, differing)
    }
    ${this.#renderShared(diff, shared)} ${this.#renderWarning()}`;
  }

  #renderToolbar(diff: ConfigDiff) {
    return html`<div part="toolbar" class="toolbar">
      <input
        part="filter"
        class="field"
        type="search"
        aria-label="Filter config keys and values"
        placeholder="Filter keys and values"
        autocomplete="off"
        spellcheck="false"
        .value=${this.filterText}
        @input=${this.#onFilter}
        @change=${stopInner}
      />
      <span part="summary" class="summary" aria-live="polite"
        >${`${plural(diff.differing.length, 'key')} differ${diff.differing.length === 1 ? 's' : ''}, ${diff.shared.length} shared`}</span
      >
    </div>`;
  }

  #renderDiffering(runs: readonly ConfigRun[], diff: ConfigDiff, keys: readonly string[]): TemplateResult {
    const max = this.maxValueLength;
    return html`<div part="scroller" class="scroller">
      ${this.#renderKeyTable(
        'table',
        this.label,
        runs.map((r) => html`<th scope="col" part="run" class="run">${runSwatch(r)} ${r.run.displayName}</th>`),
        keys,
        (key) => diff.values.map((flat) => renderConfigValue(flat[key], Object.hasOwn(flat, key), max)),
      )}
    </div>`;
  }

  /** A table with a row per key: its button as the row header, then `cells(key)`. */
  #renderKeyTable(
    part: string,
    caption: string,
    columns: readonly TemplateResult[],
    keys: readonly string[],
    cells: (key: string) => readonly TemplateResult[],
  ): TemplateResult {
    return html`<table part=${part}>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          ${columns}
        </tr>
      </thead>
      <tbody>
        ${keys.map(
          (key) =>
            html`<tr>
              <th scope="row">${this.#renderKey(key)}</th>
              ${cells(key).map((cell) => html`<td>${cell}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderKey(key: string) {
    const chosen = this.chosenKeys ? this.chosenKeys.includes(key) : this.selectedKey === key;
    return html`<button
      part="key${chosen ? ' key-selected' : ''}"
      class="key"
      type="button"
      aria-pressed=${chosen ? 'true' : 'false'}
      @click=${() => this.#choose(chosen && !this.chosenKeys ? null : key)}
    >
      ${key}
    </button>`;
  }

  #renderShared(diff: ConfigDiff, keys: readonly string[]) {
    if (diff.shared.length === 0) return nothing;
    const toggle = html`<button
      part="shared-toggle"
      class="button button--quiet shared-toggle"
      type="button"
      aria-expanded=${this.sharedOpen ? 'true' : 'false'}
      aria-controls="shared"
      @click=${() => (this.sharedOpen = !this.sharedOpen)}
    >
      ${this.sharedOpen ? 'Hide' : 'Show'} ${plural(diff.shared.length, 'shared key')}
      ${keys.length < diff.shared.length ? html`<span class="muted">${`(${keys.length} match)`}</span>` : nothing}
    </button>`;
    if (!this.sharedOpen) return toggle;
    const first = diff.values[0]!;
    return html`${toggle}
      <div id="shared" part="scroller" class="scroller">
        ${this.#renderKeyTable(
          'shared-table',
          'Config keys every run shares',
          [html`<th scope="col">Value in every run</th>`],
          keys,
          (key) => [renderConfigValue(first[key], true, this.maxValueLength * 2)],
        )}
      </div>`;
  }

  #renderWarning() {
    const failed = this.#configs.value?.failed ?? [];
    if (failed.length === 0) return nothing;
    const names = failed.map(({ ref }) => runName(this.#store.value, ref.runId));
    return html`<p part="warning" class="warning callout" role="status">
      Could not read the config of ${names.join(', ')}: ${describeError(failed[0]!.error).message}
      <button class="button button--quiet" type="button" @click=${() => void this.#configs.run()}>Try again</button>
    </p>`;
  }

  #onFilter = (event: InputEvent): void => {
    event.stopPropagation();
    this.filterText = (event.target as HTMLInputElement).value;
  };

  #choose(key: string | null): void {
    this.selectedKey = key;
    emitChange(this, new ConfigKeySelectEvent(key));
  }
}
