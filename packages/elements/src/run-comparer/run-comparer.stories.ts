import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import './define.js';
import {
  allInShadow,
  findInShadow,
  focusInShadow,
  loadedImages,
  textInShadow,
  textOf,
} from '../../stories-support/play.js';
import {
  BEST_SAMPLE_KEY,
  emptyProject,
  manyRunsProject,
  oneRunProject,
  PROMPTS_KEY,
  sampleSource,
  SAMPLE_ENTITY,
  SAMPLE_PROJECT,
  storySource,
  VALIDATION_KEY,
} from '../../stories-support/sample-project.js';
import { sourceStates } from '../../stories-support/source-states.js';
import { cssProperties } from '../../stories-support/selection.js';
import type { RunComparer } from './run-comparer.js';

const meta: Meta = {
  title: 'Elements/Run comparer',
  component: 'run-comparer',
  parameters: { layout: 'fullscreen', docs: { story: { inline: false, height: '46rem' } } },
  args: {
    entity: SAMPLE_ENTITY,
    project: SAMPLE_PROJECT,
    initialRuns: 3,
    withBaseline: false,
    noUrl: true,
    '--run-comparer-sidebar-width': '',
  },
  render: (args) => comparer(args, sampleSource),
};
export default meta;
type Story = StoryObj;

function comparer(args: Record<string, unknown>, source: RunSource) {
  return html`<run-comparer
    style=${styleMap({ height: '100vh', ...cssProperties(args) })}
    entity=${args.entity as string}
    project=${args.project as string}
    initial-runs=${args.initialRuns as number}
    ?with-baseline=${args.withBaseline as boolean}
    ?no-url=${args.noUrl as boolean}
    .source=${source}
  ></run-comparer>`;
}

const comparerIn = (canvas: HTMLElement) => canvas.querySelector<RunComparer>('run-comparer')!;
/** An element inside the comparer's shadow root (the comparer composes the other elements). */
const part = <T extends Element>(comparer: RunComparer, selector: string) => findInShadow<T>(comparer, selector);

/**
 * The bundled sample project (a learning-rate sweep of four LoRA runs, read from memory here;
 * on a page, `api="/api"` points the comparer at a Run Comparer server) as it opens: the three
 * newest runs, their three image keys (the best sample, kept in the summary of the two that
 * finished, and the prompts and validation image all three logged), the last step. The run killed
 * at step 1150 shows its step 900, marked "nearest earlier", and has no best sample. Stories set `no-url`, so the view is not written into the address bar.
 */
export const SampleProject: Story = {
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    await waitFor(() => expect(comparer.store.value.step).toBe(3000));
    await expect(comparer.store.value.runs.map((r) => r.run.displayName)).toEqual([
      'lr-1e-3-diverged',
      'lr-3e-5',
      'lr-3e-4',
    ]);
    await expect(comparer.store.value.keys).toEqual([BEST_SAMPLE_KEY, PROMPTS_KEY, VALIDATION_KEY]);
    const grid = await part(comparer, 'image-compare');
    await loadedImages(grid, 2);
    await textInShadow(grid, '[part="step-note"]', 'step 900 · nearest earlier');
  },
};

/** Pick runs in the sidebar: the key picker, slider and grid follow. */
export const PickRuns: Story = {
  args: { initialRuns: 0 },
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    const picker = await part(comparer, 'run-picker');
    await waitFor(() => expect(allInShadow(picker, '[role="option"]').length).toBe(4));
    await userEvent.click(allInShadow(picker, '[role="option"]')[3]!);
    await userEvent.click(allInShadow(picker, '[role="option"]')[2]!);
    const grid = await part(comparer, 'image-compare');
    await waitFor(() => expect(allInShadow(grid, 'tbody tr').length).toBe(2));
    await expect(textOf(await part(comparer, '.selection-summary'))).toBe('2 runs selected');
  },
};

/** Open a thumbnail (Enter or click): the detail view shows it at full size. */
export const OpenAnImage: Story = {
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    const grid = await part(comparer, 'image-compare');
    await loadedImages(grid);
    await focusInShadow(grid, '[part~="thumb"]');
    await userEvent.keyboard('{Enter}');
    const detail = await part(comparer, 'image-detail');
    await findInShadow(detail, 'dialog[open]');
    await loadedImages(detail);
  },
};

/**
 * "Line up lists by caption": one column per prompt, headed by it, whatever order each run logged
 * its list in. Picked by itself when the runs show the same prompts in another order.
 */
export const LineUpByCaption: Story = {
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    const grid = await part(comparer, 'image-compare');
    await loadedImages(grid);
    const select = await part<HTMLSelectElement>(comparer, '[part="align"] select');
    await userEvent.selectOptions(select, 'caption');
    await waitFor(() => expect(grid.getAttribute('align')).toBe('caption'));
    const headers = allInShadow(grid, '[part="column-header"]').map(textOf);
    await expect(headers.length).toBeGreaterThan(0);
    await expect(headers.some((header) => /^#\d/.test(header))).toBe(false);
  },
};

/**
 * The gestures, told where they apply: Shift+click an image and a hint asks for the second one;
 * `?` (or the "Keyboard shortcuts" button) lists every gesture in a dialog that Esc closes.
 */
export const KeyboardHelp: Story = {
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    const grid = await part(comparer, 'image-compare');
    await loadedImages(grid);
    await focusInShadow(grid, '[part~="thumb"]');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await textInShadow(comparer, '[part="hint"]', 'Shift+click another image to compare A and B.');
    await userEvent.click(await part(comparer, '[part="help-button"]'));
    const help = await part<HTMLDialogElement>(comparer, 'dialog[open]');
    await expect(textOf(help)).toContain('Select all runs');
  },
};

/** `with-baseline`: the three newest runs of the sweep and its oldest run, the usual baseline. */
export const WithBaseline: Story = {
  args: { withBaseline: true },
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    await waitFor(() => expect(comparer.store.value.runs).toHaveLength(4));
    await expect(comparer.store.value.runs.map((r) => r.run.displayName)).toEqual([
      'lr-1e-3-diverged',
      'lr-3e-5',
      'lr-3e-4',
      'lr-1e-4-baseline',
    ]);
    await textInShadow(comparer, '.selection-summary', '4 runs selected');
  },
};

const manyRuns = storySource(manyRunsProject(60));

/** A project with 60 runs (a seed sweep): the picker pages and filters them. */
export const ManyRuns: Story = {
  render: (args) => comparer(args, manyRuns),
  play: async ({ canvasElement }) => {
    const picker = await part(comparerIn(canvasElement), 'run-picker');
    await textInShadow(picker, '[part="summary"]', '3 selected · 50 of 60 runs');
  },
};

/** A project with one run. */
export const OneRun: Story = {
  render: (args) => comparer(args, storySource(oneRunProject())),
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    await waitFor(() => expect(comparer.store.value.runs.length).toBe(1));
    await loadedImages(await part(comparer, 'image-compare'));
  },
};

/** A project nobody has logged to yet. */
export const EmptyProject: Story = {
  args: { project: 'new-project' },
  render: (args) => comparer(args, storySource(emptyProject())),
  play: async ({ canvasElement }) => {
    const picker = await part(comparerIn(canvasElement), 'run-picker');
    await textInShadow(picker, '[part="message"]', `No runs in ${SAMPLE_ENTITY}/new-project yet`);
  },
};

const states = sourceStates({
  render: (source, args) => comparer(args, source),
  element: (canvas) => part(comparerIn(canvas), 'run-picker'),
});

/** While the runs load (this source never answers). */
export const Loading: Story = states.Loading;

/** wandb refused the API key: the sidebar says what to check. */
export const AuthFailure: Story = states.AuthFailure;

/** Rate limited (Retry-After 30 s): a countdown, then an automatic retry. */
export const RateLimited: Story = states.RateLimited;

/** The server could not be reached. */
export const Unreachable: Story = states.Unreachable;

/** The dark theme (as under `prefers-color-scheme: dark`). */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await loadedImages(await part(comparerIn(canvasElement), 'image-compare'));
  },
};

/** On a phone-width screen the sidebar stacks above the slider and the grid. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    const sidebar = (await part(comparer, '[part="sidebar"]')).getBoundingClientRect();
    const main = (await part(comparer, '[part="main"]')).getBoundingClientRect();
    await expect(main.top).toBeGreaterThanOrEqual(sidebar.bottom);
  },
};

/** Themed through the shared `--rc-*` tokens, set on the element (or any ancestor). */
export const CustomTheme: Story = {
  render: (args) =>
    html`<div
      style="--rc-accent: #b0136b; --rc-accent-text: #fff; --rc-radius: 0; --rc-surface: #fbf4ef; --rc-border: #e2c9bb; --rc-font: Georgia, serif"
    >
      ${comparer(args, sampleSource)}
    </div>`,
  play: async ({ canvasElement }) => {
    await loadedImages(await part(comparerIn(canvasElement), 'image-compare'));
  },
};
