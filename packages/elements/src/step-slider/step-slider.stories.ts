import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import '../image-compare/define.js';
import type { SelectionStore } from '../context/selection-store.js';
import { errors, failingSource } from '../../stories-support/failing-sources.js';
import {
  manyRunsProject,
  oneRunProject,
  PROMPTS_KEY,
  RUN,
  sampleSource,
  storySource,
  VALIDATION_KEY,
} from '../../stories-support/sample-project.js';
import { sourceStates } from '../../stories-support/source-states.js';
import { cssProperties, selection } from '../../stories-support/selection.js';
import { findInShadow, focusInShadow, textInShadow, textOf } from '../../stories-support/play.js';
import { PLAYBACK_RATES } from './playback-controller.js';
import type { StepSlider } from './step-slider.js';

const meta: Meta = {
  title: 'Elements/Step slider',
  component: 'step-slider',
  args: {
    label: 'Step',
    rate: 2,
    loop: false,
    compactAbove: 6,
    '--step-slider-thumb-size': '',
    '--step-slider-name-width': '',
  },
  argTypes: { rate: { control: 'inline-radio', options: [...PLAYBACK_RATES] } },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY] })],
  render: (args, { loaded }) => inSource(sampleSource, slider(args), loaded.store),
};
export default meta;
type Story = StoryObj;

function slider(args: Record<string, unknown>): TemplateResult {
  return html`<step-slider
    label=${args.label as string}
    rate=${args.rate as number}
    ?loop=${args.loop as boolean}
    compact-above=${args.compactAbove as number}
    style=${styleMap(cssProperties(args))}
  ></step-slider>`;
}

function inSource(source: RunSource, content: TemplateResult, store: SelectionStore) {
  return html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`;
}

const sliderIn = (canvas: HTMLElement) => canvas.querySelector<StepSlider>('step-slider')!;
const laneStatuses = (slider: StepSlider) =>
  [...slider.shadowRoot!.querySelectorAll('[part="lane-status"] [aria-hidden]')].map(textOf);

/**
 * Three runs that sample every 300, 750 and 250 steps: the slider's stops are the union. End and
 * Home jump to the last and first step; the run killed at step 1150 shows its step 900 at 3000.
 */
export const AcrossRuns: Story = {
  play: async ({ canvasElement }) => {
    const slider = sliderIn(canvasElement);
    const thumb = await focusInShadow(slider, '[role="slider"]');
    await expect(thumb.getAttribute('aria-valuemax')).toBe('3000');
    await userEvent.keyboard('{Home}');
    await waitFor(() => expect(thumb.getAttribute('aria-valuenow')).toBe('0'));
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(laneStatuses(slider)).toEqual(['← 900', '✓ 3000', '✓ 3000']));
  },
};

/** At step 1000 only `lr-3e-4` logged images; the other runs show their nearest earlier step. */
export const NearestEarlierStep: Story = {
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  play: async ({ canvasElement }) => {
    const slider = sliderIn(canvasElement);
    await waitFor(() => expect(laneStatuses(slider)).toEqual(['← 900', '← 750', '✓ 1000']));
    const lane = slider.shadowRoot!.querySelector('[part="lane-status"] .visually-hidden')!;
    await expect(textOf(lane)).toBe('lr-1e-3-diverged shows its earlier step 900');
  },
};

/**
 * "Step axis" on `epoch`: the baseline trains 250 steps an epoch, `lr-3e-4` (batch 16) 125, so at
 * epoch 4 the grid shows the baseline's step 1000 beside `lr-3e-4`'s step 500; the diverged run
 * samples every 1.2 epochs and shows its epoch 3.6 (step 900), nearest earlier.
 */
export const EpochAxis: Story = {
  loaders: [
    selection({
      runs: [RUN.baseline, RUN.fast, RUN.diverged],
      keys: [PROMPTS_KEY],
      axis: { key: 'epoch', placement: null },
      step: 4,
    }),
  ],
  render: (args, { loaded }) =>
    inSource(sampleSource, html`${slider(args)}<image-compare thumb-size="96"></image-compare>`, loaded.store),
  play: async ({ canvasElement }) => {
    const slider = sliderIn(canvasElement);
    await waitFor(() => expect(laneStatuses(slider)).toEqual(['✓ 4', '✓ 4', '← 3.6']));
    const select = slider.shadowRoot!.querySelector<HTMLSelectElement>('[part="axis-select"]')!;
    await expect(select.value).toBe('epoch');
    const grid = canvasElement.querySelector('image-compare')!;
    const notes = () =>
      [...grid.shadowRoot!.querySelectorAll('tbody tr')].map((row) => textOf(row.querySelector('[part="step-note"]')!));
    await waitFor(() => expect(notes()).toEqual(['step 1000', 'step 500', 'step 900 · nearest earlier']), {
      timeout: 5000,
    });
  },
};

/** "Go to step" takes the nearest step that exists and says so. */
export const GoToStep: Story = {
  play: async ({ canvasElement }) => {
    const slider = sliderIn(canvasElement);
    const input = await findInShadow<HTMLInputElement>(slider, '[part="goto-input"]');
    await userEvent.type(input, '1234');
    input.form!.requestSubmit(); // what Enter does; simulated key events do not submit forms
    const note = await findInShadow(slider, '[part="note"]');
    await waitFor(() => expect(textOf(note)).toBe('No images at step 1234; showing step 1250, the nearest.'));
    await expect(slider.value).toBe(1250);
  },
};

/** Play steps through training at the chosen rate (here 8 steps a second, looping). */
export const Playing: Story = {
  args: { rate: 8, loop: true },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 0 })],
  play: async ({ canvasElement }) => {
    const slider = sliderIn(canvasElement);
    await userEvent.click(await findInShadow(slider, '[part="play-button"]'));
    await waitFor(() => expect(slider.value).toBeGreaterThan(0));
    await userEvent.click(await findInShadow(slider, '[part="play-button"]'));
    await expect(slider.shadowRoot!.querySelector('[part="play-button"]')!.getAttribute('aria-label')).toBe('Play');
  },
};

const oneRun = storySource(oneRunProject());

/** One run: every stop is one of its own steps. */
export const OneRun: Story = {
  loaders: [selection({ runs: 1, keys: [PROMPTS_KEY, VALIDATION_KEY] }, oneRun)],
  render: (args, { loaded }) => inSource(oneRun, slider(args), loaded.store),
  play: async ({ canvasElement }) => {
    const thumb = await findInShadow(sliderIn(canvasElement), '[role="slider"]');
    await expect(thumb.getAttribute('aria-valuetext')).toBe('step 3000, 13 of 13');
  },
};

const manyRuns = storySource(manyRunsProject(60));

/** 52 runs selected: one dense strip, a thin lane each (hover one for its run and status). */
export const ManyRuns: Story = {
  loaders: [selection({ runs: 52, keys: [VALIDATION_KEY] }, manyRuns)],
  render: (args, { loaded }) => inSource(manyRuns, slider(args), loaded.store),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(laneStatuses(sliderIn(canvasElement)).length).toBe(52));
  },
};

const toggleOf = (slider: StepSlider) => slider.shadowRoot!.querySelector<HTMLElement>('[part="lanes-toggle"]');

/**
 * A team's selection, 24 runs: above `compact-above` runs the per-run rows become one dense strip
 * (one thin lane per run, in its colour, the step it shows marked) so the slider stays short; the
 * rows are still read by screen readers, and "24 runs" expands them.
 */
export const TeamScaleCompact: Story = {
  loaders: [selection({ runs: 24, keys: [VALIDATION_KEY] }, manyRuns)],
  render: (args, { loaded }) => inSource(manyRuns, slider(args), loaded.store),
  play: async ({ canvasElement }) => {
    const slider = sliderIn(canvasElement);
    await findInShadow(slider, '[part="lanes-strip"]');
    await expect(toggleOf(slider)?.getAttribute('aria-expanded')).toBe('false');
    await expect(laneStatuses(slider).length).toBe(24);
  },
};

/** The 24 runs expanded into rows: 24 colours, each swatch numbered 1–24 (circles, then squares). */
export const TeamScaleExpanded: Story = {
  ...TeamScaleCompact,
  play: async ({ canvasElement }) => {
    const slider = sliderIn(canvasElement);
    await userEvent.click(await findInShadow(slider, '[part="lanes-toggle"]'));
    await waitFor(() => expect(toggleOf(slider)!.getAttribute('aria-expanded')).toBe('true'));
  },
};

/** The same 24 colours and numbers on the dark theme. */
export const TeamScaleDark: Story = {
  ...TeamScaleExpanded,
  globals: { theme: 'dark' },
};

/** Pure use: stops given as `steps` and the step as `value`; nothing is fetched. */
export const GivenSteps: Story = {
  args: { value: 500, loop: true },
  render: (args) =>
    html`<step-slider
      .steps=${[0, 50, 100, 250, 500, 1000, 2000, 4000]}
      value=${args.value}
      rate=${args.rate}
      ?loop=${args.loop}
      label=${args.label}
    ></step-slider>`,
  play: async ({ canvasElement }) => {
    const thumb = await findInShadow(sliderIn(canvasElement), '[role="slider"]');
    await expect(thumb.getAttribute('aria-valuetext')).toBe('step 500, 5 of 8');
  },
};

/** Before any run is selected. */
export const NoRunsSelected: Story = {
  loaders: [selection({ runs: 0 })],
  play: async ({ canvasElement }) => {
    await textInShadow(sliderIn(canvasElement), '[part="message"]', /^Select\ runs\ to\ move\ through\ their\ steps$/);
  },
};

/** Runs selected, but no image key chosen yet. */
export const NoKeysChosen: Story = {
  loaders: [selection({ runs: 2 })],
  play: async ({ canvasElement }) => {
    await textInShadow(sliderIn(canvasElement), '[part="message"]', /^Choose\ image\ keys\ to\ see\ their\ steps$/);
  },
};

const states = sourceStates({
  render: (source, args, { loaded }) => inSource(source, slider(args), loaded.store),
  element: sliderIn,
  loading: { part: '[part="message"]', text: 'Loading steps…' },
});

/** While the steps load (this source never answers). */
export const Loading: Story = states.Loading;

/** wandb refused the API key. */
export const AuthFailure: Story = states.AuthFailure;

/** Rate limited: a countdown to the automatic retry. */
export const RateLimited: Story = states.RateLimited;

/** The server could not be reached. */
export const Unreachable: Story = states.Unreachable;

/** One run's steps could not be read: the others still work, its lane says so. */
export const OneRunFailed: Story = {
  render: (args, { loaded }) =>
    inSource(failingSource(sampleSource, errors.network, { runIds: [RUN.slow] }), slider(args), loaded.store),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(laneStatuses(sliderIn(canvasElement))).toEqual(['← 900', 'not loaded', '✓ 3000']));
  },
};

/** wandb answered one run short of the image rows it counted: the slider says so, the other runs are whole. */
export const IncompleteSteps: Story = {
  render: (args, { loaded }) => inSource(shortSource(sampleSource, RUN.slow), slider(args), loaded.store),
  play: async ({ canvasElement }) => {
    const notice = await findInShadow(sliderIn(canvasElement), '[part="incomplete"]');
    await waitFor(() =>
      expect(textOf(notice)).toMatch(/: Some steps may be missing: wandb returned 9 of 12 image rows/),
    );
  },
};

/** As the cloud client answers when wandb returns fewer image rows than its historyKeys count. */
function shortSource(inner: RunSource, runId: string): RunSource {
  return {
    ...inner,
    steps: async (ref, params, options) => {
      const steps = await inner.steps(ref, params, options);
      if (ref.runId !== runId) return steps;
      const message = `Some steps may be missing: wandb returned 9 of 12 image rows (${params.keys.join(', ')}).`;
      return { ...steps, incomplete: { expectedRows: 12, receivedRows: 9, keys: params.keys, message } };
    },
  };
}

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { docs: { story: { inline: false, height: '14rem' } } },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(laneStatuses(sliderIn(canvasElement)).length).toBe(3));
  },
};

/** On a phone-width screen the controls wrap and the lanes narrow. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(laneStatuses(sliderIn(canvasElement)).length).toBe(3));
  },
};
