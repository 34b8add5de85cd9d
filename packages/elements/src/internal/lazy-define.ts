/** Loaders of elements not registered yet, by tag (several tags may share one loader). */
const pending = new Map<string, () => Promise<unknown>>();

/**
 * Registers elements on first use instead of up front, so their code stays out of a page's first
 * download: `load` (a dynamic import that registers `tags`) runs when one of the elements is in the
 * document already, when one of `triggers` (events that reach the document) fires, when a
 * component asks for an element with `needElement`, or else once the browser is idle, so an
 * element inside any shadow root still upgrades soon after the page has loaded.
 */
export function defineOnFirstUse(tags: string[], load: () => Promise<unknown>, triggers: string[]): void {
  const missing = tags.filter((tag) => !customElements.get(tag) && !pending.has(tag));
  if (!missing.length) return;
  for (const tag of missing) pending.set(tag, load);
  const need = () => needElement(missing[0]!);
  if (document.querySelector(missing.join())) return need();
  for (const type of triggers) document.addEventListener(type, need, { once: true });
  if ('requestIdleCallback' in globalThis) requestIdleCallback(need, { timeout: 3000 });
  else setTimeout(need, 1000);
}

/** Load an element registered with `defineOnFirstUse` unless it is loaded or loading. */
export function needElement(tag: string): void {
  const load = pending.get(tag);
  if (!load) return;
  const tags = [...pending].flatMap(([t, l]) => (l === load ? [t] : []));
  for (const t of tags) pending.delete(t);
  // A failed download is tried again the next time an element is needed.
  load().catch((error: unknown) => {
    for (const t of tags) pending.set(t, load);
    throw error;
  });
}
