import { TaskStatus } from '@lit/task';
import type { RunRef, RunSource, ScalarAt } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SelectionController } from '../context/selection-controller.js';
import { runName, sameList, type SelectedRun } from '../context/selection-store.js';
import { ListboxController } from '../controllers/listbox-controller.js';
import { SourceTask } from '../controllers/source-task.js';
import { MetricKeysChangeEvent } from '../events/metric-keys-change.js';
import type { MetricStepPickEvent } from '../events/metric-step-pick.js';
import { StepChangeEvent } from '../events/step-change.js';
import { describeError } from '../internal/describe-error.js';
import { emitChange, stopInner } from '../internal/emit.js';
import { runSwatch } from '../internal/run-swatch.js';
import { renderMessage, renderSkeleton } from '../internal/status.js';
import { viewerStyles } from '../styles/viewer.js';
import {
  loadImageSteps,
  loadMetricKeys,
  loadSeries,
  loadValuesAt,
  preselectMetrics,
  type MetricKeyLoad,
  type MetricKeyOption,
} from './load-metrics.js';
import {
  lastValue,
  renderMetricSparkline,
  renderMetricValue,
  sharedExtent,
  type MissingValue,
} from './metric-cells.js';
import { renderChooser } from './metric-chooser.js';
import { nearestStep } from './nearest-step.js';
import { axisValueOf, positionText, runStepAt } from './axis-position.js';
import { styles } from './run-metrics.styles.js';

/**
 * @summary The selected runs' scalar metrics at the current step: a row per run, a column per chosen key, each with the value and a sparkline of the whole run.
 *
 * Reads the runs and the step from the shared selection. The "Metrics" button opens a chooser of
 * the keys the runs logged as numbers (their union, with how many runs logged each; a filter box
 * and a multi-select listbox with the keys of `<image-key-picker>`); until you choose, up to
 * `max-preselected` are chosen for you (losses first, then quality scores). Each cell shows the
 * value at the step, or the value logged at the nearest earlier step marked as such, and "—"
 * ("not logged" for screen readers) where a run lacks the key. Its `<metric-sparkline>` shows the
 * whole run on a step scale shared by the column, with the step marked; clicking a point (or Enter
 * on it) moves the shared step to the image step nearest to it, as the step slider would.
 *
 * Themed by the shared `--rc-*` tokens set on any ancestor; light and dark by default.
 *
 * @fires change - The user chose other metrics, or moved the step from a sparkline (not fired for programmatic changes).
 * @fires metric-keys-change - {MetricKeysChangeEvent} With `change`: the metric keys now shown.
 * @fires step-change - {StepChangeEvent} With `change`: the step a sparkline moved to, and whether by pointer or keyboard.
 *
 * @csspart base - The wrapper of everything.
 * @csspart toolbar - The line with the chooser button and the step.
 * @csspart chooser-button - The button that opens the metric chooser.
 * @csspart chooser - The chooser panel.
 * @csspart chooser-search - The chooser's filter box.
 * @csspart list - The chooser's listbox.
 * @csspart option - A metric in the chooser; chosen ones also have `option-selected`.
 * @csspart check - An option's check box.
 * @csspart key - A metric's name (in the chooser and the column headers).
 * @csspart count - How many runs logged a metric.
 * @csspart scroller - The scrolling area around the table.
 * @csspart table - The table.
 * @csspart run - A row header: the run's swatch and name.
 * @csspart run-swatch - The run's colour mark.
 * @csspart value - A value at the step.
 * @csspart step-note - The step a value was logged at, when not the current step.
 * @csspart missing - "—" where a run has no value.
 * @csspart sparkline - A `<metric-sparkline>`.
 * @csspart warning - The note naming runs whose metrics could not be read.
 * @csspart message - Empty and informational states.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of an error.
 * @csspart skeleton - Placeholder rows while loading.
 *
 * @cssproperty [--run-metrics-height=24rem] - Maximum height of the table before it scrolls.
 */
export class RunMetrics extends LitElement {
  static override styles = [viewerStyles, styles];

  /** Where metrics come from; defaults to the source provided by `<wandb-source>`. */
  @property({ attribute: false }) source: RunSource | undefined;

  /** The metric keys shown, in column order. Unset: chosen for you when the keys load. Setting it fires no events. */
  @property({ attribute: false }) metrics: string[] | undefined;

  /** How many metrics to choose by themselves while `metrics` is unset. */
  @property({ type: Number, attribute: 'max-preselected' }) maxPreselected = 2;

  /** Most points per sparkline (2–2000). */
  @property({ type: Number }) samples = 200;

  /** The accessible name of the table. */
  @property() label = 'Metrics';

  @state() private chooserOpen = false;
  @state() private filterText = '';

  readonly #store = new SelectionController(this, { watch: ['project', 'runs', 'keys', 'step', 'axis'] });
  readonly #keys = new SourceTask(this, {
    task: ([source, runIds], { signal }) => (source && runIds ? loadMetricKeys(source, this.#refs, signal) : null),
    args: () => [this.#source, this.#runIds] as const,
  });
  readonly #series = new SourceTask(this, {
    task: ([source, , metrics, keys], { signal }) =>
      source && keys && metrics ? loadSeries(source, this.#refs, this.#chosen, keys.byRun, this.samples, signal) : null,
    args: () => [this.#source, this.#runIds, this.#chosen.join('\n'), this.#keys.value, this.samples] as const,
  });
  readonly #values = new SourceTask(this, {
    task: ([source, , metrics, keys, step], { signal }) =>
      source && keys && metrics && step !== null
        ? loadValuesAt(source, this.#refs, this.#chosen, keys.byRun, step, signal, (ref) =>
            runStepAt(this.#store.value, ref),
          )
        : null,
    args: () =>
      [
        this.#source,
        this.#runIds,
        this.#chosen.join('\n'),
        this.#keys.value,
        this.#step,
        this.#refs.map((ref) => runStepAt(this.#store.value, ref)).join(),
      ] as const,
  });
  readonly #listbox = new ListboxController(this, 'metric', {
    count: () => this.#shownOptions.length,
    isSelected: (index) => this.#chosen.includes(this.#shownOptions[index]?.key ?? ''),
    select: (indices, selected) => {
      const touched = new Set(indices.map((i) => this.#shownOptions[i]?.key));
      const kept = this.#chosen.filter((key) => !touched.has(key) || selected);
      const added = this.#shownOptions
        .map((o) => o.key)
        .filter((key) => selected && touched.has(key) && !kept.includes(key));
      this.#commitMetrics([...kept, ...added]);
    },
  });
  /** The image steps of the selected runs under the chosen image keys, loaded on the first pick. */
  #imageSteps: { source: RunSource; key: string; steps: Promise<number[]> } | undefined;
  #loads = new AbortController();
  #pickCount = 0;
  #preselected: { options: readonly MetricKeyOption[]; max: number; keys: string[] } | undefined;

  get #source(): RunSource | undefined {
    return this.source ?? this.#store.source;
  }

  get #runs(): readonly SelectedRun[] {
    return this.#store.value.runs;
  }

  get #refs(): RunRef[] {
    return this.#runs.map((r) => r.ref);
  }

  get #runIds(): string {
    return this.#runs.map((r) => r.ref.runId).join('\n');
  }

  get #step(): number | null {
    return this.#store.value.step;
  }

  get #options(): readonly MetricKeyOption[] {
    return this.#keys.value?.options ?? [];
  }

  get #shownOptions(): readonly MetricKeyOption[] {
    const text = this.filterText.trim().toLowerCase();
    return text ? this.#options.filter((o) => o.key.toLowerCase().includes(text)) : this.#options;
  }

  /** The metrics shown: `metrics`, or those chosen for the user from the keys loaded. */
  get #chosen(): readonly string[] {
    if (this.metrics) return this.metrics;
    const options = this.#options;
    const memo = this.#preselected;
    if (memo?.options !== options || memo.max !== this.maxPreselected) {
      this.#preselected = { options, max: this.maxPreselected, keys: preselectMetrics(options, this.maxPreselected) };
    }
    return this.#preselected!.keys;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#loads.signal.aborted) this.#loads = new AbortController();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loads.abort();
    this.#imageSteps = undefined;
  }

  protected override render() {
    return html`<div part="base" class="base">${this.#renderBody()}</div>`;
  }

  #renderBody() {
    if (!this.#source) {
      return renderMessage('No run source', 'Put this element inside <wandb-source>, or set its source property.');
    }
    if (this.#runs.length === 0) return renderMessage('Select runs to see their metrics');
    const failure = this.#keys.renderFailure('metrics');
    if (failure) return failure;
    const keys = this.#keys.value;
    if (!keys) return renderSkeleton(3, 'Loading metrics…');
    if (keys.options.length === 0) {
      return renderMessage(
        this.#runs.length > 1 ? 'These runs logged no metrics' : 'This run logged no metrics',
        'Metrics show up here once a run logs numbers, e.g. wandb.log({"train/loss": loss}).',
      );
    }
    const chosen = this.#chosen;
    return html`<div part="toolbar" class="toolbar">
        ${renderChooser(
          this.#listbox,
          {
            open: this.chooserOpen,
            shown: this.#shownOptions,
            total: keys.options.length,
            chosen,
            filterText: this.filterText,
            runs: this.#runs.length,
          },
          { toggle: this.#toggleChooser, filter: this.#onFilterInput, keydown: this.#onChooserKeydown },
        )}
        <span class="at" aria-live="polite"
          >${this.#step === null ? 'Latest values' : `At ${positionText(this.#store.value)}`}</span
        >
      </div>
      ${
        chosen.length === 0
          ? renderMessage('No metrics chosen', 'Choose metrics to show with the “Metrics” button.')
          : this.#renderTable(keys, chosen)
      }
      ${this.#renderWarning(keys)}`;
  }

  #renderTable(keys: MetricKeyLoad, chosen: readonly string[]): TemplateResult {
    const step = this.#step;
    const series = this.#series.value;
    const values = this.#values.value;
    const busy =
      this.#series.status === TaskStatus.PENDING ||
      this.#values.status === TaskStatus.PENDING ||
      (step !== null && values?.step !== step);
    const seriesFailure = this.#series.renderFailure('metric histories');
    const valuesFailure = this.#values.renderFailure('metric values');
    if (seriesFailure ?? valuesFailure) return (seriesFailure ?? valuesFailure)!;
    const failedRuns = new Set([...(series?.failed ?? []), ...(values?.failed ?? [])].map((f) => f.ref.runId));
    const extents = new Map(
      chosen.map((key) => [
        key,
        sharedExtent(this.#runs.map((run) => series?.byRun.get(run.ref.runId)?.[key]?.points)),
      ]),
    );
    return html`<div part="scroller" class="scroller">
      <table
        part="table"
        aria-busy=${busy ? 'true' : 'false'}
        class=${busy ? 'busy' : ''}
        @change=${stopInner}
        @metric-step-pick=${this.#onPick}
      >
        <caption class="visually-hidden">
          ${this.label}${step === null ? ', latest values' : ` at ${positionText(this.#store.value)}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            ${chosen.map((key) => html`<th scope="col"><span part="key" class="key" title=${key}>${key}</span></th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.#runs.map((selected) => {
            const { ref, run, color } = selected;
            const id = ref.runId;
            const logged = keys.byRun.get(id);
            const runStep = runStepAt(this.#store.value, ref);
            return html`<tr>
              <th scope="row" part="run" class="run">${runSwatch(selected)} ${run.displayName}</th>
              ${chosen.map((key) => {
                const points = series?.byRun.get(id)?.[key]?.points;
                const at: ScalarAt | null =
                  step === null ? lastValue(points) : ((values?.byRun.get(id)?.[key] as ScalarAt | null) ?? null);
                const missing: MissingValue =
                  failedRuns.has(id) || !logged ? 'unreadable' : logged.has(key) ? 'not-yet' : 'not-logged';
                return html`<td>
                  <div class="cell">
                    <div class="reading">${renderMetricValue(at, runStep, missing)}</div>
                    ${
                      points?.length
                        ? renderMetricSparkline({
                            points,
                            step: runStep,
                            extent: extents.get(key),
                            label: `${key} of ${run.displayName}`,
                            color,
                          })
                        : nothing
                    }
                  </div>
                </td>`;
              })}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  #renderWarning(keys: MetricKeyLoad) {
    const failed = [...keys.failed, ...(this.#series.value?.failed ?? []), ...(this.#values.value?.failed ?? [])];
    if (failed.length === 0) return nothing;
    const names = [...new Set(failed.map(({ ref }) => runName(this.#store.value, ref.runId)))];
    return html`<p part="warning" class="warning callout" role="status">
      Could not read the metrics of ${names.join(', ')}: ${describeError(failed[0]!.error).message}
      <button class="button button--quiet" type="button" @click=${this.#retryAll}>Try again</button>
    </p>`;
  }

  #retryAll = (): void => {
    void this.#keys.run();
  };

  #toggleChooser = (): void => {
    this.chooserOpen = !this.chooserOpen;
    if (this.chooserOpen) void this.updateComplete.then(() => this.#chooserPart('chooser-search')?.focus());
  };

  #chooserPart(part: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`);
  }

  #onFilterInput = (event: InputEvent): void => {
    event.stopPropagation();
    this.filterText = (event.target as HTMLInputElement).value;
  };

  #onChooserKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.chooserOpen = false;
      void this.updateComplete.then(() => this.#chooserPart('chooser-button')?.focus());
    } else if (event.key === 'ArrowDown' && event.target === this.#chooserPart('chooser-search')) {
      event.preventDefault();
      this.#chooserPart('list')?.focus();
    }
  };

  #commitMetrics(keys: string[]): void {
    if (sameList(keys, this.#chosen as string[])) return;
    this.metrics = keys;
    emitChange(this, new MetricKeysChangeEvent(keys));
  }

  #onPick = async (event: MetricStepPickEvent): Promise<void> => {
    event.stopPropagation();
    const pick = ++this.#pickCount;
    const near = (await this.#imageStepNear(event.step)) ?? event.step;
    const target = this.#store.value.axis ? axisValueOf(this.#store.value, this.#refs, near) : near;
    if (pick !== this.#pickCount || target === null || target === this.#step) return;
    this.#store.store.setStep(target);
    emitChange(this, new StepChangeEvent(target, event.cause));
  };

  /** The image step of the selected runs nearest to `step`, or null when they have none (or cannot say). */
  async #imageStepNear(step: number): Promise<number | null> {
    const source = this.#source;
    if (!source) return null;
    const { keys } = this.#store.value;
    const key = `${this.#runIds}\n\n${keys.join('\n')}`;
    if (this.#imageSteps?.key !== key || this.#imageSteps.source !== source) {
      this.#imageSteps = { source, key, steps: loadImageSteps(source, this.#refs, keys, this.#loads.signal) };
    }
    const loading = this.#imageSteps;
    try {
      return nearestStep(await loading.steps, step);
    } catch {
      if (this.#imageSteps === loading) this.#imageSteps = undefined;
      return null;
    }
  }
}

export type { MetricKeyOption };
