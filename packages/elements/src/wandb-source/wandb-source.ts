import { ContextProvider } from '@lit/context';
import { createHttpSource, type RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { runSourceContext, selectionContext } from '../context/contexts.js';
import { SelectionStore } from '../context/selection-store.js';
import { styles } from './wandb-source.styles.js';

/**
 * @summary Gives every element inside it a source of runs and one shared selection.
 *
 * Non-visual: it renders its children as they are. Pickers, the step slider and the image grid
 * inside find the source and the selection (project, runs, keys, step, compare, detail) through
 * `@lit/context`, so they stay in step without any wiring.
 *
 * Set `source` to any `RunSource` (cloud, memory, ...), or `api` to the URL of a Run Comparer
 * server, which creates an HTTP source. `source` wins when both are set.
 *
 * @slot - The elements that use the source and the selection.
 *
 * @example
 * ```html
 * <wandb-source api="/api" entity="acme" project="diffusion">
 *   <run-picker></run-picker>
 *   <step-slider></step-slider>
 * </wandb-source>
 * ```
 */
export class WandbSource extends LitElement {
  static override styles = styles;

  /** The RunSource to provide. Takes precedence over `api`. */
  @property({ attribute: false }) source: RunSource | undefined;

  /** Base URL of a Run Comparer server (e.g. `/api`); an HTTP source is created for it. */
  @property() api: string | undefined;

  /** The wandb entity (user or team) whose project is shown. */
  @property() entity: string | undefined;

  /** The wandb project shown; with `entity`, it sets the selection's project. */
  @property() project: string | undefined;

  /** The selection shared with every element inside. Replace it to share one across providers. */
  @property({ attribute: false }) store: SelectionStore = new SelectionStore();

  readonly #sourceProvider = new ContextProvider(this, { context: runSourceContext });
  readonly #storeProvider = new ContextProvider(this, { context: selectionContext, initialValue: this.store });
  #apiSource: { url: string; source: RunSource } | undefined;

  /** The source the children get: `source`, or the one created for `api`. */
  get runSource(): RunSource | undefined {
    return this.#sourceProvider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source') || changed.has('api')) this.#sourceProvider.setValue(this.#resolveSource());
    if (changed.has('store')) this.#storeProvider.setValue(this.store);
    if ((changed.has('entity') || changed.has('project') || changed.has('store')) && this.entity && this.project) {
      this.store.setProject({ entity: this.entity, project: this.project });
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  #resolveSource(): RunSource | undefined {
    if (this.source) return this.source;
    if (!this.api) return undefined;
    const url = new URL(this.api, document.baseURI).href;
    if (this.#apiSource?.url !== url) this.#apiSource = { url, source: createHttpSource({ baseUrl: url }) };
    return this.#apiSource.source;
  }
}
