import { action } from 'storybook/actions';

/**
 * Logs every event an element documents (its manifest `events`) in the Actions panel: the
 * platform `change`/`input` with the element's value, domain events with their fields. Listens
 * in the capture phase on the story's frame, so non-bubbling events (`close`) are seen too.
 */
export function listenToElementEvents(frame: HTMLElement, eventsByTag: ReadonlyMap<string, ReadonlySet<string>>) {
  const names = new Set([...eventsByTag.values()].flatMap((events) => [...events]));
  const log = (event: Event) => {
    const origin = event.composedPath()[0];
    if (!(origin instanceof HTMLElement) || !eventsByTag.get(origin.localName)?.has(event.type)) return;
    action(`<${origin.localName}> ${event.type}`)(describe(event, origin));
  };
  for (const name of names) frame.addEventListener(name, log, { capture: true });
}

function describe(event: Event, origin: HTMLElement): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(event)) fields[key] = (event as unknown as Record<string, unknown>)[key];
  if ((event.type === 'change' || event.type === 'input') && 'value' in origin) fields.value = origin.value;
  return fields;
}
