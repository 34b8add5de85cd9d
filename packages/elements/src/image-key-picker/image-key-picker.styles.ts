import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: 0.375rem;
  }
  .all {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    padding: 0.25rem 0.75rem;
    font-size: 0.8125rem;
    font-weight: 500;
    cursor: pointer;
  }
  .all input {
    width: 1rem;
    height: 1rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .muted,
  .prefix {
    color: var(--_muted);
    font-weight: 400;
  }
  [role='listbox'] {
    display: grid;
    gap: 1px;
    padding: 0.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [role='listbox'].busy {
    opacity: 0.6;
  }
  [role='option'] {
    align-items: center;
    padding-block: 0.375rem;
  }
  .check {
    margin-top: 0;
  }
  .key {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-family: var(--_mono);
    font-size: 0.8125rem;
  }
  .count {
    flex: none;
    font-size: 0.75rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .count.partial {
    color: var(--_warning);
  }
  .warning {
    margin: 0;
    color: var(--_muted);
  }
`;
