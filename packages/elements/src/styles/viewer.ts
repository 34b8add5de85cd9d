import { css } from 'lit';
import { tokens } from './tokens.js';
import { controlStyles } from './controls.js';

/**
 * Styles shared by the image viewers (`<image-compare>`, `<image-detail>`, `<image-pair>`), on
 * top of the tokens and `controlStyles`: plain buttons.
 */
export const viewerStyles = [
  tokens,
  controlStyles,
  css`
    button {
      font: inherit;
      color: inherit;
    }
  `,
];
