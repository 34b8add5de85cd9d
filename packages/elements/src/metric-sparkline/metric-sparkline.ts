import type { ScalarPoint } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, svg } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { MetricStepPickEvent } from '../events/metric-step-pick.js';
import { emitChange } from '../internal/emit.js';
import { tokens } from '../styles/tokens.js';
import { formatMetric } from './metric-format.js';
import {
  nearestPoint,
  pointAtOrBefore,
  sparklineGeometry,
  VIEW_HEIGHT,
  VIEW_WIDTH,
  type SparklineGeometry,
} from './sparkline-geometry.js';
import { styles } from './metric-sparkline.styles.js';

/**
 * @summary A small line chart of one scalar history key over a whole run, with the current step marked; pick a point to go to its step.
 *
 * Draws `points` (as `history()` gives them: `[step, value]` in step order) across `extent`, so
 * the sparklines of several runs can share one step scale, with a line at `step`. NaN and ±∞
 * break the line and show as red ticks at the top (a diverged loss). Hovering shows the step and
 * value under the pointer; a click picks that point. It is a slider for the keyboard: ←/→ (and
 * ↑/↓) move along the points, PageUp/PageDown a tenth of them, Home/End to the ends, and Enter or
 * Space picks the point reached. Picking fires `change` and `metric-step-pick`; the sparkline does
 * not move any step itself (`<run-metrics>` moves the shared step).
 *
 * @fires change - The user picked a point (not fired for programmatic changes).
 * @fires metric-step-pick - {MetricStepPickEvent} The same moment, with the point's step and value and whether pointer or keyboard picked it.
 *
 * @csspart base - The focusable slider around the chart.
 * @csspart chart - The SVG.
 * @csspart line - The curve.
 * @csspart current - The line at `step`.
 * @csspart non-finite - A tick where the key logged NaN or ±∞.
 * @csspart dot - The point shown: at the current step, or the one hovered or reached with the keys.
 * @csspart readout - The step and value of the hovered or reached point.
 * @csspart empty - Shown instead of a chart when there are no points.
 *
 * @cssproperty [--metric-sparkline-width=8rem] - The width.
 * @cssproperty [--metric-sparkline-height=2rem] - The height.
 * @cssproperty [--metric-sparkline-color=var(--rc-accent)] - The colour of the curve and the dot (e.g. the run's colour).
 */
export class MetricSparkline extends LitElement {
  static override styles = [tokens, styles];

  /** The values to draw, `[step, value]` in step order. */
  @property({ attribute: false }) points: readonly ScalarPoint[] = [];

  /** The current step, marked with a line; the dot sits on the value logged at or before it. Null: none. */
  @property({ type: Number }) step: number | null = null;

  /** The first and last step across the chart; defaults to the first and last point. */
  @property({ attribute: false }) extent: readonly [number, number] | undefined;

  /** The accessible name, e.g. `train/loss of lr-3e-4`. */
  @property() label = 'Metric';

  /** The point hovered or reached with the keys (its index), or null. */
  @state() private cursor: number | null = null;

  #geometry: { points: readonly ScalarPoint[]; extent: unknown; value: SparklineGeometry } | undefined;

  get #shape(): SparklineGeometry {
    const memo = this.#geometry;
    if (memo?.points !== this.points || memo.extent !== this.extent) {
      this.#geometry = { points: this.points, extent: this.extent, value: sparklineGeometry(this.points, this.extent) };
    }
    return this.#geometry!.value;
  }

  /** The point the dot marks when nothing is hovered: at or before the current step, else the last. */
  get #restingPoint(): number {
    if (this.step === null) return this.points.length - 1;
    return pointAtOrBefore(this.points, this.step);
  }

  protected override willUpdate(): void {
    if (this.cursor !== null && this.cursor >= this.points.length) this.cursor = this.points.length ? 0 : null;
  }

  protected override render() {
    const points = this.points;
    if (points.length === 0) return html`<span part="empty" class="empty">No values</span>`;
    const shape = this.#shape;
    const shown = this.cursor ?? this.#restingPoint;
    const [first, last] = this.extent ?? [points[0]![0], points.at(-1)![0]];
    const now = this.cursor ?? Math.max(0, this.#restingPoint);
    return html`<div
        part="base"
        class="base"
        role="slider"
        tabindex="0"
        aria-label=${this.label}
        aria-valuemin=${first}
        aria-valuemax=${last}
        aria-valuenow=${points[now]![0]}
        aria-valuetext=${describePoint(points[now]!)}
        aria-describedby="hint"
        @pointermove=${this.#onPointerMove}
        @pointerleave=${this.#onPointerLeave}
        @click=${this.#onClick}
        @keydown=${this.#onKeydown}
        @focus=${this.#onFocus}
        @blur=${this.#onBlur}
      >
        <svg part="chart" viewBox="0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}" preserveAspectRatio="none" aria-hidden="true">
          ${this.#renderCurrent(shape, first, last)}
          <path part="line" class="line" d=${shape.path} vector-effect="non-scaling-stroke"></path>
          ${shape.at.map(({ x, y }) =>
            y === null
              ? svg`<line part="non-finite" class="non-finite" x1=${x} x2=${x} y1="0" y2="5" vector-effect="non-scaling-stroke"></line>`
              : nothing,
          )}
        </svg>
        ${shown >= 0 ? this.#renderDot(shape, shown) : nothing}
        ${
          this.cursor === null
            ? nothing
            : html`<span
                part="readout"
                class="readout ${shape.at[this.cursor]!.x > VIEW_WIDTH / 2 ? 'readout--left' : ''}"
                >${describePoint(points[this.cursor]!)}</span
              >`
        }
      </div>
      <span id="hint" class="visually-hidden">Arrow keys move along the values; Enter goes to that step.</span>`;
  }

  #renderCurrent(shape: SparklineGeometry, first: number, last: number) {
    if (this.step === null || this.step < first || this.step > last) return nothing;
    const x = shape.xOf(this.step);
    return svg`<line part="current" class="current" x1=${x} x2=${x} y1="0" y2=${VIEW_HEIGHT} vector-effect="non-scaling-stroke"></line>`;
  }

  #renderDot(shape: SparklineGeometry, index: number) {
    const { x, y } = shape.at[index]!;
    const style = { left: `${x}%`, top: `${((y ?? 0) / VIEW_HEIGHT) * 100}%` };
    return html`<span part="dot" class="dot ${y === null ? 'dot--non-finite' : ''}" style=${styleMap(style)}></span>`;
  }

  #pointUnder(event: MouseEvent): number {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const fraction = box.width > 0 ? Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)) : 0;
    const [first, last] = this.extent ?? [this.points[0]![0], this.points.at(-1)![0]];
    return nearestPoint(this.points, first + fraction * (last - first));
  }

  #onPointerMove = (event: PointerEvent): void => {
    this.cursor = this.#pointUnder(event);
  };

  #onPointerLeave = (): void => {
    if (this.shadowRoot!.activeElement !== this.renderRoot.querySelector('[part="base"]')) this.cursor = null;
  };

  #onClick = (event: MouseEvent): void => {
    const index = this.#pointUnder(event);
    this.cursor = index;
    this.#pick(index, 'pointer');
  };

  #onFocus = (): void => {
    this.cursor ??= Math.max(0, this.#restingPoint);
  };

  #onBlur = (): void => {
    this.cursor = null;
  };

  #onKeydown = (event: KeyboardEvent): void => {
    const count = this.points.length;
    const at = this.cursor ?? Math.max(0, this.#restingPoint);
    const page = Math.max(1, Math.round(count / 10));
    const moves: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowDown: at - 1,
      ArrowRight: at + 1,
      ArrowUp: at + 1,
      PageDown: at - page,
      PageUp: at + page,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      this.cursor = Math.min(count - 1, Math.max(0, moves[event.key]!));
    } else if (event.key === 'Enter' || event.key === ' ') {
      this.#pick(at, 'keyboard');
    } else {
      return;
    }
    event.preventDefault();
  };

  #pick(index: number, cause: 'pointer' | 'keyboard'): void {
    const point = this.points[index];
    if (point) emitChange(this, new MetricStepPickEvent(point[0], point[1], cause));
  }
}

/** "step 1200: 0.0432". */
function describePoint([step, value]: ScalarPoint): string {
  return `step ${step}: ${formatMetric(value)}`;
}
