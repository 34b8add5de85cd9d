import { css } from 'lit';
import { viewerStyles } from '../styles/viewer.js';

export const styles = [
  viewerStyles,
  css`
    :host {
      display: block;
      --_thumb-bg: var(--thumb-background, var(--_surface));
      --_mark: var(--mark-color, var(--_accent));
      --_caption-lines: var(--caption-lines, 2);
      --_caption-height: 2.25rem;
    }
    .scroller {
      overflow: auto;
      max-height: var(--max-height, none);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    table {
      border-collapse: separate;
      border-spacing: 0;
      font-size: 0.8125rem;
    }
    /* The step stays in view both ways: the caption sticks to the top of the scroll box and its
       text to the left edge; the headers stick below it. */
    caption {
      position: sticky;
      top: 0;
      z-index: 4;
      height: var(--_caption-height);
      box-sizing: border-box;
      padding: 0.5rem 0;
      text-align: start;
      font-weight: 600;
      white-space: nowrap;
      color: var(--_muted);
      background: var(--_bg);
    }
    .step-label {
      position: sticky;
      left: 0;
      padding-inline: 0.75rem;
    }
    th {
      font-weight: 600;
      text-align: start;
      padding: 0.375rem 0.5rem;
      background: var(--_bg);
      border-bottom: 1px solid var(--_border);
      overflow-wrap: anywhere;
    }
    thead th {
      position: sticky;
      top: var(--_caption-height);
      z-index: 2;
    }
    thead th[part='corner'] {
      left: 0;
      z-index: 3;
    }
    thead tr + tr th {
      top: calc(var(--_caption-height) + 2rem);
      font-weight: 500;
      color: var(--_muted);
      max-width: var(--_thumb);
    }
    .prompt {
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: var(--_caption-lines);
      overflow: hidden;
    }
    tbody th {
      position: sticky;
      left: 0;
      z-index: 1;
      min-width: 8rem;
      max-width: 14rem;
      vertical-align: top;
    }
    .swatch {
      margin-inline-end: 0.375rem;
    }
    td {
      position: relative;
      padding: 0.5rem;
      vertical-align: top;
      width: var(--_thumb);
      border-bottom: 1px solid var(--_border);
    }
    .thumb {
      position: relative;
      display: block;
      padding: 0;
      border: 2px solid transparent;
      border-radius: var(--_radius);
      background: none;
      cursor: zoom-in;
    }
    .thumb.marked {
      border-color: var(--_mark);
    }
    .frame,
    .tile {
      display: grid;
      place-items: center;
      width: var(--_thumb);
      height: var(--_thumb);
      overflow: hidden;
      border-radius: calc(var(--_radius) - 2px);
      background: var(--_thumb-bg);
    }
    .frame {
      /* One track the frame's own size: the image's max-width/max-height then resolve against
         the frame, not against an auto row as tall as the image (a large image painted outside). */
      grid-template: 100% / 100%;
    }
    .skeleton {
      width: 100%;
      height: 100%;
      border-radius: inherit;
    }
    img {
      max-width: 100%;
      max-height: 100%;
      object-fit: contain;
    }
    .tile {
      padding: 0.5rem;
      text-align: center;
      color: var(--_muted);
      border: 1px dashed var(--_border);
      background: none;
      gap: 0.375rem;
      align-content: center;
    }
    td[colspan] .tile {
      width: 100%;
      min-width: var(--_thumb);
    }
    .tile.error {
      color: var(--_danger);
      border-style: solid;
    }
    .mark {
      position: absolute;
      top: 0.25rem;
      left: 0.25rem;
      min-width: 1.5rem;
      padding: 0.125rem 0.375rem;
      border-radius: var(--_radius);
      font-weight: 700;
      color: var(--_accent-text);
      background: var(--_mark);
    }
    .caption {
      margin: 0.25rem 0 0;
      max-width: var(--_thumb);
      color: var(--_text);
    }
    .cell:hover .caption,
    .cell:focus-within .caption {
      position: absolute;
      z-index: 3;
      -webkit-line-clamp: unset;
      padding: 0.25rem 0.375rem;
      margin-inline-start: -0.375rem;
      border-radius: var(--_radius);
      background: var(--_bg);
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.25);
    }
    .gap td {
      padding: 0;
      border: 0;
    }
    [part='row-note'] {
      display: block;
      font-weight: 400;
    }
    .note {
      margin: 0.25rem 0 0;
      color: var(--_muted);
      font-style: italic;
    }
  `,
];
