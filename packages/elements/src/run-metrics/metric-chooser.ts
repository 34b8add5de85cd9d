import { html, nothing, type TemplateResult } from 'lit';
import type { ListboxController } from '../controllers/listbox-controller.js';
import { plural } from '../internal/format.js';
import { stopInner } from '../internal/emit.js';
import type { MetricKeyOption } from './load-metrics.js';

export interface ChooserView {
  open: boolean;
  /** The options the filter lets through. */
  shown: readonly MetricKeyOption[];
  /** How many options there are in all. */
  total: number;
  chosen: readonly string[];
  filterText: string;
  /** How many runs are selected (for "2 of 3 runs"). */
  runs: number;
}

export interface ChooserActions {
  toggle(): void;
  filter(event: InputEvent): void;
  keydown(event: KeyboardEvent): void;
}

/**
 * The metric chooser: a button that opens a panel with a filter box and a multi-select listbox of
 * the runs' scalar keys (with how many runs logged each). Parts `chooser-button`, `chooser`,
 * `chooser-search`, `list`, `option`, `key`, `count`.
 */
export function renderChooser(listbox: ListboxController, view: ChooserView, on: ChooserActions): TemplateResult {
  const button = html`<button
    part="chooser-button"
    class="button chooser-button"
    type="button"
    aria-expanded=${view.open ? 'true' : 'false'}
    aria-controls="chooser"
    @click=${on.toggle}
  >
    Metrics <span class="muted">${view.chosen.length} of ${view.total}</span>
  </button>`;
  if (!view.open) return button;
  const options = view.shown.map((option, index) => {
    const slash = Math.max(option.key.lastIndexOf('/'), option.key.lastIndexOf('.')) + 1;
    return listbox.option(
      index,
      view.chosen.includes(option.key),
      html`<span class="key" part="key"
          ><span class="prefix">${option.key.slice(0, slash)}</span>${option.key.slice(slash)}</span
        >
        <span class="count${option.runs < view.runs ? ' partial' : ''}" part="count">
          ${view.runs > 1 ? `${option.runs} of ${view.runs} runs` : plural(option.runs, 'run')}
        </span>`,
    );
  });
  return html`${button}
    <div id="chooser" part="chooser" class="chooser" @keydown=${on.keydown}>
      <input
        part="chooser-search"
        class="field"
        type="search"
        aria-label="Filter metrics"
        placeholder="Filter metrics"
        autocomplete="off"
        spellcheck="false"
        .value=${view.filterText}
        @input=${on.filter}
        @change=${stopInner}
      />
      ${
        options.length
          ? html`<div class="chooser-list">${listbox.render('Metrics to show', false, options)}</div>`
          : html`<p class="chooser-empty" role="status">No metrics match “${view.filterText.trim()}”</p>`
      }
      ${
        view.shown.length < view.total && options.length
          ? html`<p class="chooser-empty" role="status">${view.shown.length} of ${view.total} metrics match</p>`
          : nothing
      }
    </div>`;
}
