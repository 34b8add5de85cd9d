import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../run-picker/define.js';
import '../image-key-picker/define.js';
import '../step-slider/define.js';
import '../image-compare/define.js';
import '../image-detail/define.js';
import './define.js';
import { allInShadow, findInShadow, loadedImages } from '../../stories-support/play.js';
import { sampleSource, SAMPLE_ENTITY, SAMPLE_PROJECT } from '../../stories-support/sample-project.js';
import type { WandbSource } from './wandb-source.js';

const meta: Meta = {
  title: 'Elements/Wandb source',
  component: 'wandb-source',
  args: { entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT },
  render: (args) =>
    html`<wandb-source .source=${sampleSource} entity=${args.entity} project=${args.project}>
      <div
        style="display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; align-items: start"
      >
        <div style="display: grid; gap: 1rem">
          <run-picker></run-picker>
          <image-key-picker></image-key-picker>
        </div>
        <div style="display: grid; gap: 1rem; min-width: 0; grid-column: span 2">
          <step-slider></step-slider>
          <image-compare thumb-size="120"></image-compare>
        </div>
      </div>
      <image-detail></image-detail>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

/**
 * Your own layout: the pickers on the left, the slider and grid on the right. Picking two runs
 * fills the keys, the slider's stops and the grid.
 */
export const OwnLayout: Story = {
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector('run-picker');
    await waitFor(() => expect(allInShadow(picker, '[role="option"]').length).toBe(4));
    await userEvent.click(allInShadow(picker, '[role="option"]')[1]!);
    await userEvent.click(allInShadow(picker, '[role="option"]')[2]!);
    const slider = canvasElement.querySelector('step-slider');
    await findInShadow(slider, '[role="slider"][aria-valuemax="3000"]');
    const grid = canvasElement.querySelector('image-compare');
    await waitFor(() => expect(allInShadow(grid, 'tbody tr').length).toBe(2));
    await loadedImages(grid);
    const { value } = canvasElement.querySelector<WandbSource>('wandb-source')!.store;
    await expect(value.runs.map((r) => r.ref.runId)).toEqual(['lr3e5slow', 'lr3e4fast']);
  },
};

/** Without `source` or `api`, every element says what is missing instead of failing silently. */
export const NoSource: Story = {
  render: () =>
    html`<wandb-source entity=${SAMPLE_ENTITY} project=${SAMPLE_PROJECT}>
      <div style="display: grid; gap: 1rem; max-width: 30rem">
        <run-picker></run-picker>
        <image-compare></image-compare>
      </div>
    </wandb-source>`,
  play: async ({ canvasElement }) => {
    const message = await findInShadow(canvasElement.querySelector('run-picker'), '[part="message"]');
    await expect(message.textContent).toContain('No run source');
  },
};
