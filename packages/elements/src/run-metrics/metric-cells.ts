import type { ScalarAt, ScalarPoint } from '@run-comparer/wandb-client';
import { css, html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { formatMetric } from '../metric-sparkline/metric-format.js';

/**
 * The pieces of one run's metric, for any table of runs (`<run-metrics>` now, the grid's run rows
 * later): the value at the step and a sparkline. Render them in a shadow root that adopts
 * `metricCellStyles` and has `<metric-sparkline>` registered.
 */

/** Why a run has no value to show. */
export type MissingValue =
  /** The run never logged the key. */
  | 'not-logged'
  /** The run logged it, but only after the step. */
  | 'not-yet'
  /** The run's values could not be read. */
  | 'unreadable';

const MISSING_TEXT: Record<MissingValue, (step: number | null) => string> = {
  'not-logged': () => 'not logged',
  'not-yet': (step) => `not logged by step ${step}`,
  unreadable: () => 'could not be read',
};

/**
 * A run's value of a key at `step`: the value, and when it was logged at an earlier step, that
 * step marked "nearest earlier". With `step` null (no current step) `at` is the last value logged,
 * and its step is shown. Without a value: "—", and in words for screen readers why (`missing`).
 */
export function renderMetricValue(
  at: ScalarAt | null,
  step: number | null,
  missing: MissingValue = 'not-logged',
): TemplateResult {
  if (!at) {
    return html`<span part="missing" class="metric-missing" title=${MISSING_TEXT[missing](step)}
      ><span aria-hidden="true">—</span><span class="visually-hidden">${MISSING_TEXT[missing](step)}</span></span
    >`;
  }
  const note =
    step === null
      ? html`<span part="step-note" class="metric-note">step ${at.step}</span>`
      : at.step !== step
        ? html`<span part="step-note" class="metric-note metric-note--earlier">step ${at.step} · nearest earlier</span>`
        : nothing;
  return html`<span part="value" class="metric-value ${Number.isFinite(at.value) ? '' : 'metric-value--non-finite'}"
      >${formatMetric(at.value)}</span
    >${note}`;
}

/** The last value of a series, as a value at a step (what shows while there is no current step). */
export function lastValue(points: readonly ScalarPoint[] | undefined): ScalarAt | null {
  const last = points?.at(-1);
  return last ? { step: last[0], value: last[1] } : null;
}

/** A `<metric-sparkline>` of a run's series, in the run's colour, with the current step marked. */
export function renderMetricSparkline(options: {
  points: readonly ScalarPoint[];
  step: number | null;
  extent: readonly [number, number] | undefined;
  label: string;
  color: string;
}): TemplateResult {
  return html`<metric-sparkline
    part="sparkline"
    .points=${options.points}
    .step=${options.step}
    .extent=${options.extent}
    label=${options.label}
    style=${styleMap({ '--metric-sparkline-color': options.color })}
  ></metric-sparkline>`;
}

/** The first and last step over several series (so their sparklines share one scale), or undefined for none. */
export function sharedExtent(series: ReadonlyArray<readonly ScalarPoint[] | undefined>): [number, number] | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const points of series) {
    if (!points?.length) continue;
    first = Math.min(first, points[0]![0]);
    last = Math.max(last, points.at(-1)![0]);
  }
  return first <= last ? [first, last] : undefined;
}

export const metricCellStyles = css`
  .metric-value {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .metric-value--non-finite {
    color: var(--_danger);
  }
  .metric-note {
    display: block;
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .metric-note--earlier {
    color: var(--_warning);
  }
  .metric-missing {
    color: var(--_muted);
  }
`;
