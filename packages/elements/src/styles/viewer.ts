import { css } from 'lit';
import { tokens } from './tokens.js';
import { controlStyles } from './controls.js';

/**
 * Styles shared by the image viewers (`<image-compare>`, `<image-detail>`, `<image-pair>`), on
 * top of the tokens and `controlStyles`: plain buttons and the run colour dot.
 */
export const viewerStyles = [
  tokens,
  controlStyles,
  css`
    button {
      font: inherit;
      color: inherit;
    }
    .swatch {
      display: inline-block;
      width: 0.75rem;
      height: 0.75rem;
      border-radius: 50%;
      vertical-align: -0.1em;
    }
  `,
];
