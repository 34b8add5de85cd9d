import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import type { Dataset, RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import '../step-slider/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
import { RUN, sampleProject, sampleSource, storySource } from '../../stories-support/sample-project.js';
import { errors, failingSource, pendingSource } from '../../stories-support/failing-sources.js';
import { selection } from '../../stories-support/selection.js';
import { allInShadow, findInShadow, focusInShadow, textInShadow, textOf } from '../../stories-support/play.js';
import type { RunMetrics } from './run-metrics.js';

const RUNS = [RUN.baseline, RUN.fast, RUN.diverged];

const meta: Meta = {
  title: 'Elements/Run metrics',
  component: 'run-metrics',
  args: { label: 'Metrics', maxPreselected: 2 },
  loaders: [selection({ runs: RUNS, step: 1500 })],
  render: (args, { loaded }) => inSource(sampleSource, metrics(args), loaded.store),
};
export default meta;
type Story = StoryObj;

function metrics(args: Record<string, unknown>): TemplateResult {
  return html`<run-metrics
    label=${args.label as string}
    max-preselected=${args.maxPreselected as number}
    style="max-width: 40rem"
  ></run-metrics>`;
}

function inSource(source: RunSource, content: TemplateResult, store: SelectionStore) {
  return html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`;
}

const metricsIn = (canvas: HTMLElement) => canvas.querySelector<RunMetrics>('run-metrics')!;
const store = (canvas: HTMLElement) => canvas.querySelector('wandb-source')!.store;
const headers = (el: RunMetrics) => allInShadow(el, 'thead th').map(textOf);
const cellsOf = (el: RunMetrics, row: number) => allInShadow(el, `tbody tr:nth-child(${row + 1}) td`).map(textOf);
const settled = (el: RunMetrics) =>
  waitFor(() => {
    expect(allInShadow(el, '[part="table"][aria-busy="false"]').length).toBe(1);
    expect(allInShadow(el, 'metric-sparkline').length).toBeGreaterThan(0);
  });

/**
 * Three sample runs at step 1500: the training loss was logged at the step, the FID only every
 * 1000 steps, so it shows the value of step 1000 marked "nearest earlier"; the run that diverged
 * stopped at step 1150 (its loss went to NaN, drawn as red ticks in its sparkline).
 */
export const AtTheStep: Story = {
  play: async ({ canvasElement }) => {
    const el = metricsIn(canvasElement);
    await settled(el);
    await expect(headers(el)).toEqual(['Run', 'train/loss', 'eval/fid']);
    await expect(cellsOf(el, 1)[1]).toMatch(/step 1000 · nearest earlier$/);
    await expect(cellsOf(el, 2)[0]).toMatch(/step 1150 · nearest earlier$/);
  },
};

/** No current step yet: each run's last value, with the step it was logged at. */
export const LatestValues: Story = {
  loaders: [selection({ runs: RUNS })],
  play: async ({ canvasElement }) => {
    const el = metricsIn(canvasElement);
    await textInShadow(el, '.at', 'Latest values');
    await settled(el);
    await expect(cellsOf(el, 0)[0]).toMatch(/step 3000$/);
  },
};

function withoutFid(): Dataset {
  const project = sampleProject();
  for (const run of project.runs.filter((r) => r.id === RUN.fast)) {
    for (const row of run.history) delete row['eval/fid'];
    delete run.summary?.['eval/fid'];
  }
  return project;
}
const noFidSource = storySource(withoutFid());

/** One run never logged `eval/fid`: "—", read as "not logged". */
export const MetricMissingInSomeRuns: Story = {
  loaders: [selection({ runs: RUNS, step: 1500 }, noFidSource)],
  render: (args, { loaded }) => inSource(noFidSource, metrics(args), loaded.store),
  play: async ({ canvasElement }) => {
    const el = metricsIn(canvasElement);
    await settled(el);
    await expect(cellsOf(el, 1)[1]).toMatch(/^—\s*not logged$/);
  },
};

/** Click a point of a sparkline: the shared step moves to the image step nearest to it, and the slider follows. */
export const SparklineMovesTheStep: Story = {
  render: (args, { loaded }) =>
    inSource(sampleSource, html`<step-slider style="max-width: 40rem"></step-slider>${metrics(args)}`, loaded.store),
  play: async ({ canvasElement }) => {
    const el = metricsIn(canvasElement);
    await settled(el);
    const sparkline = allInShadow(el, 'metric-sparkline')[0]!;
    const slider = await findInShadow(sparkline, '[role="slider"]');
    const box = slider.getBoundingClientRect();
    await userEvent.pointer({
      keys: '[MouseLeft]',
      target: slider,
      coords: { clientX: box.left + 2, clientY: box.top + box.height / 2 },
    });
    await waitFor(() => expect(store(canvasElement).value.step).toBe(0));
  },
};

/** Keyboard only: open the chooser, filter, add `epoch`, close with Escape; then Enter on a sparkline point. */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const el = metricsIn(canvasElement);
    await settled(el);
    (await focusInShadow(el, '[part="chooser-button"]')).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(el.shadowRoot!.activeElement?.getAttribute('part')).toBe('chooser-search'));
    await userEvent.keyboard('epoch{ArrowDown} {Escape}');
    await waitFor(() => expect(headers(el)).toEqual(['Run', 'train/loss', 'eval/fid', 'epoch']));
    const sparkline = allInShadow(el, 'metric-sparkline')[0]!;
    (await findInShadow(sparkline, '[role="slider"]')).focus();
    await userEvent.keyboard('{Home}{Enter}');
    await waitFor(() => expect(store(canvasElement).value.step).toBe(0));
  },
};

function withManyMetrics(): Dataset {
  const project = sampleProject();
  for (const run of project.runs) {
    for (const row of run.history) {
      if (row._step % 500 !== 0) continue;
      for (let i = 0; i < 300; i++)
        row[`probe/layer_${String(i).padStart(3, '0')}/norm`] = Math.sin(row._step / 700 + i);
    }
  }
  return project;
}
const manyMetricsSource = storySource(withManyMetrics());

/** Hundreds of metrics (300 probes a run besides the sample's 8 numeric keys): the chooser filters them; "layer_04" leaves ten. */
export const HundredsOfMetrics: Story = {
  loaders: [selection({ runs: RUNS, step: 1500 }, manyMetricsSource)],
  render: (args, { loaded }) => inSource(manyMetricsSource, metrics(args), loaded.store),
  play: async ({ canvasElement }) => {
    const el = metricsIn(canvasElement);
    await userEvent.click(await findInShadow(el, '[part="chooser-button"]'));
    await userEvent.type(await findInShadow(el, '[part="chooser-search"]'), 'layer_04');
    await textInShadow(el, '.chooser-empty', '10 of 308 metrics match');
  },
};

/** Before any run is selected. */
export const NoRunsSelected: Story = {
  loaders: [selection({ runs: 0 })],
  play: async ({ canvasElement }) => {
    await textInShadow(metricsIn(canvasElement), '[part="message"]', 'Select runs to see their metrics');
  },
};

/** The calls `<run-metrics>` makes (the shared failing sources fail the image calls by default). */
const SCALAR_CALLS = ['scalarKeys', 'history', 'historyAt'] as const;
const failing =
  (error: Parameters<typeof failingSource>[1]) =>
  (args: Record<string, unknown>, { loaded }: StoryContext) =>
    inSource(failingSource(sampleSource, error, { methods: [...SCALAR_CALLS] }), metrics(args), loaded.store);
const failure =
  (text: string | RegExp) =>
  async ({ canvasElement }: StoryContext) =>
    void (await textInShadow(metricsIn(canvasElement), '[part="error"]', text));

/** Placeholder rows while the metric keys load (this source never answers). */
export const Loading: Story = {
  render: (args, { loaded }) => inSource(pendingSource(sampleSource, [...SCALAR_CALLS]), metrics(args), loaded.store),
  play: async ({ canvasElement }) => void (await findInShadow(metricsIn(canvasElement), '[part="skeleton"]')),
};

/** wandb refused the API key: no automatic retry. */
export const AuthFailure: Story = { render: failing(errors.auth), play: failure('wandb refused the credentials') };

/** Rate limited with Retry-After: a countdown to the automatic retry. */
export const RateLimited: Story = {
  render: failing(() => errors.rateLimit(30_000)),
  play: failure(/Retrying in (30|29) s…/),
};

/** The server could not be reached. */
export const Unreachable: Story = { render: failing(errors.network), play: failure('Could not reach the server') };

/** One run's metrics could not be read: the others show, with a note naming it and "Try again". */
export const OneRunFailed: Story = {
  render: (args, { loaded }) =>
    inSource(
      failingSource(sampleSource, errors.network, { methods: [...SCALAR_CALLS], runIds: [RUN.fast] }),
      metrics(args),
      loaded.store,
    ),
  play: async ({ canvasElement }) => {
    const el = metricsIn(canvasElement);
    await textInShadow(el, '[part="warning"]', 'Could not read the metrics of');
    await settled(el);
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => settled(metricsIn(canvasElement)),
};
