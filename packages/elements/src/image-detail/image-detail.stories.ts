import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createMemorySource } from '@run-comparer/wandb-client';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import './define.js';
import { inShadow } from '../internal/testing/story-helpers.js';
import { selectionOf, threeRunProject } from '../internal/testing/viewer-fixtures.js';

const dataset = threeRunProject();

const meta: Meta = {
  title: 'Elements/image-detail',
  component: 'image-detail',
  render: () =>
    html`<image-detail
      .source=${createMemorySource(dataset)}
      .runs=${selectionOf(dataset)}
      .image=${{ runId: 'amber', key: 'samples/grid', step: 100, index: 1 }}
    ></image-detail>`,
};
export default meta;
type Story = StoryObj;

export const OneImage: Story = {
  play: async ({ canvasElement }) => {
    const image = await inShadow<HTMLImageElement>(canvasElement.querySelector('image-detail'), 'img');
    await expect(image.alt).toBe('a lighthouse at dusk, amber-glade-3, samples/grid #2, step 100');
  },
};

export const NotLogged: Story = {
  render: () =>
    html`<image-detail
      .source=${createMemorySource(dataset)}
      .runs=${selectionOf(dataset)}
      .image=${{ runId: 'cedar', key: 'samples/grid', step: 100, index: 0 }}
    ></image-detail>`,
  play: async ({ canvasElement }) => {
    const detail = canvasElement.querySelector('image-detail')!;
    await waitFor(() =>
      expect(detail.shadowRoot!.querySelector('[part="message"]')?.textContent?.replace(/\s+/g, ' ')).toContain(
        'cedar-moss-1 logged no image under samples/grid at step 100.',
      ),
    );
  },
};
