import { css } from 'lit';

export const styles = css`
  :host {
    --step-slider-thumb-size: 1.125rem;
    --step-slider-name-width: 10rem;
    display: block;
    container-type: inline-size;
  }
  .base {
    display: grid;
    gap: 0.625rem;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
  }
  .button.icon {
    width: 2rem;
    padding: 0;
  }
  .button svg {
    width: 1rem;
    height: 1rem;
  }
  .rate {
    width: auto;
    min-height: 2rem;
    padding-block: 0.125rem;
  }
  .goto {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-inline-start: auto;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .goto input {
    width: 7rem;
    min-height: 2rem;
  }
  .grid {
    display: grid;
    grid-template-columns: var(--step-slider-name-width) minmax(0, 1fr) auto;
    column-gap: 0.75rem;
    row-gap: 0.125rem;
    align-items: center;
  }
  .readout {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    min-width: 0;
  }
  .label {
    font-size: 0.6875rem;
    font-weight: 600;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .value {
    font-size: 1.375rem;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .track {
    position: relative;
    height: 2.25rem;
    margin-inline: calc(var(--step-slider-thumb-size) / 2);
    touch-action: none;
    cursor: pointer;
  }
  .rail,
  .fill {
    position: absolute;
    top: calc(50% - 2px);
    height: 4px;
    border-radius: 2px;
  }
  .rail {
    inset-inline: 0;
    background: var(--_border);
  }
  .fill {
    inset-inline-start: 0;
    background: var(--_accent);
  }
  .ticks {
    position: absolute;
    inset-inline: 0;
    top: calc(50% + 5px);
    width: 100%;
    height: 6px;
    color: var(--_muted);
  }
  svg path {
    stroke: currentColor;
    stroke-width: 1px;
    vector-effect: non-scaling-stroke;
    fill: none;
  }
  .thumb {
    position: absolute;
    top: calc(50% - var(--step-slider-thumb-size) / 2);
    width: var(--step-slider-thumb-size);
    height: var(--step-slider-thumb-size);
    margin-inline-start: calc(var(--step-slider-thumb-size) / -2);
    border-radius: 50%;
    background: var(--_bg);
    border: 2px solid var(--_accent);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.3);
    cursor: grab;
  }
  :host(:state(dragging)) .thumb {
    cursor: grabbing;
    transform: scale(1.15);
  }
  .position {
    font-size: 0.8125rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .axis {
    grid-column: 2;
    display: flex;
    justify-content: space-between;
    margin-top: -0.5rem;
    font-size: 0.6875rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .lanes {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: subgrid;
    row-gap: 0.125rem;
    margin: 0.25rem 0 0;
    padding: 0.375rem 0 0;
    list-style: none;
    border-top: 1px solid var(--_border);
  }
  .lanes.visually-hidden {
    margin: -1px;
    padding: 0;
    border: 0;
  }
  .lanes-toggle {
    grid-column: 1;
    justify-self: start;
    min-height: 1.5rem;
    padding-inline: 0.375rem;
    font-size: 0.8125rem;
  }
  .strip,
  .strip-space {
    grid-column: 2;
  }
  .strip {
    display: block;
    width: calc(100% - var(--step-slider-thumb-size));
    margin-inline: calc(var(--step-slider-thumb-size) / 2);
  }
  .strip-lane {
    fill: currentColor;
    opacity: 0.14;
  }
  .strip .lane-ticks {
    opacity: 0.8;
  }
  .lanes-summary {
    grid-column: 3;
    font-size: 0.75rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .lane {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: subgrid;
    align-items: center;
    min-height: 1.375rem;
  }
  .lane-name {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 0.8125rem;
  }
  .lane-track {
    width: calc(100% - var(--step-slider-thumb-size));
    height: 12px;
    margin-inline: calc(var(--step-slider-thumb-size) / 2);
  }
  .lane-ticks {
    color: var(--_run);
    opacity: 0.55;
  }
  .lane-cursor {
    color: var(--_muted);
    stroke-dasharray: 2 2;
  }
  .lane-mark {
    color: var(--_run);
    stroke-width: 3px;
  }
  .lane-mark.exact {
    stroke-width: 4px;
  }
  .lane-status {
    font-size: 0.75rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .lane-status.exact {
    color: var(--_text);
  }
  :host(:dir(rtl)) svg {
    transform: scaleX(-1);
  }
  .note {
    margin: 0;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  /* An empty note stays a live region but takes no room, not even its gap. */
  .base > .note:empty {
    position: absolute;
  }
  .loading {
    padding: 1rem 0.75rem;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  @container (max-width: 560px) {
    .grid {
      grid-template-columns: minmax(0, 7rem) minmax(0, 1fr) auto;
    }
    .goto {
      margin-inline-start: 0;
    }
  }
`;
