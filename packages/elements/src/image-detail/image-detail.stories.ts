import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import '../image-compare/define.js';
import './define.js';
import type { CompareTarget, SelectionStore } from '../context/selection-store.js';
import { errors, failingSource } from '../../stories-support/failing-sources.js';
import {
  allInShadow,
  findInShadow,
  focusInShadow,
  loadedImages,
  textInShadow,
  textOf,
} from '../../stories-support/play.js';
import {
  GRID_KEY,
  longCaptionsProject,
  PROMPTS_KEY,
  RUN,
  sampleSource,
  sixteenImagesProject,
  storySource,
  VALIDATION_KEY,
} from '../../stories-support/sample-project.js';
import { sourceStates } from '../../stories-support/source-states.js';
import { cssProperties, selection, type SelectionSpec } from '../../stories-support/selection.js';
import type { ImageDetail } from './image-detail.js';

const meta: Meta = {
  title: 'Elements/Image detail',
  component: 'image-detail',
  args: { '--stage-background': '', '--backdrop': '' },
  // A modal dialog: each story in its own frame on the docs page.
  parameters: { docs: { story: { inline: false, height: '34rem' } } },
  loaders: [opened({ runId: RUN.fast, key: PROMPTS_KEY, step: 1000, index: 1 })],
  render: (args, { loaded }) => inSource(sampleSource, detail(args), loaded.store),
};
export default meta;
type Story = StoryObj;

/** The selection with three runs and this image open. */
function opened(image: CompareTarget, spec: SelectionSpec = {}, source?: RunSource) {
  return selection({ runs: 3, keys: [image.key], step: image.step, detail: image, ...spec }, source);
}

function detail(args: Record<string, unknown>): TemplateResult {
  return html`<image-detail style=${styleMap(cssProperties(args))}></image-detail>`;
}

function inSource(source: RunSource, content: TemplateResult, store: SelectionStore) {
  return html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`;
}

const detailIn = (canvas: HTMLElement) => canvas.querySelector<ImageDetail>('image-detail')!;
const titleOf = (detail: ImageDetail) => textOf(detail.shadowRoot!.querySelector('[part="title"]'));

/** Wait until the image is fitted to the view (the small sample images are enlarged to fit). */
const fitted = (detail: ImageDetail) => textInShadow(detail, '[part="zoom-level"]', /^([2-9]\d\d|\d{4,})%$/);

/** The lighthouse prompt of `lr-3e-4` at step 1000, fitted to the view, with its caption. */
export const FullResolution: Story = {
  play: async ({ canvasElement }) => {
    const detail = detailIn(canvasElement);
    const [image] = await loadedImages(detail);
    await expect(image!.alt).toBe(
      'a red and white lighthouse on a cliff at sunset, lr-3e-4, samples/prompts #2, step 1000',
    );
    await expect(image!.naturalWidth).toBe(128);
    await expect(textOf(await findInShadow(detail, '[part="caption"]'))).toBe(
      'a red and white lighthouse on a cliff at sunset',
    );
  },
};

/**
 * → goes to the run's next logged step; ↑ to the run above, at its nearest step at or before
 * (`lr-3e-5` sampled at 750, not 1250).
 */
export const StepAndRunKeys: Story = {
  play: async ({ canvasElement, loaded }) => {
    const detail = detailIn(canvasElement);
    await fitted(detail);
    await findInShadow(detail, '[aria-label="Next step"]:not([disabled])'); // once the run's steps are known
    await focusInShadow(detail, '[part="stage"]');
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(titleOf(detail)).toBe('lr-3e-4, samples/prompts #2, step 1250'));
    await userEvent.keyboard('{ArrowUp}');
    await waitFor(() => expect(titleOf(detail)).toBe('lr-3e-5, samples/prompts #2, step 750'));
    await expect((loaded.store as SelectionStore).value.detail).toMatchObject({ runId: RUN.slow, step: 750 });
  },
};

/** + zooms in, 1 shows actual pixels (100%), 0 fits the image again. */
export const Zoom: Story = {
  play: async ({ canvasElement }) => {
    const detail = detailIn(canvasElement);
    await loadedImages(detail);
    const level = await findInShadow(detail, '[part="zoom-level"]');
    const fit = await fitted(detail);
    await focusInShadow(detail, '[part="stage"]');
    await userEvent.keyboard('1');
    await waitFor(() => expect(textOf(level)).toBe('100%'));
    await userEvent.keyboard('+');
    await waitFor(() => expect(parseInt(textOf(level))).toBeGreaterThan(100));
    await userEvent.keyboard('0');
    await waitFor(() => expect(textOf(level)).toBe(fit));
  },
};

/** With `<image-compare>`: Enter (or a click) on a thumbnail opens it; closing (✕ or Escape) gives focus back. */
export const FromTheGrid: Story = {
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  render: (args, { loaded }) =>
    inSource(sampleSource, html`<image-compare thumb-size="96"></image-compare>${detail(args)}`, loaded.store),
  play: async ({ canvasElement }) => {
    const grid = canvasElement.querySelector('image-compare')!;
    await loadedImages(grid);
    await waitFor(() => expect(allInShadow(grid, '[part~="thumb"]').length).toBe(12));
    const thumb = await focusInShadow(grid, 'tbody tr:nth-child(3) [part~="thumb"]');
    await userEvent.keyboard('{Enter}');
    const detail = detailIn(canvasElement);
    await findInShadow(detail, 'dialog[open]');
    await waitFor(() => expect(titleOf(detail)).toBe('lr-3e-4, samples/prompts #1, step 1000'));
    await focusInShadow(detail, '[part="close-button"]');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(detail.shadowRoot!.querySelector('dialog[open]')).toBeNull());
    await waitFor(() => expect(grid.shadowRoot!.activeElement).toBe(thumb));
  },
};

const longCaptions = storySource(longCaptionsProject());

/** A long prompt is shown in full under the image. */
export const LongCaption: Story = {
  loaders: [opened({ runId: RUN.fast, key: VALIDATION_KEY, step: 2000, index: 0 }, {}, longCaptions)],
  render: (args, { loaded }) => inSource(longCaptions, detail(args), loaded.store),
  play: async ({ canvasElement }) => {
    await textInShadow(detailIn(canvasElement), '[part="caption"]', 'tilt-shift miniature look');
  },
};

const sixteen = storySource(sixteenImagesProject());

/** The 11th image of a list of 16. */
export const ImageOfSixteen: Story = {
  loaders: [opened({ runId: 'grid16a', key: GRID_KEY, step: 1500, index: 10 }, { runs: 2 }, sixteen)],
  render: (args, { loaded }) => inSource(sixteen, detail(args), loaded.store),
  play: async ({ canvasElement }) => {
    const detail = detailIn(canvasElement);
    await loadedImages(detail);
    await expect(titleOf(detail)).toBe('grid-4x4-lr-3e-4, samples/grid_4x4 #11, step 1500');
  },
};

/** An image the run did not log: `lr-3e-5` sampled at 750 and 1500, not at 1000. */
export const NotLogged: Story = {
  loaders: [opened({ runId: RUN.slow, key: PROMPTS_KEY, step: 1000, index: 0 })],
  play: async ({ canvasElement }) => {
    await textInShadow(
      detailIn(canvasElement),
      '[part="message"]',
      'lr-3e-5 logged no image under samples/prompts at step 1000.',
    );
  },
};

const states = sourceStates({
  render: (source, args, { loaded }) => inSource(source, detail(args), loaded.store),
  element: detailIn,
  failure: '[part="message"]',
  loading: { part: '[part="message"]', text: /^Loading .*step 1000…$/ },
  rateLimited: 'rate limited',
});

/** While the image loads (this source never answers). */
export const Loading: Story = states.Loading;

/** wandb refused the API key. */
export const AuthFailure: Story = states.AuthFailure;

/** Rate limited. */
export const RateLimited: Story = states.RateLimited;

/** The server could not be reached once; Retry shows the image. */
export const Unreachable: Story = {
  render: (args, { loaded }) =>
    inSource(failingSource(sampleSource, errors.network, { methods: ['at'], times: 1 }), detail(args), loaded.store),
  play: async ({ canvasElement }) => {
    const detail = detailIn(canvasElement);
    await textInShadow(detail, '[part="message"]', 'Could not reach the server');
    await userEvent.click(await findInShadow(detail, '[part="retry-button"]'));
    await loadedImages(detail);
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await loadedImages(detailIn(canvasElement));
  },
};

/** On a phone-width screen. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  play: async ({ canvasElement }) => {
    await loadedImages(detailIn(canvasElement));
  },
};
