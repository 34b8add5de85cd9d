import { css } from 'lit';
import { runTableStyles } from '../styles/run-table.js';

export const styles = [
  runTableStyles,
  css`
    :host {
      --_table-height: var(--run-config-diff-height, 24rem);
      display: block;
      font-size: 0.875rem;
    }
    .base {
      display: flex;
      flex-direction: column;
      align-items: stretch;
      gap: 0.5rem;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }
    .toolbar .field {
      flex: 1 1 12rem;
      max-width: 20rem;
    }
    .summary,
    .muted {
      color: var(--_muted);
    }
    .run {
      white-space: nowrap;
    }
    .key {
      all: unset;
      box-sizing: border-box;
      cursor: pointer;
      font-family: var(--_mono);
      font-size: 0.8125rem;
      border-radius: 3px;
      padding: 0 0.125rem;
    }
    .key:hover {
      text-decoration: underline;
    }
    .key:focus-visible {
      box-shadow: var(--_focus);
    }
    .key[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_accent-text);
    }
    .value {
      font-variant-numeric: tabular-nums;
      overflow-wrap: anywhere;
    }
    .value--text {
      font-family: var(--_mono);
      font-size: 0.8125rem;
    }
    .long {
      position: relative;
      display: inline-block;
      max-width: 100%;
      cursor: help;
      border-bottom: 1px dotted var(--_muted);
    }
    .full {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    /* In the flow rather than a floating tooltip, so a table's scroller never clips it. */
    .long:hover .full,
    .long:focus .full {
      position: static;
      width: auto;
      height: auto;
      overflow: visible;
      clip-path: none;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .long:hover .short,
    .long:focus .short {
      display: none;
    }
    .long:focus {
      background: var(--_surface);
    }
    .unset {
      color: var(--_muted);
    }
    .shared-toggle {
      align-self: flex-start;
    }
    .warning {
      margin: 0;
    }
  `,
];
