import { css } from 'lit';
import { viewerStyles } from '../styles/viewer.js';

export const styles = [
  viewerStyles,
  css`
    :host {
      display: block;
      font-size: 0.875rem;
      color: var(--_text);
    }
    .strip {
      overflow-x: auto;
      overflow-y: hidden;
      padding-bottom: 0.25rem;
    }
    .row {
      display: grid;
      grid-template-columns: var(--_columns);
      align-items: center;
      width: max-content;
    }
    .head {
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
      font-size: 0.75rem;
    }
    .corner,
    .run {
      position: sticky;
      left: 0;
      z-index: 1;
      background: var(--_bg);
      padding: 0 0.5rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .run {
      display: flex;
      align-items: center;
      gap: 0.375rem;
    }
    .step {
      text-align: center;
      padding: 0.25rem 0;
    }
    .frame {
      display: grid;
      place-items: center;
      width: var(--frame-size, var(--_frame));
      height: var(--frame-size, var(--_frame));
      margin: 4px;
      border-radius: var(--_radius);
      background: var(--_surface);
      outline: 2px solid transparent;
      cursor: pointer;
      overflow: hidden;
    }
    .frame.empty {
      background: none;
      border: 1px dashed var(--_border);
      cursor: default;
    }
    .frame:focus-visible {
      box-shadow: var(--_focus);
    }
    .frame[aria-current='step'] {
      outline-color: var(--_accent);
    }
    .frame[aria-selected='true'] {
      outline: 3px dashed var(--_accent);
    }
    .frame img,
    .frame video {
      width: 100%;
      height: 100%;
      object-fit: contain;
      pointer-events: none;
    }
    .note,
    .message {
      color: var(--_muted);
    }
    .message {
      margin: 0;
      padding: 1rem;
    }
    .status {
      margin: 0.25rem 0.5rem 0;
      min-height: 1.4em;
      font-size: 0.8125rem;
      color: var(--_muted);
    }
  `,
];
