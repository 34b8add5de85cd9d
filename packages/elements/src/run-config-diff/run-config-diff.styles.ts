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
    .long:hover .full,
    .long:focus .full {
      z-index: 4;
      top: calc(100% + 0.25rem);
      left: 0;
      width: max-content;
      max-width: min(32rem, 80vw);
      height: auto;
      overflow: visible;
      clip-path: none;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      padding: 0.375rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 4px 12px rgb(0 0 0 / 0.18);
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
