import { css } from 'lit';

/**
 * A scrolling table of runs (`<run-metrics>`, `<run-config-diff>`): a `.scroller` around a
 * `<table>` whose header row and row headers stay in view. The host sets `--_table-height`, the
 * height before it scrolls.
 */
export const runTableStyles = css`
  .scroller {
    max-height: var(--_table-height, 24rem);
    overflow: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  table {
    border-collapse: separate;
    border-spacing: 0;
    min-width: 100%;
    transition: opacity 0.15s;
  }
  table.busy {
    opacity: 0.7;
  }
  th,
  td {
    padding: 0.375rem 0.625rem;
    text-align: start;
    vertical-align: top;
    border-bottom: 1px solid var(--_border);
  }
  thead th {
    position: sticky;
    top: 0;
    z-index: 2;
    background: var(--_surface);
    font-weight: 600;
    font-size: 0.8125rem;
  }
  th[scope='row'] {
    position: sticky;
    left: 0;
    z-index: 1;
    background: var(--_bg);
    font-weight: 500;
    white-space: nowrap;
  }
  thead th:first-child {
    left: 0;
    z-index: 3;
  }
  tbody tr:last-child > * {
    border-bottom: none;
  }
  @media (prefers-reduced-motion: reduce) {
    table {
      transition: none;
    }
  }
`;
