import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import './define.js';
import { allInShadow, textOf } from '../../stories-support/play.js';
import { sampleSource, SAMPLE_ENTITY, SAMPLE_PROJECT } from '../../stories-support/sample-project.js';
import type { RunComparer } from './run-comparer.js';

/** The "Run details" region of `<run-comparer>`: the config diff and the metrics of the selected runs. */
const meta: Meta = {
  title: 'Elements/Run comparer/Run details',
  component: 'run-comparer',
  parameters: { layout: 'fullscreen', docs: { story: { inline: false, height: '56rem' } } },
  render: () =>
    html`<run-comparer
      style="height: 100vh"
      entity=${SAMPLE_ENTITY}
      project=${SAMPLE_PROJECT}
      initial-runs="3"
      no-url
      .source=${sampleSource}
    ></run-comparer>`,
};
export default meta;
type Story = StoryObj;

const comparerIn = (canvas: HTMLElement) => canvas.querySelector<RunComparer>('run-comparer')!;

/**
 * Expand "Run details" under the grid: what differs in the config of the three newest runs of the
 * learning-rate sweep, and their metrics at the step. Pressing `learning_rate` in the diff shows it
 * under each run's name in the grid; "Sort runs by" orders the grid's rows by it.
 */
export const ConfigAndMetrics: Story = {
  play: async ({ canvasElement }) => {
    const el = comparerIn(canvasElement);
    // The region comes with the run details' chunk, loaded once the page is idle.
    const panel = await found(
      () =>
        el.shadowRoot?.querySelector('run-details-panel')?.shadowRoot &&
        el.shadowRoot.querySelector('run-details-panel'),
    );
    const toggle = await found(() => panel.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]'));
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const diff = await found(() => panel.shadowRoot!.querySelector('run-config-diff'));
    const key = await found(() =>
      allInShadow<HTMLButtonElement>(diff, '[part~="key"]').find((b) => textOf(b) === 'learning_rate'),
    );
    await userEvent.click(key);
    const grid = await found(() => el.shadowRoot!.querySelector('image-compare'));
    await found(() => {
      const lines = allInShadow(grid, 'run-config-keys').map((keys) => textOf(keys.shadowRoot?.firstElementChild));
      return lines.length >= 3 && lines.every((line) => line.startsWith('learning_rate=')) ? lines : null;
    });
    // "Sort runs by" learning_rate, descending: the highest learning rate heads the grid.
    const sort = await found(() => panel.shadowRoot!.querySelector<HTMLSelectElement>('[part="sort"] select'));
    await userEvent.selectOptions(sort, '-learning_rate');
    await found(() => {
      const values = allInShadow(grid, 'run-config-keys').map((keys) =>
        Number(textOf(keys.shadowRoot?.firstElementChild).split('=')[1]),
      );
      return values.length >= 3 && values.every((v, i) => i === 0 || values[i - 1]! >= v);
    });
    const metrics = await found(() => panel.shadowRoot!.querySelector('run-metrics'));
    await found(() => allInShadow(metrics, 'metric-sparkline').length > 0);
  },
};

/** Wait (up to 10 s: chunks and data load) until `find` gives something, and return it. */
function found<T>(find: () => T | null | undefined | false): Promise<T> {
  return waitFor(
    () => {
      const value = find();
      if (!value) throw new Error('waiting');
      return value;
    },
    { timeout: 10_000 },
  );
}
