import { css } from 'lit';

/** The overlay toggles under a viewer's stage (see `overlay-layers.ts`). */
export const overlayStyles = css`
  .overlays {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5rem 1rem;
    padding: 0.375rem 0.75rem;
    font-size: 0.8125rem;
    border-top: 1px solid var(--_border);
  }
  .overlays fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .overlays legend {
    font-weight: 600;
  }
  .overlays label {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .class-swatch {
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 2px;
  }
  .overlays .note {
    margin: 0;
    flex-basis: 100%;
  }
`;
