import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { NetworkError, RateLimitError, createMemorySource } from '@run-comparer/wandb-client';
import { html } from 'lit';
import { expect } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import { controlledSource } from '../internal/testing/controlled-source.js';
import { project } from '../internal/testing/datasets.js';
import { inShadow, storySource } from '../internal/testing/story-helpers.js';
import { storyProject } from '../internal/testing/story-data.js';

const meta: Meta = {
  title: 'Elements/run-picker',
  component: 'run-picker',
  render: () =>
    html`<wandb-source .source=${storySource()} entity="acme" project="sdxl-finetune">
      <run-picker style="max-width: 26rem"></run-picker>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

export const InAProject: Story = {
  play: async ({ canvasElement }) => {
    const picker = canvasElement.querySelector('run-picker');
    await inShadow(picker, '[role="option"]');
    await expect(picker!.shadowRoot!.querySelectorAll('[role="option"]').length).toBe(6);
  },
};

export const Loading: Story = {
  render: () =>
    html`<wandb-source .source=${storySource(60_000)} entity="acme" project="sdxl-finetune">
      <run-picker style="max-width: 26rem"></run-picker>
    </wandb-source>`,
  play: async ({ canvasElement }) => {
    await inShadow(canvasElement.querySelector('run-picker'), '.skeleton-row');
  },
};

export const EmptyProject: Story = {
  render: () =>
    html`<wandb-source
      .source=${createMemorySource(project([], 'acme', 'new-project'))}
      entity="acme"
      project="new-project"
    >
      <run-picker style="max-width: 26rem"></run-picker>
    </wandb-source>`,
  play: async ({ canvasElement }) => {
    const message = await inShadow(canvasElement.querySelector('run-picker'), '[part="message"]');
    await expect(message.textContent).toContain('No runs in acme/new-project yet');
  },
};

function failing(error: Error) {
  const controlled = controlledSource(createMemorySource(storyProject()));
  for (let i = 0; i < 50; i++) controlled.failNext('list', error);
  return controlled.source;
}

export const Unreachable: Story = {
  render: () =>
    html`<wandb-source
      .source=${failing(new NetworkError('the server did not answer.'))}
      entity="acme"
      project="sdxl-finetune"
    >
      <run-picker style="max-width: 26rem"></run-picker>
    </wandb-source>`,
  play: async ({ canvasElement }) => {
    await inShadow(canvasElement.querySelector('run-picker'), '[part="retry-button"]');
  },
};

export const RateLimited: Story = {
  render: () =>
    html`<wandb-source
      .source=${failing(new RateLimitError('Too many requests.', 30_000))}
      entity="acme"
      project="sdxl-finetune"
    >
      <run-picker style="max-width: 26rem"></run-picker>
    </wandb-source>`,
  play: async ({ canvasElement }) => {
    const error = await inShadow(canvasElement.querySelector('run-picker'), '[part="error"]');
    await expect(error.textContent).toContain('Retrying in');
  },
};

export const GivenRuns: Story = {
  render: () => {
    const runs = storyProject().runs.map((r) => ({
      id: r.id,
      entity: 'acme',
      project: 'sdxl-finetune',
      displayName: r.displayName,
      state: r.state,
      createdAt: r.createdAt,
      heartbeatAt: null,
      user: r.user ?? null,
      tags: r.tags ?? [],
      group: r.group ?? null,
      jobType: r.jobType ?? null,
      notes: null,
      config: {},
      summary: {},
      lastStep: null,
      warnings: [],
      error: null,
    }));
    return html`<run-picker style="max-width: 26rem" .runs=${runs}></run-picker>`;
  },
  play: async ({ canvasElement }) => {
    await inShadow(canvasElement.querySelector('run-picker'), '[role="option"]');
  },
};
