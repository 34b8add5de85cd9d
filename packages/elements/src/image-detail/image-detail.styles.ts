import { css } from 'lit';
import { tokens } from '../internal/shared-styles.js';
import { dialogStyles, viewerStyles } from '../internal/viewer-styles.js';

export const styles = [
  tokens,
  viewerStyles,
  dialogStyles,
  css`
    .caption {
      margin: 0;
      padding: 0.5rem 0.75rem;
      max-height: 6rem;
      overflow: auto;
      border-top: 1px solid var(--_border);
    }
  `,
];
