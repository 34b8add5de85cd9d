import { css } from 'lit';
import { dialogStyles } from '../styles/dialogs.js';
import { viewerStyles } from '../styles/viewer.js';
import { overlayStyles } from '../internal/overlay-styles.js';

export const styles = [
  viewerStyles,
  dialogStyles,
  overlayStyles,
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
