import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createMemorySource } from '@run-comparer/wandb-client';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import { inShadow, selectNewest, storySource } from '../internal/testing/story-helpers.js';
import { selectionOf, threeRunProject } from '../internal/testing/viewer-fixtures.js';

const meta: Meta = {
  title: 'Elements/image-compare',
  component: 'image-compare',
  render: () =>
    html`<wandb-source .source=${storySource()} entity="acme" project="sdxl-finetune">
      <image-compare style="--max-height: 80vh"></image-compare>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

export const LatestStep: Story = {
  play: async ({ canvasElement }) => {
    await selectNewest(canvasElement, 3, ['samples/grid', 'samples/ema']);
    const grid = canvasElement.querySelector('image-compare');
    await inShadow(grid, 'img');
    await waitFor(() => expect(grid!.shadowRoot!.querySelectorAll('tbody tr').length).toBe(3));
  },
};

export const AlignedByCaption: Story = {
  render: () =>
    html`<wandb-source .source=${storySource()} entity="acme" project="sdxl-finetune">
      <image-compare align="caption" thumb-size="120"></image-compare>
    </wandb-source>`,
  play: async ({ canvasElement }) => {
    await selectNewest(canvasElement, 2, ['samples/grid']);
    const header = await inShadow(canvasElement.querySelector('image-compare'), '[part="column-header"]');
    await waitFor(() => expect(header.textContent).toContain('a koi pond at dawn'));
  },
};

/** `brook` has no image at step 120 and shows step 0; `cedar` has none at or before it. */
export const NearestEarlierStep: Story = {
  render: () => {
    const dataset = threeRunProject();
    return html`<image-compare
      .source=${createMemorySource(dataset)}
      .runs=${selectionOf(dataset)}
      .keys=${['samples/grid', 'val/hero']}
      .step=${120}
    ></image-compare>`;
  },
  play: async ({ canvasElement }) => {
    const note = await inShadow(canvasElement.querySelector('image-compare'), '[part="step-note"]');
    await expect(note.textContent).toBe('step 100 · nearest earlier');
  },
};

export const Loading: Story = {
  render: () =>
    html`<wandb-source .source=${storySource(60_000)} entity="acme" project="sdxl-finetune">
      <image-compare></image-compare>
    </wandb-source>`,
};

export const NothingSelected: Story = {
  play: async ({ canvasElement }) => {
    const message = await inShadow(canvasElement.querySelector('image-compare'), '[part="message"]');
    await expect(message.textContent).toContain('Select runs and image keys');
  },
};
