import type { RunSource } from '@run-comparer/wandb-client';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { CompareTarget, SelectionStore } from '../context/selection-store.js';
import type { EvolutionOpenEvent } from '../events/evolution-open.js';
import { needElement } from '../internal/lazy-define.js';

/** One sample followed across training: a key and a list position, or the caption (prompt) when lists line up by caption. */
export interface Sample {
  key: string;
  index: number;
  caption: string | null;
}

/** The sample a link names (`view=evolution&sample=<key>:<index>`, `caption=` when following a prompt), or null. */
export function readSample(params: URLSearchParams): Sample | null {
  // The index goes last: a key may itself contain colons.
  const match = params.get('view') === 'evolution' && /^(.+):(\d{1,6})$/.exec(params.get('sample') ?? '');
  return match ? { key: match[1]!, index: Number(match[2]), caption: params.get('caption') } : null;
}

/** `{ sample }` when a link names one; a link to the grid reads as it did before the evolution view. */
export function sampleParam(params: URLSearchParams): { sample?: Sample } {
  const sample = readSample(params);
  return sample ? { sample } : {};
}

/** Set (or, for the grid, remove) the evolution view's parameters. */
export function writeSample(sample: Sample | null, params: URLSearchParams): void {
  for (const name of ['view', 'sample', 'caption']) params.delete(name);
  if (!sample) return;
  params.set('view', 'evolution');
  params.set('sample', `${sample.key}:${sample.index}`);
  if (sample.caption !== null) params.set('caption', sample.caption);
}

export interface EvolutionViewOptions {
  store: () => SelectionStore;
  source: () => RunSource | undefined;
  /** Whether lists line up by caption: the view then follows the image's caption. */
  byCaption: () => boolean;
  frameSize: () => number;
  /** Record the view in the URL as a new history entry. */
  write: () => void;
}

type Panel = typeof import('./evolution-panel.js');

/**
 * The evolution view of a comparer: opened from an image (`evolution-open`, sent by `<image-detail>`)
 * or the "Watch a sample evolve" button (the image opened last, else the first key's first image), it
 * shows `<image-evolution>` for that sample in place of the grid until "Back to the grid". Its
 * template (evolution-panel.ts) loads on first use, with `<image-evolution>`.
 */
export class EvolutionView {
  /** The sample shown (null: the grid shows). */
  sample: Sample | null = null;
  lastOpened: CompareTarget | null = null;
  #panel: Panel | undefined;

  constructor(
    readonly host: ReactiveControllerHost & HTMLElement,
    readonly options: EvolutionViewOptions,
  ) {
    host.addEventListener(
      'evolution-open',
      (event: EvolutionOpenEvent) => void (event.defaultPrevented || this.open(event.image)),
    );
    host.addEventListener('image-open', (event) => (this.lastOpened = event.image));
  }

  /** Show `sample` (null: the grid), as a link or Back/Forward asks. */
  restore(sample: Sample | null): void {
    this.sample = sample;
    if (sample) void this.#load();
    this.host.requestUpdate();
  }

  /** Open the view on the image `target`, or on the last image opened (else the first key's first image). */
  async open(target = this.lastOpened): Promise<void> {
    (await this.#load()).openEvolution(this, target);
  }

  render(): TemplateResult | typeof nothing {
    return this.sample && this.#panel ? this.#panel.renderEvolution(this, this.sample) : nothing;
  }

  renderButton(): TemplateResult {
    return html`<button part="evolution-button" class="button" type="button" @click=${() => this.open()}>
      Watch a sample evolve
    </button>`;
  }

  async #load(): Promise<Panel> {
    needElement('image-evolution');
    this.#panel ??= await import('./evolution-panel.js');
    this.host.requestUpdate();
    return this.#panel;
  }
}
