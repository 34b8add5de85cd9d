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

/** How the lanes are laid out: one row per run, or (`compact`) one dense strip unless `expanded`. */
export interface LaneLayout {
  compact: boolean;
  expanded: boolean;
  toggle: () => void;
}

interface LaneStatus {
  short: string;
  long: string;
  shown: number | null;
}

function laneStatus(steps: number[] | null, step: number, unit: string): LaneStatus {
  if (steps === null) return { short: 'not loaded', long: 'its steps could not be loaded', shown: null };
  if (steps.length === 0) return { short: 'no images', long: 'no images under these keys', shown: null };
  const shown = nearestAtOrBefore(steps, step);
  if (shown === step) return { short: `✓ ${step}`, long: `has ${unit} ${step}`, shown };
  if (shown !== null) return { short: `← ${shown}`, long: `shows its earlier ${unit} ${shown}`, shown };
  return { short: `from ${steps[0]}`, long: `has nothing yet; its first ${unit} is ${steps[0]}`, shown };
}

/** The strip's height in px: 1.25 px a run, between 12 and 30 (24 runs fill it). */
function stripHeight(runs: number): number {
  return Math.min(30, Math.max(12, runs * 1.25));
}

/**
 * One row per selected run, in its colour: its steps as ticks along the same track as the slider,
 * a marker at the step it shows, and whether that is the current step or an earlier one.
 *
 * When `layout.compact` (many runs), the rows give way to one dense strip (a thin lane per run,
 * its name and status on hover) beside a button that expands the rows and a count of the runs at
 * the step; the rows stay in the accessibility tree, visually hidden, so a screen reader reads
 * every run's status either way.
 */
export function renderLanes(lanes: LaneData[], domain: number[], step: number, unit: string, layout: LaneLayout) {
  if (lanes.length === 0 || domain.length === 0) return nothing;
  const cursor = fractionOf(domain, step) * 1000;
  const statuses = lanes.map(({ steps }) => laneStatus(steps, step, unit));
  const collapsed = layout.compact && !layout.expanded;
  const rows = html`<ul
    id="lanes"
    class="lanes${collapsed ? ' visually-hidden' : ''}"
    part="lanes"
    aria-label="Selected runs at ${unit} ${step}"
  >
    ${lanes.map(({ run, steps }, i) => {
      const status = statuses[i]!;
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
  if (!layout.compact) return rows;
  const exact = statuses.filter((s) => s.shown === step).length;
  return html`<button
      class="button lanes-toggle"
      part="lanes-toggle"
      type="button"
      aria-expanded=${layout.expanded ? 'true' : 'false'}
      aria-controls="lanes"
      @click=${layout.toggle}
    >
      <span class="disclosure" aria-hidden="true">${layout.expanded ? '▾' : '▸'}</span> ${lanes.length} runs
    </button>
    ${collapsed ? renderStrip(lanes, statuses, domain, cursor, step) : html`<span class="strip-space"></span>`}
    <span class="lanes-summary" part="lanes-summary">${exact} of ${lanes.length} at ${step}</span>
    ${rows}`;
}

/** A thin lane per run in one SVG: its ticks in its colour, a mark at the step it shows, the cursor across all. */
function renderStrip(lanes: LaneData[], statuses: LaneStatus[], domain: number[], cursor: number, step: number) {
  const height = stripHeight(lanes.length);
  const pitch = height / lanes.length;
  return html`<svg
    class="strip"
    part="lanes-strip"
    viewBox="0 0 1000 ${height}"
    preserveAspectRatio="none"
    style=${styleMap({ height: `${height}px` })}
    aria-hidden="true"
  >
    ${lanes.map(({ run, steps }, i) => {
      const status = statuses[i]!;
      const top = i * pitch;
      const marker = status.shown === null ? null : fractionOf(domain, status.shown) * 1000;
      return svg`<g style="--_run: ${run.color}; color: ${run.color}">
        <title>${run.run.displayName} ${status.long}</title>
        <rect class="strip-lane" x="0" y=${top} width="1000" height=${pitch}></rect>
        <path class="lane-ticks" d=${tickPath(steps ?? [], domain, pitch, top)}></path>
        ${marker === null ? nothing : svg`<path class=${status.shown === step ? 'lane-mark exact' : 'lane-mark'} d="M${marker} ${top}v${pitch}"></path>`}
      </g>`;
    })}
    ${svg`<path class="lane-cursor" d="M${cursor} 0v${height}"></path>`}
  </svg>`;
}
