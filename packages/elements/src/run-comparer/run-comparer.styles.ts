import { css } from 'lit';

export const styles = css`
  :host {
    --run-comparer-sidebar-width: 22rem;
    display: block;
    height: 100%;
    min-height: 36rem;
    container-type: inline-size;
    background: var(--_bg);
  }
  .layout {
    display: grid;
    grid-template-columns: var(--run-comparer-sidebar-width) minmax(0, 1fr);
    height: 100%;
  }
  .sidebar-column {
    min-width: 0;
    background: var(--_surface);
    border-inline-end: 1px solid var(--_border);
  }
  /* Fills its column when the comparer has a height; sticks in view when the page scrolls instead. */
  .sidebar {
    position: sticky;
    top: 0;
    display: flex;
    flex-direction: column;
    gap: 1rem;
    height: 100%;
    max-height: 100vh;
    padding: 1rem;
    overflow: hidden;
  }
  .header {
    display: grid;
    gap: 0.375rem;
  }
  .title {
    font-size: 1rem;
    font-weight: 700;
    letter-spacing: -0.01em;
  }
  .project {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
    min-width: 0;
  }
  .project-name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-size: 0.9375rem;
  }
  .entity,
  .muted,
  .selection-summary {
    color: var(--_muted);
  }
  .selection-summary {
    margin: 0;
    font-size: 0.8125rem;
  }
  .project-form {
    display: grid;
    gap: 0.5rem;
    font-size: 0.8125rem;
  }
  .project-form label {
    display: grid;
    gap: 0.25rem;
    color: var(--_muted);
  }
  .form-actions {
    display: flex;
    gap: 0.5rem;
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-height: 0;
  }
  .runs {
    flex: 0 1 auto;
    min-height: 12rem;
  }
  .runs run-picker {
    flex: 1;
    --run-picker-list-height: none;
  }
  .keys {
    flex: 0 1 auto;
    max-height: 45%;
    overflow: auto;
  }
  .heading {
    margin: 0;
    font-size: 0.6875rem;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--_muted);
  }
  .main {
    display: flex;
    flex-direction: column;
    gap: 1rem;
    min-width: 0;
    min-height: 0;
    padding: 1rem;
    overflow: auto;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) + 2px);
    background: var(--_bg);
  }
  .slider-card {
    flex: none;
    padding: 0.75rem 1rem;
  }
  .thumb-size,
  .align {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-top: 0.5rem;
    font-size: 0.8125rem;
    color: var(--_muted);
  }
  .thumb-size input {
    width: 10rem;
  }
  .slider-card > .button {
    margin-top: 0.5rem;
  }
  .hint {
    margin: 0.5rem 0 0;
    font-size: 0.8125rem;
  }
  .hint:empty {
    display: none;
  }
  .grid-card {
    flex: 1;
    min-height: 0;
  }
  image-compare {
    display: block;
    height: 100%;
    --max-height: 100%;
  }
  .notice {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
    border-radius: var(--_radius);
  }
  @container (max-width: 56rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      height: auto;
    }
    .sidebar-column {
      border-inline-end: none;
      border-bottom: 1px solid var(--_border);
    }
    .sidebar {
      position: static;
      max-height: none;
    }
    .runs run-picker {
      --run-picker-list-height: 18rem;
    }
    .main {
      overflow: visible;
    }
    image-compare {
      --max-height: 80vh;
    }
  }
`;
