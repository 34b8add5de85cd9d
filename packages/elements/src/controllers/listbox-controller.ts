import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { styleMap, type StyleInfo } from 'lit/directives/style-map.js';
import { checkIcon } from '../internal/icons.js';

export interface ListboxModel {
  /** How many options the listbox shows now. */
  count(): number;
  isSelected(index: number): boolean;
  /** Apply a user's change: give every listed option this selected state. */
  select(indices: number[], selected: boolean): void;
  /** The text type-ahead matches for option `index` (its name); without it, typing does nothing. */
  label?(index: number): string;
}

/** Typed characters within this many ms of each other make one type-ahead prefix. */
const TYPE_AHEAD_MS = 600;

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Keyboard and pointer behaviour of a multi-select listbox, per the WAI-ARIA APG: one focusable
 * listbox with `aria-activedescendant`; ↑/↓ move, Home/End jump, Space toggles, Shift+↑/↓ extend,
 * Shift+Space selects from the last toggled option, Ctrl+Shift+Home/End select to the ends and
 * Ctrl/⌘+A selects (or clears) everything; typing a name's first letters moves to it. Shift+click
 * selects a range. Options carry `aria-posinset`/`aria-setsize`, so a host may render only some of
 * them (a virtualised list) as long as it renders the active one.
 */
export class ListboxController implements ReactiveController {
  /** Index of the option that has visual focus. */
  active = 0;
  /** Where the last toggle happened: the start of Shift ranges. */
  #anchor: number | null = null;
  #typed = '';
  #typedAt = 0;

  /**
   * @param idPrefix option `i` gets the id `${idPrefix}-${i}` (for `aria-activedescendant`)
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly idPrefix: string,
    private readonly model: ListboxModel,
    private readonly onActiveChange: (index: number) => void = () => {},
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const last = this.model.count() - 1;
    if (this.active > last) this.active = Math.max(0, last);
  }

  /**
   * The focusable listbox around `options` (made with `option`). Part `list`; class `busy` while
   * `busy`; `style` for its own box (e.g. the full height of a virtualised list).
   */
  render(label: string, busy: boolean, options: unknown, style: StyleInfo = {}): TemplateResult {
    return html`<div
      id="listbox"
      part="list"
      role="listbox"
      tabindex="0"
      aria-label=${label}
      aria-multiselectable="true"
      aria-busy=${busy ? 'true' : 'false'}
      aria-activedescendant="${this.idPrefix}-${this.active}"
      class=${busy ? 'busy' : ''}
      style=${styleMap(style)}
      @keydown=${this.handleKeydown}
    >
      ${options}
    </div>`;
  }

  /**
   * Option `index`: its check box (or `check` in its place), then `content`. Parts `option` (and
   * `option-selected`) and `check`; `style` may set `--_check` and `--_check-mark`, the colours of a
   * checked box, or where the option stands in a virtualised list.
   */
  option(index: number, selected: boolean, content: unknown, style: StyleInfo = {}, check?: unknown): TemplateResult {
    return html`<div
      role="option"
      id="${this.idPrefix}-${index}"
      part="option${selected ? ' option-selected' : ''}"
      class=${index === this.active ? 'active' : ''}
      aria-selected=${selected}
      aria-posinset=${index + 1}
      aria-setsize=${this.model.count()}
      style=${styleMap(style)}
      @click=${(event: MouseEvent) => this.handleClick(index, event)}
    >
      ${check ?? html`<span class="check" part="check">${checkIcon}</span>`}${content}
    </div>`;
  }

  /** Handle a keydown on the listbox; returns whether the key was ours (then it is prevented). */
  handleKeydown = (event: KeyboardEvent): boolean => {
    const count = this.model.count();
    if (count === 0) return false;
    const mod = isMac() ? event.metaKey : event.ctrlKey;
    const { key, shiftKey } = event;
    let handled = true;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      const next = clamp(this.active + (key === 'ArrowDown' ? 1 : -1), count);
      if (shiftKey && next !== this.active) this.model.select([this.active, next], true);
      this.#moveTo(next);
    } else if (key === 'Home' || key === 'End') {
      const next = key === 'Home' ? 0 : count - 1;
      if (shiftKey && mod) this.model.select(range(this.active, next), true);
      this.#moveTo(next);
    } else if (key === ' ') {
      if (shiftKey && this.#anchor !== null) this.model.select(range(this.#anchor, this.active), true);
      else this.toggle(this.active);
    } else if (mod && key.toLowerCase() === 'a') {
      this.toggleAll();
    } else if (key.length === 1 && !mod && !event.altKey && this.model.label) {
      this.#typeAhead(key, count);
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
      this.host.requestUpdate();
    }
    return handled;
  };

  /** A click on an option: toggle it, or with Shift select the range from the last toggle. */
  handleClick(index: number, event: MouseEvent): void {
    if (event.shiftKey && this.#anchor !== null) this.model.select(range(this.#anchor, index), true);
    else this.toggle(index);
    this.#moveTo(index);
    this.host.requestUpdate();
  }

  /** Select every option, or clear them all when all are selected (Ctrl/⌘+A, or a "Select all" button). */
  toggleAll(): void {
    const all = range(0, this.model.count() - 1);
    this.model.select(all, !all.every((i) => this.model.isSelected(i)));
  }

  toggle(index: number): void {
    this.#anchor = index;
    this.model.select([index], !this.model.isSelected(index));
  }

  /** Move to the next option whose label starts with what was typed (one letter again: the next such). */
  #typeAhead(key: string, count: number): void {
    const now = performance.now();
    this.#typed = now - this.#typedAt > TYPE_AHEAD_MS ? key : this.#typed + key;
    this.#typedAt = now;
    const prefix = this.#typed.toLowerCase();
    const repeat = [...prefix].every((c) => c === prefix[0]);
    const from = repeat ? this.active + 1 : this.active;
    for (let step = 0; step < count; step++) {
      const index = (from + step) % count;
      const label = this.model.label!(index).toLowerCase();
      if (label.startsWith(prefix) || (repeat && label.startsWith(prefix[0]!))) {
        this.#moveTo(index);
        return;
      }
    }
  }

  #moveTo(index: number): void {
    if (index === this.active) return;
    this.active = index;
    this.onActiveChange(index);
  }
}

function clamp(index: number, count: number): number {
  return Math.min(Math.max(index, 0), count - 1);
}

function range(from: number, to: number): number[] {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}
