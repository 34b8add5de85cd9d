import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConfigKeySelectEvent } from '../events/config-key-select.js';
import type { MetricKeysChangeEvent } from '../events/metric-keys-change.js';
import { controlStyles } from '../styles/controls.js';
import { tokens } from '../styles/tokens.js';
import { arrangeRuns, readRunOrder, runOrderText } from '../internal/arrange-runs.js';
import { syncSelect } from '../internal/emit.js';
import { DETAILS_PARAMS, NO_DETAILS, readDetails, writeDetails, type DetailsState } from './details-url.js';
import { SelectionController } from '../context/selection-controller.js';
import { loadConfigs } from '../run-config-diff/load-configs.js';

type Config = Readonly<Record<string, unknown>>;
type ArrangedRun = { ref: { runId: string }; run?: { config?: Config } | null };

/** What the "Run details" region shows changed (by the user, or from the URL): `state` is the whole new state. */
export class RunDetailsChangeEvent extends Event {
  static readonly eventName = 'run-details-change';

  constructor(
    readonly state: DetailsState,
    /** Whole configs of runs listed light (a cloud listing leaves config out), by run id. */
    readonly configs: ReadonlyMap<string, Config> = new Map(),
  ) {
    super(RunDetailsChangeEvent.eventName, { bubbles: true, composed: true });
  }

  /** `runs` with their whole configs, in the order chosen (by a config key, missing last), or as they are. */
  arrange<T extends ArrangedRun>(runs: readonly T[]): T[] {
    const whole = runs.map((r) => {
      const config = this.configs.get(r.ref.runId);
      return config && r.run ? { ...r, run: { ...r.run, config } } : r;
    });
    return arrangeRuns(whole, this.state.sort);
  }
}

/** `keys` with `key` added at the end, or taken out when it is there already. */
export function toggleKey(keys: readonly string[], key: string): string[] {
  return keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
}

/**
 * `<run-comparer>`'s collapsible "Run details" region under the grid: the selected runs' config
 * differences (`<run-config-diff>`; pressing a key adds it to, or takes it from, the keys the grid
 * shows under run names) and their metrics at the step (`<run-metrics>`). It comes with the run
 * details' chunk, so none of it is in a page's first download. Internal to the comparer; every
 * change is a `run-details-change`, for the comparer to pass the config keys to the grid.
 *
 * With `url`, its state lives in the page's query string, beside the comparer's own parameters
 * (which the comparer keeps when it writes): `details=open`, `metric=<key>` (`metric=` alone: none)
 * and `config=<key>`, restored from a link and on Back/Forward; choosing metrics or config keys adds
 * a history entry, expanding or collapsing replaces the current one.
 */
export class RunDetailsPanel extends LitElement {
  static override styles = [
    tokens,
    controlStyles,
    css`
      :host {
        display: block;
        flex: none;
        max-height: 60%;
        overflow: auto;
        border: 1px solid var(--_border);
        border-radius: calc(var(--_radius) + 2px);
        background: var(--_bg);
        padding: 0.5rem 1rem;
      }
      h2 {
        display: flex;
        align-items: baseline;
        gap: 0.5rem;
        margin: 0;
        font-size: 0.875rem;
      }
      .sort {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        margin-top: 0.25rem;
        font-size: 0.8125rem;
        color: var(--_muted);
      }
      .hint {
        font-weight: 400;
        font-size: 0.8125rem;
        color: var(--_muted);
      }
      .body {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
        gap: 1rem;
        padding-block: 0.5rem;
        --run-config-diff-height: 18rem;
        --run-metrics-height: 18rem;
      }
    `,
  ];

  @property({ attribute: false }) state: DetailsState = NO_DETAILS;

  /** Keep the state in the page's URL (restored from it when connected and on Back/Forward). */
  @property({ type: Boolean }) url = false;

  readonly #selection = new SelectionController(this, { watch: ['runs'], onChange: () => void this.#loadConfigs() });
  readonly #configs = new Map<string, Config>();
  #loading: AbortController | undefined;

  /**
   * The grid shows config values and sorts by them, but a cloud listing gives runs light, without
   * config: read those runs whole (as `<run-config-diff>` does) once a config key is in use.
   */
  async #loadConfigs(): Promise<void> {
    const source = this.#selection.source;
    const { configKeys, sort } = this.state;
    if (!source || (!configKeys.length && !sort)) return;
    const missing = this.#selection.value.runs.filter(
      (r) => r.run.detail === 'light' && !this.#configs.has(r.ref.runId),
    );
    if (!missing.length) return;
    this.#loading?.abort();
    const loading = (this.#loading = new AbortController());
    try {
      const { byRun } = await loadConfigs(source, missing, loading.signal);
      for (const [runId, config] of byRun) this.#configs.set(runId, config);
      if (!loading.signal.aborted) this.dispatchEvent(new RunDetailsChangeEvent(this.state, new Map(this.#configs)));
    } catch {
      // Every run failed: the grid says "not set" as before, and the diff in the region shows the error with Retry.
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#restore);
    this.#restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#restore);
  }

  #restore = (): void => {
    if (!this.url) return;
    const grid = (state: DetailsState) => JSON.stringify([state.configKeys, state.sort]);
    const before = grid(this.state);
    this.state = readDetails(new URLSearchParams(location.search));
    if (grid(this.state) !== before) {
      this.dispatchEvent(new RunDetailsChangeEvent(this.state, new Map(this.#configs)));
      void this.#loadConfigs();
    }
  };

  protected override render() {
    const { open, metrics, configKeys } = this.state;
    return html`<section aria-labelledby="heading">
      <h2 id="heading">
        <button
          part="toggle"
          class="button button--quiet"
          type="button"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls=${open ? 'body' : nothing}
          @click=${() => this.#change({ open: !open }, false)}
        >
          <span aria-hidden="true">${open ? '▾' : '▸'}</span> Run details
        </button>
        <span class="hint">config and metrics of the selected runs</span>
      </h2>
      ${this.#renderSort()}
      ${
        open
          ? html`<div id="body" class="body">
              <run-config-diff
                part="config-diff"
                label="Config differences of the selected runs"
                .chosenKeys=${configKeys}
                @config-key-select=${(event: ConfigKeySelectEvent) =>
                  event.key !== null && this.#change({ configKeys: toggleKey(configKeys, event.key) }, true)}
              ></run-config-diff>
              <run-metrics
                part="metrics"
                label="Metrics of the selected runs"
                .metrics=${metrics ?? undefined}
                @metric-keys-change=${(event: MetricKeysChangeEvent) =>
                  this.#change({ metrics: [...event.keys] }, true)}
              ></run-metrics>
            </div>`
          : nothing
      }
    </section>`;
  }

  /** "Sort runs by": a config key shown in the grid, ascending or descending (a native select). */
  #renderSort() {
    const { configKeys, sort } = this.state;
    const keys = sort && !configKeys.includes(sort.key) ? [...configKeys, sort.key] : configKeys;
    if (!keys.length) return nothing;
    return html`<label part="sort" class="sort">
      Sort runs by
      <select
        class="field"
        @change=${(event: Event) =>
          this.#change({ sort: readRunOrder((event.target as HTMLSelectElement).value) }, true)}
      >
        <option value="">their selection order</option>
        ${keys.map(
          (key) =>
            html`<option value=${key}>${key}, ascending</option>
              <option value=${`-${key}`}>${key}, descending</option>`,
        )}
      </select>
    </label>`;
  }

  protected override updated(): void {
    const { sort } = this.state;
    syncSelect(this.renderRoot.querySelector('select'), sort ? runOrderText(sort) : '');
  }

  #change(change: Partial<DetailsState>, navigation: boolean): void {
    this.state = { ...this.state, ...change };
    if (this.url) this.#write(navigation);
    this.dispatchEvent(new RunDetailsChangeEvent(this.state, new Map(this.#configs)));
    void this.#loadConfigs();
  }

  #write(push: boolean): void {
    const params = new URLSearchParams(location.search);
    for (const name of DETAILS_PARAMS) params.delete(name);
    writeDetails(this.state, params);
    // "/" is legal in a query string; leaving it readable keeps links legible (as the comparer does).
    const query = params.toString().replace(/%2F/gi, '/');
    const url = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
    if (push) history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'run-details-panel': RunDetailsPanel;
  }
}
