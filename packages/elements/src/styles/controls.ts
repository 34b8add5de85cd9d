import { css } from 'lit';

/**
 * Shared styles of every element: buttons, text inputs, status messages, notes, loading
 * placeholders, the listbox options with their check boxes, and run swatches. Every colour comes
 * from the tokens, but a run's own.
 */
export const controlStyles = css`
  .button,
  .field {
    font: inherit;
    font-size: 0.875rem;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.35em;
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
    cursor: pointer;
  }
  .button:hover:not(:disabled) {
    border-color: var(--_muted);
  }
  .button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  /* Filled: the main action, and toggles that are on. */
  .button.primary,
  .button[aria-pressed='true'],
  .button[aria-selected='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .button--quiet {
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
  }
  .button--quiet:hover:not(:disabled) {
    border-color: transparent;
    text-decoration: underline;
  }
  .field {
    width: 100%;
    min-height: 2.25rem;
    padding: 0.375rem 0.625rem;
  }
  .field::placeholder {
    color: var(--_muted);
  }
  .field:focus-visible {
    border-color: var(--_accent);
  }

  .status {
    padding: 1rem 0.75rem;
    text-align: center;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .status p {
    margin: 0 0 0.5rem;
  }
  .status-title {
    font-weight: 600;
    color: var(--_text);
  }
  .status--error .status-title {
    color: var(--_danger);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  .callout {
    padding: 0.5rem 0.75rem;
    font-size: 0.8125rem;
    border-inline-start: 3px solid var(--rc-warning, #b7791f);
    background: var(--_surface);
  }

  .skeleton-row {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding: 0.625rem 0.75rem;
  }
  .skeleton,
  .skeleton-box,
  .skeleton-line {
    display: block;
    height: 0.75rem;
    border-radius: 3px;
    background: linear-gradient(90deg, var(--_surface), var(--_border), var(--_surface)) 0 0 / 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  .skeleton-box {
    width: 1rem;
    height: 1rem;
    flex: none;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton,
    .skeleton-box,
    .skeleton-line {
      animation: none;
    }
  }

  [role='listbox'] {
    outline: none;
  }
  [role='option'] {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
    padding: 0.5rem 0.75rem;
    cursor: pointer;
    user-select: none;
    border-radius: calc(var(--_radius) - 2px);
  }
  [role='option']:hover,
  [role='listbox']:focus [role='option'].active {
    background: var(--_surface);
  }
  [role='listbox']:focus-visible [role='option'].active {
    box-shadow: inset 0 0 0 2px var(--_accent);
  }
  .check {
    flex: none;
    display: grid;
    place-items: center;
    width: 1rem;
    height: 1rem;
    margin-top: 0.125rem;
    border: 1.5px solid var(--_muted);
    border-radius: 3px;
    background: var(--_bg);
  }
  [aria-selected='true'] > .check {
    border-color: var(--_check, var(--_accent));
    background: var(--_check, var(--_accent));
    color: var(--_check-mark, var(--_accent-text));
  }
  .check svg {
    width: 0.75rem;
    height: 0.75rem;
    visibility: hidden;
  }
  [aria-selected='true'] > .check svg {
    visibility: visible;
  }

  .swatch {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--_swatch);
    color: var(--_swatch-ink);
    font: 700 0.625rem/1 var(--_font);
    font-variant-numeric: tabular-nums;
    letter-spacing: -0.04em;
    vertical-align: -0.15em;
  }
  .swatch[data-number]::after {
    content: attr(data-number);
  }
  .swatch--circle,
  .swatch--square,
  .swatch--diamond {
    width: 1.125rem;
    height: 1.125rem;
    vertical-align: -0.3em;
  }
  .swatch--square {
    border-radius: 3px;
  }
  .swatch--diamond {
    border-radius: 0;
    clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%);
  }
`;
