import { html, nothing, svg } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { SelectedRun } from '../context/selection-store.js';
import { nearestAtOrBefore } from '../data/step-lookup.js';
import { runSwatch } from '../internal/run-swatch.js';
import { fractionOf, tickPath } from './step-math.js';

export interface LaneData {
  run: SelectedRun;
  /** The run's steps, or null when they could not be read. */
  steps: number[] | null;
}

function laneStatus(steps: number[] | null, step: number): { short: string; long: string; shown: number | null } {
  if (steps === null) return { short: 'not loaded', long: 'its steps could not be loaded', shown: null };
  if (steps.length === 0) return { short: 'no images', long: 'no images under these keys', shown: null };
  const shown = nearestAtOrBefore(steps, step);
  if (shown === step) return { short: `✓ ${step}`, long: `has step ${step}`, shown };
  if (shown !== null) return { short: `← ${shown}`, long: `shows its earlier step ${shown}`, shown };
  return { short: `from ${steps[0]}`, long: `has nothing yet; its first step is ${steps[0]}`, shown };
}

/**
 * One row per selected run, in its colour: its steps as ticks along the same track as the slider,
 * a marker at the step it shows, and whether that is the current step or an earlier one.
 */
export function renderLanes(lanes: LaneData[], domain: number[], step: number) {
  if (lanes.length === 0 || domain.length === 0) return nothing;
  const cursor = fractionOf(domain, step) * 1000;
  return html`<ul class="lanes" part="lanes" aria-label="Selected runs at step ${step}">
    ${lanes.map(({ run, steps }) => {
      const status = laneStatus(steps, step);
      const marker = status.shown === null ? null : fractionOf(domain, status.shown) * 1000;
      return html`<li class="lane" part="lane" style=${styleMap({ '--_run': run.color })}>
        <span class="lane-name" part="lane-name" title=${run.run.displayName} aria-hidden="true">
          ${runSwatch(run, 'lane-swatch')}${run.run.displayName}
        </span>
        <svg class="lane-track" viewBox="0 0 1000 12" preserveAspectRatio="none" aria-hidden="true">
          ${svg`<path class="lane-ticks" d=${tickPath(steps ?? [], domain, 12)}></path>
            <path class="lane-cursor" d="M${cursor} 0v12"></path>
            ${marker === null ? nothing : svg`<path class=${status.shown === step ? 'lane-mark exact' : 'lane-mark'} d="M${marker} 1v10"></path>`}`}
        </svg>
        <span
          class="lane-status${status.shown === step ? ' exact' : ''}"
          part="lane-status"
          title="${run.run.displayName} ${status.long}"
        >
          <span aria-hidden="true">${status.short}</span
          ><span class="visually-hidden">${run.run.displayName} ${status.long}</span>
        </span>
      </li>`;
    })}
  </ul>`;
}
