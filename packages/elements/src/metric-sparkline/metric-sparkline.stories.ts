import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { ScalarPoint } from '@run-comparer/wandb-client';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import './define.js';
import type { MetricStepPickEvent } from '../events/metric-step-pick.js';
import { RUN, sampleSource, SAMPLE_ENTITY, SAMPLE_PROJECT } from '../../stories-support/sample-project.js';
import { findInShadow, textInShadow } from '../../stories-support/play.js';

/** A sample run's history of one key, as `history()` gives it. */
function historyOf(runId: string, key: string) {
  return async (): Promise<{ points: readonly ScalarPoint[] }> => {
    const ref = { entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT, runId };
    const { byKey } = await sampleSource.history(ref, { keys: [key], samples: 200 });
    return { points: byKey[key]?.points ?? [] };
  };
}

const meta: Meta = {
  title: 'Elements/Metric sparkline',
  component: 'metric-sparkline',
  args: { step: 1500, label: 'train/loss of lr-1e-4', '--metric-sparkline-width': '12rem' },
  loaders: [historyOf(RUN.baseline, 'train/loss')],
  render: (args, { loaded }) =>
    html`<metric-sparkline
      .points=${loaded.points}
      .step=${args.step}
      label=${args.label}
      style="--metric-sparkline-width: ${args['--metric-sparkline-width']}"
      @metric-step-pick=${(e: MetricStepPickEvent) => ((e.target as HTMLElement).dataset.picked = String(e.step))}
    ></metric-sparkline>`,
};
export default meta;
type Story = StoryObj;

const sparklineIn = (canvas: HTMLElement) => canvas.querySelector<HTMLElement>('metric-sparkline')!;

/** The baseline's training loss over its 3000 steps, step 1500 marked. */
export const TrainingLoss: Story = {
  play: async ({ canvasElement }) => {
    const slider = await findInShadow(sparklineIn(canvasElement), '[role="slider"]');
    await expect(Number(slider.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(1500);
    await expect(slider.getAttribute('aria-valuetext')).toMatch(/^step \d+: \d/);
  },
};

/** The run that diverged: its loss goes to NaN, drawn as red ticks where the line breaks. */
export const Diverged: Story = {
  args: { step: null, label: 'train/loss of lr-1e-3' },
  loaders: [historyOf(RUN.diverged, 'train/loss')],
  play: async ({ canvasElement }) => {
    await findInShadow(sparklineIn(canvasElement), '[part="non-finite"]');
  },
};

/** Keyboard: arrows move along the points, Enter picks one (`metric-step-pick`). */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const el = sparklineIn(canvasElement);
    (await findInShadow(el, '[role="slider"]')).focus();
    await userEvent.keyboard('{End}{Home}{Enter}');
    await waitFor(() => expect(el.dataset.picked).toBe('0'));
    await textInShadow(el, '[part="readout"]', /^step 0: /);
  },
};

/** No values to draw. */
export const Empty: Story = {
  loaders: [async () => ({ points: [] })],
  play: async ({ canvasElement }) => {
    await textInShadow(sparklineIn(canvasElement), '[part="empty"]', 'No values');
  },
};
