import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Dataset, RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
import type { ConfigKeySelectEvent } from '../events/config-key-select.js';
import { errors, failingSource, pendingSource } from '../../stories-support/failing-sources.js';
import { RUN, sampleProject, sampleSource, storySource } from '../../stories-support/sample-project.js';
import { selection } from '../../stories-support/selection.js';
import { allInShadow, findInShadow, textInShadow, textOf } from '../../stories-support/play.js';
import type { RunConfigDiff } from './run-config-diff.js';

const RUNS = [RUN.baseline, RUN.fast, RUN.slow];

const meta: Meta = {
  title: 'Elements/Run config diff',
  component: 'run-config-diff',
  args: { label: 'Config differences', maxValueLength: 32 },
  loaders: [selection({ runs: RUNS })],
  render: (args, { loaded }) => inSource(sampleSource, configDiff(args), loaded.store),
};
export default meta;
type Story = StoryObj;

function configDiff(args: Record<string, unknown>): TemplateResult {
  return html`<run-config-diff
    label=${args.label as string}
    max-value-length=${args.maxValueLength as number}
    style="max-width: 44rem"
    @config-key-select=${(e: ConfigKeySelectEvent) => ((e.target as HTMLElement).dataset.chosen = e.key ?? '')}
  ></run-config-diff>`;
}

function inSource(source: RunSource, content: TemplateResult, store: SelectionStore) {
  return html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`;
}

const diffIn = (canvas: HTMLElement) => canvas.querySelector<RunConfigDiff>('run-config-diff')!;
const keysOf = (el: RunConfigDiff, table = 'table') => allInShadow(el, `[part="${table}"] tbody th`).map(textOf);

/**
 * Three runs of the sample's learning-rate sweep: they differ in learning rate, LoRA rank and
 * seed, and in the batch size and sampling cadence of the fast run; the other keys are shared.
 */
export const SelectedRuns: Story = {
  play: async ({ canvasElement }) => {
    const el = diffIn(canvasElement);
    await waitFor(() =>
      expect(keysOf(el)).toEqual(['batch_size', 'learning_rate', 'lora_rank', 'sample_every', 'seed']),
    );
    await expect(allInShadow(el, '[part="run"]').map(textOf)).toEqual(['lr-1e-4-baseline', 'lr-3e-4', 'lr-3e-5']);
  },
};

/** Choose a key (its button): it is marked and `config-key-select` fires; choose it again to clear. */
export const ChooseAKey: Story = {
  play: async ({ canvasElement }) => {
    const el = diffIn(canvasElement);
    await userEvent.click(await findInShadow(el, '[part~="key"]'));
    await waitFor(() => expect(el.dataset.chosen).toBe('batch_size'));
    await expect((await findInShadow(el, '[part~="key-selected"]')).getAttribute('aria-pressed')).toBe('true');
  },
};

function withRerun(): Dataset {
  const project = sampleProject();
  const baseline = project.runs.find((r) => r.id === RUN.baseline)!;
  project.runs.push({ ...structuredClone(baseline), id: 'lr1e4again', displayName: 'lr-1e-4-rerun' });
  return project;
}
const rerunSource = storySource(withRerun());

/** The baseline and its rerun with the same config: "No differences", the shared keys one click away. */
export const NoDifferences: Story = {
  loaders: [selection({ runs: [RUN.baseline, 'lr1e4again'] }, rerunSource)],
  render: (args, { loaded }) => inSource(rerunSource, configDiff(args), loaded.store),
  play: async ({ canvasElement }) => {
    const el = diffIn(canvasElement);
    await textInShadow(el, '[part="message"]', 'No differences');
    await userEvent.click(await findInShadow(el, '[part="shared-toggle"]'));
    await waitFor(() => expect(keysOf(el, 'shared-table')).toContain('learning_rate'));
  },
};

function withManyKeys(): Dataset {
  const project = sampleProject();
  project.runs.forEach((run, r) => {
    const layers = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `block_${String(i).padStart(2, '0')}`,
        { dropout: i % 7 === 0 ? 0.1 * r : 0.1, lora_alpha: 16, target: 'attn', init: 'gaussian', scale: 1 },
      ]),
    );
    run.config = {
      ...run.config,
      unet: layers,
      prompt_template: `a photo of {subject}, ${['studio light', 'golden hour', 'overcast', 'neon'][r]}, 85mm lens, shallow depth of field, highly detailed`,
    };
  });
  return project;
}
const manyKeysSource = storySource(withManyKeys());

/**
 * Hundreds of config keys (200 nested under `unet.*`): the header stays in view while they
 * scroll, the filter narrows them by key or value, and long values are shortened (hover or focus
 * one to see it whole).
 */
export const HundredsOfKeys: Story = {
  loaders: [selection({ runs: RUNS }, manyKeysSource)],
  render: (args, { loaded }) => inSource(manyKeysSource, configDiff(args), loaded.store),
  play: async ({ canvasElement }) => {
    const el = diffIn(canvasElement);
    await waitFor(() => expect(keysOf(el).length).toBe(12));
    const long = await findInShadow(el, '[part~="value-long"]');
    long.focus();
    await expect(textOf(long.querySelector('[part="full-value"]'))).toMatch(/highly detailed$/);
    await userEvent.type(await findInShadow(el, '[part="filter"]'), 'dropout');
    await waitFor(() => expect(keysOf(el).length).toBe(6));
  },
};

/** One run selected: nothing to compare yet; its config is under "shared keys". */
export const OneRun: Story = {
  loaders: [selection({ runs: [RUN.fast] })],
  play: async ({ canvasElement }) => {
    await textInShadow(diffIn(canvasElement), '[part="message"]', 'Select another run to see what differs');
  },
};

/** Before any run is selected. */
export const NoRunsSelected: Story = {
  loaders: [selection({ runs: 0 })],
  play: async ({ canvasElement }) => {
    await textInShadow(diffIn(canvasElement), '[part="message"]', 'Select runs to compare their config');
  },
};

/** The runs as a cloud listing gives them, without config: each is read in full. */
async function lightSelection() {
  const { store } = await selection({ runs: RUNS })();
  store.setRuns(
    store.value.runs.map(({ ref, run }) => ({ ref, run: { ...run, config: {}, detail: 'light' as const } })),
  );
  return { store };
}
const failing =
  (error: Parameters<typeof failingSource>[1]) =>
  (args: Record<string, unknown>, { loaded }: { loaded: Record<string, unknown> }) =>
    inSource(
      failingSource(sampleSource, error, { methods: ['get'] }),
      configDiff(args),
      loaded.store as SelectionStore,
    );
const failure =
  (text: string | RegExp) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) =>
    void (await textInShadow(diffIn(canvasElement), '[part="error"]', text));

/** Placeholder rows while the configs load (this source never answers). */
export const Loading: Story = {
  loaders: [lightSelection],
  render: (args, { loaded }) => inSource(pendingSource(sampleSource, ['get']), configDiff(args), loaded.store),
  play: async ({ canvasElement }) => void (await findInShadow(diffIn(canvasElement), '[part="skeleton"]')),
};

/** wandb refused the API key: no automatic retry. */
export const AuthFailure: Story = {
  loaders: [lightSelection],
  render: failing(errors.auth),
  play: failure('wandb refused the credentials'),
};

/** Rate limited with Retry-After: a countdown to the automatic retry. */
export const RateLimited: Story = {
  loaders: [lightSelection],
  render: failing(() => errors.rateLimit(30_000)),
  play: failure(/Retrying in (30|29) s…/),
};

/** The server could not be reached. */
export const Unreachable: Story = {
  loaders: [lightSelection],
  render: failing(errors.network),
  play: failure('Could not reach the server'),
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  loaders: [selection({ runs: RUNS }, manyKeysSource)],
  render: (args, { loaded }) => inSource(manyKeysSource, configDiff(args), loaded.store),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(keysOf(diffIn(canvasElement)).length).toBe(12));
  },
};
