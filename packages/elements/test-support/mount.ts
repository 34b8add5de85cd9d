import { fixture, html } from '@open-wc/testing';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import type { TemplateResult } from 'lit';
import { withRef } from '../src/context/selection-store.js';
import '../src/wandb-source/define.js';
import type { WandbSource } from '../src/wandb-source/wandb-source.js';
import { controlledSource, type ControlledSource } from './controlled-source.js';

export interface Mounted extends ControlledSource {
  provider: WandbSource;
  /** Select these runs in the shared selection, as a run picker would. */
  selectRuns(ids: string[]): Promise<void>;
}

/**
 * Render `content` inside a `<wandb-source>` over a controlled memory source for `dataset`.
 * `prepare` runs before anything renders (to hold or fail the first calls).
 */
export async function mountInSource(
  dataset: Dataset,
  content: TemplateResult,
  options: { honorAbort?: boolean; prepare?: (source: ControlledSource) => void } = {},
): Promise<Mounted> {
  const inner = createMemorySource(dataset);
  const controlled = controlledSource(inner, options);
  options.prepare?.(controlled);
  const provider = await fixture<WandbSource>(
    html`<wandb-source .source=${controlled.source} entity=${dataset.entity} project=${dataset.project}
      >${content}</wandb-source
    >`,
  );
  const selectRuns = async (ids: string[]) => {
    const runs = await Promise.all(
      ids.map((runId) => inner.get({ entity: dataset.entity, project: dataset.project, runId })),
    );
    provider.store.setRuns(runs.map(withRef));
  };
  return { ...controlled, provider, selectRuns };
}

/** Text of a shadow root with whitespace collapsed. */
export function shadowText(element: Element): string {
  return element.shadowRoot!.textContent!.replace(/\s+/g, ' ');
}
