import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import '../run-picker/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
import { errors, failingSource } from '../../stories-support/failing-sources.js';
import {
  BEST_SAMPLE_KEY,
  GRID_KEY,
  PROMPTS_KEY,
  RUN,
  sampleSource,
  SAMPLE_ENTITY,
  SAMPLE_PROJECT,
  sixteenImagesProject,
  storySource,
  VALIDATION_KEY,
  withImagelessRun,
} from '../../stories-support/sample-project.js';
import { sourceStates } from '../../stories-support/source-states.js';
import { selection } from '../../stories-support/selection.js';
import { findInShadow, textInShadow, textOf } from '../../stories-support/play.js';
import type { ImageKeyPicker } from './image-key-picker.js';

const meta: Meta = {
  title: 'Elements/Image key picker',
  component: 'image-key-picker',
  args: { label: 'Image keys', maxPreselected: 4 },
  loaders: [selection({ runs: 3 })],
  render: (args, { loaded }) => inSource(sampleSource, keyPicker(args), loaded.store),
};
export default meta;
type Story = StoryObj;

function keyPicker(args: Record<string, unknown>): TemplateResult {
  return html`<image-key-picker
    label=${args.label as string}
    max-preselected=${args.maxPreselected as number}
    style="max-width: 24rem"
  ></image-key-picker>`;
}

function inSource(source: RunSource, content: TemplateResult, store: SelectionStore) {
  return html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`;
}

const pickerIn = (canvas: HTMLElement) => canvas.querySelector<ImageKeyPicker>('image-key-picker')!;
const options = (picker: ImageKeyPicker) => [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];

/**
 * The three newest sample runs selected: their three keys are chosen (the best sample only the two
 * that finished keep in their summary, and the prompts and validation image all three logged);
 * click one to drop it.
 */
export const ForSelectedRuns: Story = {
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await waitFor(() => expect(options(picker).length).toBe(3));
    await expect(picker.value).toEqual([BEST_SAMPLE_KEY, PROMPTS_KEY, VALIDATION_KEY]);
    await expect(options(picker).map(textOf)).toEqual([
      `${BEST_SAMPLE_KEY} 2 of 3 runs`,
      `${PROMPTS_KEY} 3 of 3 runs`,
      `${VALIDATION_KEY} 3 of 3 runs`,
    ]);
    await userEvent.click(options(picker)[2]!);
    await waitFor(() => expect(picker.value).toEqual([BEST_SAMPLE_KEY, PROMPTS_KEY]));
  },
};

/** `max-preselected="1"`: only the key most runs logged (the first by name of those) is chosen for you. */
export const OnePreselected: Story = {
  args: { maxPreselected: 1 },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(pickerIn(canvasElement).value).toEqual([PROMPTS_KEY]));
  },
};

const mixedKeys = storySource(sixteenImagesProject());

/** Runs that logged different keys: the counts say how many of the selected runs have each. */
export const KeysSomeRunsLack: Story = {
  loaders: [selection({ runs: 3 }, mixedKeys)],
  render: (args, { loaded }) => inSource(mixedKeys, keyPicker(args), loaded.store),
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await waitFor(() => expect(options(picker).length).toBe(4));
    await expect(options(picker).map(textOf)).toEqual([
      `${BEST_SAMPLE_KEY} 1 of 3 runs`,
      `${GRID_KEY} 2 of 3 runs`,
      `${PROMPTS_KEY} 1 of 3 runs`,
      `${VALIDATION_KEY} 1 of 3 runs`,
    ]);
  },
};

/** "All keys" chooses every key, or none when all are chosen. */
export const AllKeys: Story = {
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    const all = await findInShadow<HTMLInputElement>(picker, '[part="select-all"]');
    await waitFor(() => expect(all.checked).toBe(true));
    await userEvent.click(all);
    await waitFor(() => expect(picker.value).toEqual([]));
    await userEvent.click(all);
    await waitFor(() => expect(picker.value).toEqual([BEST_SAMPLE_KEY, PROMPTS_KEY, VALIDATION_KEY]));
  },
};

/** Before any run is selected. */
export const NoRunsSelected: Story = {
  loaders: [selection({ runs: 0 })],
  play: async ({ canvasElement }) => {
    await textInShadow(pickerIn(canvasElement), '[part="message"]', 'Select runs to see their image keys');
  },
};

const imageless = storySource(withImagelessRun());

/** A run that logged metrics but no images. */
export const RunWithoutImages: Story = {
  loaders: [selection({ runs: ['evalonly'] }, imageless)],
  render: (args, { loaded }) => inSource(imageless, keyPicker(args), loaded.store),
  play: async ({ canvasElement }) => {
    await textInShadow(pickerIn(canvasElement), '[part="message"]', 'This run logged no images');
  },
};

const states = sourceStates({
  render: (source, args, { loaded }) => inSource(source, keyPicker(args), loaded.store),
  element: pickerIn,
});

/** Placeholder rows while the keys load (this source never answers). */
export const Loading: Story = states.Loading;

/** wandb refused the API key: no automatic retry. */
export const AuthFailure: Story = states.AuthFailure;

/** Rate limited with Retry-After: a countdown to the automatic retry. */
export const RateLimited: Story = states.RateLimited;

/** The server could not be reached. */
export const Unreachable: Story = states.Unreachable;

/** One run's keys could not be read: the others' keys are offered, with a note and "Try again". */
export const OneRunFailed: Story = {
  render: (args, { loaded }) =>
    inSource(failingSource(sampleSource, errors.network, { runIds: [RUN.slow] }), keyPicker(args), loaded.store),
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await textInShadow(picker, '[part="warning"]', 'Could not read the keys of lr-3e-5');
    await expect(options(picker).map(textOf)).toEqual([
      `${BEST_SAMPLE_KEY} 1 of 3 runs`,
      `${PROMPTS_KEY} 2 of 3 runs`,
      `${VALIDATION_KEY} 2 of 3 runs`,
    ]);
  },
};

/** Pure use: keys given as the `imageKeys` property (key and run count), nothing fetched. */
export const GivenKeys: Story = {
  render: (args) =>
    html`<image-key-picker
      label=${args.label}
      style="max-width: 24rem"
      .imageKeys=${[
        { key: 'samples/prompts', runs: 4 },
        { key: 'samples/ema', runs: 2 },
        { key: 'val/fixed_seed', runs: 4 },
      ]}
    ></image-key-picker>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(options(pickerIn(canvasElement)).length).toBe(3));
  },
};

/** With a `<run-picker>` in the same `<wandb-source>`: pick runs on the left, keys follow. */
export const WithRunPicker: Story = {
  render: (args) =>
    html`<wandb-source .source=${sampleSource} entity=${SAMPLE_ENTITY} project=${SAMPLE_PROJECT}>
      <div
        style="display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; align-items: start"
      >
        <run-picker></run-picker>
        ${keyPicker(args)}
      </div>
    </wandb-source>`,
  play: async ({ canvasElement }) => {
    const runPicker = canvasElement.querySelector('run-picker')!;
    await userEvent.click(await findInShadow(runPicker, '[role="option"]'));
    await waitFor(() => expect(options(pickerIn(canvasElement)).length).toBe(2));
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { docs: { story: { inline: false, height: '16rem' } } },
  loaders: [selection({ runs: 3 }, mixedKeys)],
  render: (args, { loaded }) => inSource(mixedKeys, keyPicker(args), loaded.store),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(options(pickerIn(canvasElement)).length).toBe(4));
  },
};

/** On a phone-width screen, with long key names. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  loaders: [selection({ runs: 3 }, mixedKeys)],
  render: (args, { loaded }) => inSource(mixedKeys, keyPicker(args), loaded.store),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(options(pickerIn(canvasElement)).length).toBe(4));
  },
};
