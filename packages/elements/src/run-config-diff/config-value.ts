import { html, type TemplateResult } from 'lit';

/** A config value as text: numbers and texts as logged, lists and objects as JSON. */
export function configText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * One config value in a cell. Longer than `max` characters: shortened with "…", and the whole
 * value takes its place on hover and on keyboard focus (the shortened value is focusable);
 * screen readers read the whole value. A run without the key: "—", read as "not set".
 */
export function renderConfigValue(value: unknown, present: boolean, max: number): TemplateResult {
  if (!present) {
    return html`<span part="unset" class="unset"
      ><span aria-hidden="true">—</span><span class="visually-hidden">not set</span></span
    >`;
  }
  const text = configText(value);
  const kind = typeof value === 'number' ? 'number' : typeof value === 'string' ? 'text' : 'other';
  if (text.length <= max) return html`<span part="value" class="value value--${kind}">${text}</span>`;
  return html`<span part="value value-long" class="value value--${kind} long" tabindex="0"
    ><span class="short" aria-hidden="true">${text.slice(0, Math.max(1, max - 1))}…</span
    ><span part="full-value" class="full">${text}</span></span
  >`;
}

/** Whether the key or any run's value contains `text` (lower case). */
export function matchesFilter(key: string, values: readonly unknown[], text: string): boolean {
  if (!text) return true;
  if (key.toLowerCase().includes(text)) return true;
  return values.some((value) => value !== undefined && configText(value).toLowerCase().includes(text));
}
