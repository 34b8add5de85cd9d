import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import { inShadow, selectNewest, storySource } from '../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/step-slider',
  component: 'step-slider',
  render: () =>
    html`<wandb-source .source=${storySource()} entity="acme" project="sdxl-finetune">
      <step-slider></step-slider>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

export const AcrossRuns: Story = {
  play: async ({ canvasElement }) => {
    await selectNewest(canvasElement, 4, ['samples/grid']);
    const slider = canvasElement.querySelector('step-slider');
    const thumb = await inShadow(slider, '[role="slider"]');
    await expect(thumb.getAttribute('aria-valuemax')).toBe('1500');
    await inShadow(slider, '[part="lane"]');
  },
};

export const GivenSteps: Story = {
  render: () => html`<step-slider .steps=${[0, 50, 100, 250, 500, 1000, 2000, 4000]} .value=${500} loop></step-slider>`,
  play: async ({ canvasElement }) => {
    const thumb = await inShadow(canvasElement.querySelector('step-slider'), '[role="slider"]');
    await expect(thumb.getAttribute('aria-valuetext')).toBe('step 500, 5 of 8');
  },
};

export const NoRunsSelected: Story = {
  play: async ({ canvasElement }) => {
    await inShadow(canvasElement.querySelector('step-slider'), '[part="message"]');
  },
};
