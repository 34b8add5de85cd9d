import { css } from 'lit';
import { dialogStyles } from '../styles/dialogs.js';
import { viewerStyles } from '../styles/viewer.js';
import { overlayStyles } from '../internal/overlay-styles.js';

export const styles = [
  viewerStyles,
  dialogStyles,
  overlayStyles,
  css`
    :host {
      --_divider: var(--divider-color, #fff);
    }
    .stage {
      display: flex;
      gap: 2px;
    }
    .pane {
      position: relative;
      flex: 1;
      min-width: 0;
      overflow: hidden;
    }
    .clip {
      position: absolute;
      inset: 0;
    }
    .tag,
    .tag-inline {
      display: inline-grid;
      place-items: center;
      min-width: 1.5rem;
      padding: 0.0625rem 0.375rem;
      border-radius: var(--_radius);
      font-weight: 700;
      color: var(--_accent-text);
      background: var(--_accent);
    }
    .tag {
      position: absolute;
      top: 0.5rem;
      left: 0.5rem;
      pointer-events: none;
    }
    .tag.right {
      left: auto;
      right: 0.5rem;
    }
    .tag.big {
      font-size: 1.5rem;
      padding: 0.25rem 0.75rem;
    }
    .divider {
      position: absolute;
      top: 0;
      bottom: 0;
      width: var(--divider-width, 2px);
      transform: translateX(-50%);
      background: var(--_divider);
      box-shadow: 0 0 0 1px rgb(0 0 0 / 0.35);
      cursor: ew-resize;
      touch-action: none;
    }
    .divider::before {
      content: '';
      position: absolute;
      inset: 0 -0.75rem;
    }
    .handle {
      position: absolute;
      top: 50%;
      left: 50%;
      width: 2rem;
      height: 2rem;
      transform: translate(-50%, -50%);
      border-radius: 50%;
      border: 2px solid var(--_divider);
      background: rgb(0 0 0 / 0.45);
    }
    .divider:focus-visible .handle {
      box-shadow: var(--_focus);
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      padding: 0.375rem 0.75rem;
      font-size: 0.8125rem;
    }
    .note {
      color: var(--_muted);
      font-style: italic;
    }
    .toolbar {
      font-size: 0.8125rem;
      border-top: 1px solid var(--_border);
      border-bottom: none;
    }
    .scale-legend {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
    }
    .scale {
      display: inline-block;
      width: 8rem;
      height: 0.75rem;
      border-radius: 2px;
    }
  `,
];
