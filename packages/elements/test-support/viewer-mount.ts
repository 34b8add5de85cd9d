import { ContextProvider } from '@lit/context';
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { Dataset, RunSource } from '@run-comparer/wandb-client';
import type { LitElement } from 'lit';
import { runSourceContext, selectionContext } from '../src/context/contexts.js';
import { SelectionStore, type Selection } from '../src/context/selection-store.js';
import { ENTITY, PROJECT, refOf } from './viewer-fixtures.js';

/** Mounting the image viewers in tests: under context providers, with a store, images loaded. */

/**
 * Scroll each `<img>` under `root` into view (thumbnails load lazily, as a user scrolls) and wait
 * until it has decoded; returns them.
 */
export async function imagesDecoded(root: ParentNode): Promise<HTMLImageElement[]> {
  const images = [...root.querySelectorAll('img')];
  for (const image of images) {
    image.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    await waitUntil(() => image.complete, `${image.alt || image.src} did not load`);
    await image.decode().catch(() => undefined);
  }
  return images;
}

/** A selection store holding the dataset's runs (real `Run`s from the source) and these parts. */
export async function storeFor(
  source: RunSource,
  dataset: Dataset,
  partial: Partial<Selection> = {},
): Promise<SelectionStore> {
  const store = new SelectionStore({ project: { entity: ENTITY, project: PROJECT } });
  const runs = await Promise.all(dataset.runs.map((r) => source.get(refOf(r.id))));
  store.setRuns(runs.map((run) => ({ ref: refOf(run.id), run })));
  store.set(partial);
  return store;
}

/**
 * Put `element` in the DOM under providers of `source` and `store`, as `<wandb-source>` would,
 * and wait for its first render.
 */
export async function withContext<T extends LitElement>(
  element: T,
  source: RunSource,
  store?: SelectionStore,
): Promise<T> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, { context: runSourceContext, initialValue: source });
  if (store) new ContextProvider(host, { context: selectionContext, initialValue: store });
  host.append(element);
  await element.updateComplete;
  return element;
}
