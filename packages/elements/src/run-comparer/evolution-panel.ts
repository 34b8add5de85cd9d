/** The evolution view's template and what opening it does: loaded on first use (see evolution-view.ts). */
import type { RunRef } from '@run-comparer/wandb-client';
import { html, nothing, type TemplateResult } from 'lit';
import type { CompareTarget } from '../context/selection-store.js';
import { nearestAtOrBefore } from '../data/step-lookup.js';
import { viewerData, type ViewerData } from '../data/viewer-data.js';
import type { EvolutionView, Sample } from './evolution-view.js';

/**
 * The sample at list position `index` of `key`, as `ref` logged it at `step` (or the nearest earlier
 * step): followed by its caption when `byCaption` and it has one, else by its position.
 */
export function sampleAt(
  data: ViewerData,
  ref: RunRef | undefined,
  key: string,
  step: number | null,
  index: number,
  byCaption: boolean,
): Sample {
  const steps = ref && data.stepsOf(ref, key);
  const at = steps && nearestAtOrBefore(steps, step ?? Infinity);
  const set = ref && at !== null && at !== undefined ? data.sets.peek(data.setId(ref, key, at)) : undefined;
  const caption = byCaption ? (set?.images.find((image) => image.index === index)?.caption ?? null) : null;
  return { key, index, caption };
}

async function focusPart(view: EvolutionView, part: string): Promise<void> {
  await view.host.updateComplete;
  view.host.shadowRoot?.querySelector<HTMLElement>(`[part="${part}"]`)?.focus();
}

/** Open the view on `target` (none: the first key's first image), as one history entry. */
export function openEvolution(view: EvolutionView, target: CompareTarget | null): void {
  const store = view.options.store();
  const { runs, keys, step, detail } = store.value;
  const source = view.options.source();
  const key = target?.key ?? keys[0];
  if (!source || !key) return;
  const ref = runs.find((r) => r.ref.runId === target?.runId)?.ref ?? runs[0]?.ref;
  const index = target?.index ?? 0;
  view.restore(sampleAt(viewerData(source), ref, key, target?.step ?? step, index, view.options.byCaption()));
  // Closing the detail view records the URL with the sample: one history entry.
  if (detail) store.setDetail(null);
  else view.options.write();
  void focusPart(view, 'grid-button');
}

/** The view of `sample`, wired to the comparer. */
export function renderEvolution(view: EvolutionView, sample: Sample): TemplateResult {
  const store = view.options.store();
  return renderEvolutionView({
    sample,
    keys: store.value.keys,
    frameSize: view.options.frameSize(),
    onPick: (key, index) => {
      const source = view.options.source();
      const ref = store.value.runs[0]?.ref;
      const byCaption = view.options.byCaption();
      view.restore(source ? sampleAt(viewerData(source), ref, key, store.value.step, index, byCaption) : sample);
      view.options.write();
    },
    onBack: () => {
      view.restore(null);
      view.options.write();
      void focusPart(view, 'evolution-button');
    },
  });
}

export interface EvolutionViewInput {
  sample: Sample;
  keys: readonly string[];
  frameSize: number;
  /** The user picked another key or list position. */
  onPick(key: string, index: number): void;
  onBack(): void;
}

/** The evolution view: which sample (key, position or caption), a way back to the grid, and the strip. */
export function renderEvolutionView(input: EvolutionViewInput): TemplateResult {
  const { sample, keys } = input;
  const pick = (event: Event) => {
    const form = (event.target as HTMLElement).closest('.evolution-bar')!;
    const key = form.querySelector('select')!.value;
    const position = Math.max(1, Math.round(Number(form.querySelector('input')!.value)) || 1);
    input.onPick(key, position - 1);
  };
  return html`<section class="grid-card evolution" aria-label="Evolution of one sample">
    <style>
      .evolution {
        display: flex;
        flex-direction: column;
        gap: 0.75rem;
      }
      .evolution-bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
        font-size: 0.8125rem;
      }
      .evolution-bar input {
        width: 4rem;
      }
    </style>
    <div class="evolution-bar">
      <button part="grid-button" class="button" type="button" @click=${input.onBack}>← Back to the grid</button>
      <label
        >Key
        <select class="field" @change=${pick}>
          ${[...new Set([...keys, sample.key])].map((k) => html`<option .selected=${k === sample.key}>${k}</option>`)}
        </select></label
      >
      <label
        >Image # <input class="field" type="number" min="1" .value=${String(sample.index + 1)} @change=${pick}
      /></label>
      ${sample.caption !== null ? html`<span class="prompt">Following “${sample.caption}”</span>` : nothing}
    </div>
    <image-evolution
      part="image-evolution"
      image-key=${sample.key}
      .index=${sample.index}
      .caption=${sample.caption}
      frame-size=${input.frameSize}
    ></image-evolution>
  </section>`;
}
