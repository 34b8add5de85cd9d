import { css } from 'lit';

export const styles = css`
  :host {
    --_line: var(--metric-sparkline-color, var(--_accent));
    display: inline-block;
    position: relative;
    width: var(--metric-sparkline-width, 8rem);
    height: var(--metric-sparkline-height, 2rem);
    vertical-align: middle;
  }
  .base {
    position: relative;
    width: 100%;
    height: 100%;
    border-radius: 3px;
    cursor: crosshair;
    touch-action: none;
  }
  svg {
    display: block;
    width: 100%;
    height: 100%;
    overflow: visible;
  }
  .line {
    fill: none;
    stroke: var(--_line);
    stroke-width: 1.5px;
    stroke-linejoin: round;
  }
  .current {
    stroke: var(--_muted);
    stroke-width: 1px;
    stroke-dasharray: 2 2;
  }
  .non-finite {
    stroke: var(--_danger);
    stroke-width: 2px;
  }
  .dot {
    position: absolute;
    width: 0.4rem;
    height: 0.4rem;
    margin: -0.2rem 0 0 -0.2rem;
    border-radius: 50%;
    background: var(--_line);
    box-shadow: 0 0 0 1.5px var(--_bg);
    pointer-events: none;
  }
  .dot--non-finite {
    background: var(--_danger);
  }
  .readout {
    position: absolute;
    top: 0;
    right: 0;
    padding: 0 0.25rem;
    font-size: 0.6875rem;
    line-height: 1.4;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
    color: var(--_text);
    background: color-mix(in srgb, var(--_bg) 88%, transparent);
    border-radius: 3px;
    pointer-events: none;
  }
  .readout--left {
    right: auto;
    left: 0;
  }
  .empty {
    display: flex;
    align-items: center;
    height: 100%;
    font-size: 0.75rem;
    color: var(--_muted);
  }
`;
