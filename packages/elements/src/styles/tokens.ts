import { css } from 'lit';

/**
 * Design tokens shared by every element. Each is a custom property with a default, so a page
 * themes all elements at once (`--rc-accent: ...` on any ancestor) or one element alone. Dark
 * values apply under `prefers-color-scheme: dark` unless the page sets `color-scheme: light`.
 */
export const tokens = css`
  :host {
    --_bg: var(--rc-background, #ffffff);
    --_surface: var(--rc-surface, #f5f6f8);
    --_border: var(--rc-border, #d4d7dd);
    --_text: var(--rc-text, #1d2026);
    --_muted: var(--rc-muted, #5d6470);
    --_accent: var(--rc-accent, #2358c4);
    --_accent-text: var(--rc-accent-text, #ffffff);
    --_danger: var(--rc-danger, #b42318);
    --_warning: var(--rc-warning, #8a5a00);
    --_focus: var(--rc-focus-ring, 0 0 0 2px var(--_bg), 0 0 0 4px var(--_accent));
    --_radius: var(--rc-radius, 6px);
    --_font: var(--rc-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--rc-font-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    box-sizing: border-box;
    font-family: var(--_font);
    color: var(--_text);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--rc-background, #16181d);
      --_surface: var(--rc-surface, #1f232a);
      --_border: var(--rc-border, #3a404b);
      --_text: var(--rc-text, #e7e9ee);
      --_muted: var(--rc-muted, #a3aab6);
      --_accent: var(--rc-accent, #7aa2ff);
      --_accent-text: var(--rc-accent-text, #0b1020);
      --_danger: var(--rc-danger, #ff8a80);
      --_warning: var(--rc-warning, #f0c060);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  /* border-box, not inherit: inheritance follows the flat tree through slots, where it is lost. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
