import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    --run-picker-list-height: 24rem;
    --run-picker-row-height: 4.75rem;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-height: 0;
    flex: 1;
  }
  .filters {
    display: flex;
    gap: 0.375rem;
  }
  .filters [part='search'] {
    flex: 1;
    min-width: 0;
  }
  .state-filter {
    width: auto;
    flex: none;
    max-width: 50%;
  }
  .summary {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    min-height: 2rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .summary .button {
    min-height: 1.75rem;
    padding-inline: 0.25rem;
  }
  .scroller {
    position: relative;
    flex: 1;
    min-height: 0;
    max-height: var(--run-picker-list-height);
    overflow: auto;
    overscroll-behavior: contain;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [role='listbox'] {
    position: relative;
    padding: 0.25rem;
  }
  /* Every row has one height, so the virtualised list can place rows it has not rendered. */
  [role='option'] {
    block-size: var(--run-picker-row-height);
    inset-inline: 0.25rem;
    overflow: hidden;
  }
  [role='listbox'].busy {
    opacity: 0.6;
    transition: opacity 0.2s 0.15s;
  }
  .run {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
    flex: 1;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    min-width: 0;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 500;
    font-size: 0.875rem;
  }
  .state {
    margin-inline-start: auto;
    flex: none;
    padding: 0.0625rem 0.4375rem;
    border-radius: 999px;
    font-size: 0.6875rem;
    font-weight: 600;
    letter-spacing: 0.02em;
    text-transform: uppercase;
    color: var(--_muted);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .state--running,
  .state--bad,
  .state--wait {
    border-color: currentColor;
  }
  .state--running {
    color: var(--rc-success, #116d3d);
  }
  .state--running::before {
    content: '';
    display: inline-block;
    width: 0.4rem;
    height: 0.4rem;
    margin-inline-end: 0.3rem;
    border-radius: 50%;
    background: currentColor;
    vertical-align: 0.08em;
  }
  .state--bad {
    color: var(--_danger);
  }
  .state--wait {
    color: var(--_warning);
  }
  @media (prefers-color-scheme: dark) {
    .state--running {
      color: var(--rc-success, #6fd69b);
    }
  }
  .meta {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .meta > * + *::before {
    content: '·';
    margin-inline-end: 0.375rem;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-top: 0.125rem;
  }
  .tag {
    padding: 0 0.375rem;
    border-radius: 3px;
    font-size: 0.6875rem;
    line-height: 1.25rem;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .footer {
    padding: 0.5rem;
    display: grid;
    justify-items: center;
  }
  .sentinel {
    height: 1px;
    width: 100%;
  }
`;
