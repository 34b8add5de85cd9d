import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import './define.js';
import { storySource } from '../internal/testing/story-helpers.js';
import type { RunComparer } from './run-comparer.js';

const meta: Meta = {
  title: 'Elements/run-comparer',
  component: 'run-comparer',
  parameters: { layout: 'fullscreen' },
  render: () =>
    html`<run-comparer
      style="height: 100vh"
      no-url
      .source=${storySource()}
      entity="acme"
      project="sdxl-finetune"
    ></run-comparer>`,
};
export default meta;
type Story = StoryObj;

export const SampleProject: Story = {
  play: async ({ canvasElement }) => {
    const comparer = canvasElement.querySelector<RunComparer>('run-comparer')!;
    await waitFor(() => expect(comparer.store.value.step).toBe(1500));
    await expect(comparer.store.value.runs.map((r) => r.run.displayName)).toEqual([
      'lora-r16-lr1e-4',
      'lora-r16-lr3e-4',
      'lora-r64-lr1e-4',
    ]);
  },
};

export const SlowSource: Story = {
  render: () =>
    html`<run-comparer
      style="height: 100vh"
      no-url
      .source=${storySource(1500)}
      entity="acme"
      project="sdxl-finetune"
    ></run-comparer>`,
};
