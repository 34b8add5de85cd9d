import { css } from 'lit';
import { runTableStyles } from '../styles/run-table.js';
import { metricCellStyles } from './metric-cells.js';

export const styles = [
  runTableStyles,
  metricCellStyles,
  css`
    :host {
      --_table-height: var(--run-metrics-height, 24rem);
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
  `,
];
