import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { inkOn, shapeForIndex } from '../context/run-colors.js';

/** A run as its swatch needs it: the colour, and the colour index when the run has one (a selected run does). */
export interface SwatchRun {
  color: string;
  colorIndex?: number | undefined;
}

/**
 * The mark of a run wherever it appears (picker, slider, grid, dialogs): its colour, with its
 * number (colour index + 1) in a shape that changes every twelve runs, so two runs of close
 * colours still differ. Decorative: the run's name is always beside it, so the number is drawn by
 * CSS (`data-number`) and stays out of the text and the accessible names of headings and options.
 */
export function runSwatch({ color, colorIndex }: SwatchRun, part = 'run-swatch') {
  const numbered = colorIndex !== undefined;
  return html`<span
    part=${part}
    class="swatch ${numbered ? `swatch--${shapeForIndex(colorIndex)}` : ''}"
    style=${styleMap({ '--_swatch': color, '--_swatch-ink': inkOn(color) })}
    data-number=${numbered ? colorIndex + 1 : nothing}
    aria-hidden="true"
  ></span>`;
}
