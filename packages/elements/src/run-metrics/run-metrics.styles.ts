import { css } from 'lit';
import { metricCellStyles } from './metric-cells.js';

export const styles = [
  metricCellStyles,
  css`
    :host {
      display: block;
      font-size: 0.875rem;
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.5rem 0.75rem;
    }
    .at {
      align-self: center;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .muted {
      color: var(--_muted);
    }
    .chooser-button[aria-expanded='true'] {
      border-color: var(--_accent);
    }
    .chooser {
      flex-basis: 100%;
      display: flex;
      flex-direction: column;
      gap: 0.375rem;
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .chooser-list {
      max-height: 14rem;
      overflow: auto;
    }
    .chooser-empty {
      margin: 0;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
    .key {
      overflow-wrap: anywhere;
    }
    .prefix {
      color: var(--_muted);
    }
    .count {
      margin-inline-start: auto;
      flex: none;
      font-size: 0.75rem;
      color: var(--_muted);
    }
    .count.partial {
      color: var(--_warning);
    }
    .scroller {
      max-height: var(--run-metrics-height, 24rem);
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
    .cell {
      display: flex;
      align-items: center;
      gap: 0.625rem;
    }
    .reading {
      min-width: 5.5rem;
    }
    .warning {
      margin: 0;
    }
    @media (prefers-reduced-motion: reduce) {
      table {
        transition: none;
      }
    }
  `,
];
