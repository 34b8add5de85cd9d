import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../wandb-source/define.js';
import '../run-picker/define.js';
import './define.js';
import { inShadow, selectNewest, storySource } from '../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/image-key-picker',
  component: 'image-key-picker',
  render: () =>
    html`<wandb-source .source=${storySource()} entity="acme" project="sdxl-finetune">
      <image-key-picker style="max-width: 24rem"></image-key-picker>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

export const ForSelectedRuns: Story = {
  play: async ({ canvasElement }) => {
    await selectNewest(canvasElement, 3);
    const picker = canvasElement.querySelector('image-key-picker');
    await inShadow(picker, '[role="option"]');
    await expect(picker!.shadowRoot!.querySelectorAll('[role="option"]').length).toBe(2);
  },
};

export const NoRunsSelected: Story = {
  play: async ({ canvasElement }) => {
    const message = await inShadow(canvasElement.querySelector('image-key-picker'), '[part="message"]');
    await expect(message.textContent).toContain('Select runs');
  },
};

export const WithRunPicker: Story = {
  render: () =>
    html`<wandb-source .source=${storySource()} entity="acme" project="sdxl-finetune">
      <div style="display: grid; grid-template-columns: 24rem 20rem; gap: 1rem; align-items: start">
        <run-picker></run-picker>
        <image-key-picker></image-key-picker>
      </div>
    </wandb-source>`,
};

export const GivenKeys: Story = {
  render: () =>
    html`<image-key-picker
      style="max-width: 24rem"
      .imageKeys=${[
        { key: 'samples/grid', runs: 3 },
        { key: 'samples/ema', runs: 2 },
        { key: 'val/reference', runs: 1 },
      ]}
    ></image-key-picker>`,
};
