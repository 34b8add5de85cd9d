import { html, type TemplateResult } from 'lit';

/** The thumbnail sizes the comparer offers, in CSS pixels. */
export const THUMB_SIZE = { min: 96, max: 512, step: 16, initial: 160 } as const;

const STORAGE_KEY = 'run-comparer:thumb-size';

/** A size within the range offered, or null. */
export function validThumbSize(value: unknown): number | null {
  const size = Number(value);
  return Number.isFinite(size) && size >= THUMB_SIZE.min && size <= THUMB_SIZE.max ? Math.round(size) : null;
}

/** The size chosen last on this browser, if any (storage may be unavailable: private modes, sandboxed frames). */
export function rememberedThumbSize(): number | null {
  try {
    return validThumbSize(localStorage.getItem(STORAGE_KEY) ?? undefined);
  } catch {
    return null;
  }
}

export function rememberThumbSize(size: number): void {
  try {
    localStorage.setItem(STORAGE_KEY, String(size));
  } catch {
    // Not remembered: the size still applies to this page.
  }
}

/** The thumbnail size slider: a native range input (arrow keys, Page Up/Down, Home/End). */
export function renderThumbSize(size: number, onChange: (size: number) => void): TemplateResult {
  return html`<label part="thumb-size" class="thumb-size">
    <span>Thumbnail size</span>
    <input
      type="range"
      min=${THUMB_SIZE.min}
      max=${THUMB_SIZE.max}
      step=${THUMB_SIZE.step}
      .value=${String(size)}
      aria-valuetext=${`${size} pixels`}
      @input=${(event: Event) => onChange(Number((event.target as HTMLInputElement).value))}
    />
    <output aria-hidden="true">${size} px</output>
  </label>`;
}
