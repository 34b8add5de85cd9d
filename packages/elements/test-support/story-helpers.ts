import { createMemorySource, type RunSource } from '@run-comparer/wandb-client';
import { waitFor } from 'storybook/test';
import type { WandbSource } from '../src/wandb-source/wandb-source.js';
import { storyProject } from './story-data.js';

/** The story project as a source; `latencyMs` slows every answer to show loading states. */
export function storySource(latencyMs = 0): RunSource {
  return createMemorySource(storyProject(), latencyMs ? { latencyMs } : {});
}

/** Select the newest `count` runs (and optionally keys) in the story's `<wandb-source>`. */
export async function selectNewest(canvas: HTMLElement, count: number, keys?: string[]): Promise<void> {
  const provider = await waitFor(() => {
    const found = canvas.querySelector<WandbSource>('wandb-source');
    if (!found?.runSource) throw new Error('waiting for <wandb-source>');
    return found;
  });
  const { project } = provider.store.value;
  const page = await provider.runSource!.list({ entity: project!.entity, project: project!.project, perPage: count });
  provider.store.setRuns(
    page.runs.map((run) => ({ ref: { entity: run.entity, project: run.project, runId: run.id }, run })),
  );
  if (keys) provider.store.setKeys(keys);
}

/** Wait until `selector` matches inside the shadow root of `host`, and return it. */
export function inShadow<T extends Element = Element>(host: Element | null, selector: string): Promise<T> {
  return waitFor(() => {
    const found = host?.shadowRoot?.querySelector<T>(selector);
    if (!found) throw new Error(`waiting for ${selector}`);
    return found;
  });
}
