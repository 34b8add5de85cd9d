import { css } from 'lit';

/** The full-window dialogs of `<image-detail>` and `<image-pair>`: chrome, stage, layers. */
export const dialogStyles = css`
  :host {
    display: contents;
  }
  .zoom-level {
    min-width: 3.5em;
    text-align: center;
    font-variant-numeric: tabular-nums;
    font-size: 0.8125rem;
  }
  dialog {
    width: min(96vw, 1600px);
    height: min(94vh, 1200px);
    max-width: none;
    max-height: none;
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_bg);
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: var(--backdrop, rgb(0 0 0 / 0.6));
  }
  header,
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--_border);
  }
  header h2 {
    flex: 1;
    margin: 0;
    font-size: 0.9375rem;
    font-weight: 600;
  }
  .group {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .stage {
    position: relative;
    flex: 1;
    min-height: 0;
    overflow: hidden;
    touch-action: none;
    cursor: grab;
    background: var(--stage-background, var(--_surface));
  }
  .layer {
    position: absolute;
    top: 0;
    left: 0;
    transform-origin: 0 0;
    max-width: none;
    user-select: none;
    -webkit-user-drag: none;
  }
  .pixelated .layer {
    image-rendering: pixelated;
  }
  .centre {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    text-align: center;
    padding: 1rem;
  }
  .hint,
  .readout {
    margin: 0;
    padding: 0.375rem 0.75rem;
    font-size: 0.75rem;
    color: var(--_muted);
    border-top: 1px solid var(--_border);
  }
  .readout {
    font-family: var(--_mono);
    font-variant-numeric: tabular-nums;
    white-space: pre-wrap;
  }
`;
