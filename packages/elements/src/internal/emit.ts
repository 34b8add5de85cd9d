/**
 * Dispatch a platform `input` or `change` from a host, as a native control would after a user
 * action: bubbling and composed, so listeners outside any shadow root hear it.
 */
export function emitPlatform(host: HTMLElement, type: 'input' | 'change'): void {
  host.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
}

/**
 * Stop an inner control's own `input`/`change` at the shadow boundary (native `input` events are
 * composed), so the host's listeners only hear the events the host means.
 */
export function stopInner(event: Event): void {
  event.stopPropagation();
}

/** A user's committed change: the platform `change`, then the typed domain event that details it. */
export function emitChange(host: HTMLElement, domainEvent: Event): void {
  emitPlatform(host, 'change');
  host.dispatchEvent(domainEvent);
}

/**
 * Show `value` in a `<select>` after a render. Option `selected` attributes and a `.value` binding
 * set before the options exist both fail in some browsers once the user has changed the select.
 */
export function syncSelect(select: HTMLSelectElement | null, value: string): void {
  if (select && select.value !== value) select.value = value;
}
