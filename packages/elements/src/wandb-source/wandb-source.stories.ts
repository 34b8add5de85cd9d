import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../run-picker/define.js';
import '../image-key-picker/define.js';
import '../step-slider/define.js';
import '../image-compare/define.js';
import './define.js';
import { storySource } from '../internal/testing/story-helpers.js';

const meta: Meta = {
  title: 'Elements/wandb-source',
  component: 'wandb-source',
};
export default meta;

/** Your own layout: every element inside one `<wandb-source>` shares the source and selection. */
export const OwnLayout: StoryObj = {
  render: () =>
    html`<wandb-source .source=${storySource()} entity="acme" project="sdxl-finetune">
      <div style="display: grid; grid-template-columns: 22rem 1fr; gap: 1rem; align-items: start">
        <div style="display: grid; gap: 1rem">
          <run-picker></run-picker>
          <image-key-picker></image-key-picker>
        </div>
        <div style="display: grid; gap: 1rem; min-width: 0">
          <step-slider></step-slider>
          <image-compare></image-compare>
        </div>
      </div>
    </wandb-source>`,
};
