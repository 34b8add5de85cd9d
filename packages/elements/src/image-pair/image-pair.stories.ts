import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
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
  PROMPTS_KEY,
  RUN,
  sampleSource,
  SAMPLE_ENTITY,
  SAMPLE_PROJECT,
  VALIDATION_KEY,
} from '../../stories-support/sample-project.js';
import { sourceStates } from '../../stories-support/source-states.js';
import { cssProperties, selection } from '../../stories-support/selection.js';
import { PAIR_MODES, type PairMode } from './pair-modes.js';
import type { ImagePair } from './image-pair.js';

const meta: Meta = {
  title: 'Elements/Image pair',
  component: 'image-pair',
  args: {
    mode: 'side-by-side',
    position: 50,
    gain: 4,
    blinkInterval: 500,
    '--divider-color': '',
    '--divider-width': '',
    '--stage-background': '',
    '--backdrop': '',
  },
  argTypes: {
    mode: { control: 'inline-radio', options: [...PAIR_MODES] },
    position: { control: { type: 'range', min: 0, max: 100 } },
    gain: { control: { type: 'range', min: 1, max: 64 } },
  },
  // A modal dialog: each story in its own frame on the docs page.
  parameters: { docs: { story: { inline: false, height: '40rem' } } },
  loaders: [comparing(fastAndBaselineAt1000())],
  render: (args, { loaded }) => inSource(sampleSource, pair(args), loaded.store),
};
export default meta;
type Story = StoryObj;

/** The lighthouse at step 1000: `lr-3e-4` (A) against the `lr-1e-4` baseline (B). */
function fastAndBaselineAt1000(): CompareTarget[] {
  return [
    { runId: RUN.fast, key: PROMPTS_KEY, step: 1000, index: 1 },
    { runId: RUN.baseline, key: PROMPTS_KEY, step: 1000, index: 1 },
  ];
}

/** The selection with these two images marked for comparison. */
function comparing(compare: CompareTarget[]) {
  return selection({ runs: [RUN.fast, RUN.baseline, RUN.slow], keys: [PROMPTS_KEY, VALIDATION_KEY], compare });
}

function pair(args: Record<string, unknown>): TemplateResult {
  return html`<image-pair
    mode=${args.mode as PairMode}
    position=${args.position as number}
    gain=${args.gain as number}
    blink-interval=${args.blinkInterval as number}
    style=${styleMap(cssProperties(args))}
  ></image-pair>`;
}

function inSource(source: RunSource, content: TemplateResult, store: SelectionStore) {
  return html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`;
}

const pairIn = (canvas: HTMLElement) => canvas.querySelector<ImagePair>('image-pair')!;

/** Side by side, with zoom and pan locked across both panes. */
export const SideBySide: Story = {
  play: async ({ canvasElement }) => {
    const pair = pairIn(canvasElement);
    const images = await loadedImages(pair, 2);
    await expect(images.map((image) => image.alt)).toEqual([
      'A: a red and white lighthouse on a cliff at sunset, lr-3e-4, samples/prompts #2, step 1000',
      'B: a red and white lighthouse on a cliff at sunset, lr-1e-4-baseline, samples/prompts #2, step 1000',
    ]);
    await expect(allInShadow(pair, '[part="pane"]').length).toBe(2);
  },
};

/** Swipe: drag the divider, or focus it and use the arrow keys (a slider). */
export const Swipe: Story = {
  args: { mode: 'swipe' },
  play: async ({ canvasElement }) => {
    const divider = await focusInShadow(pairIn(canvasElement), '[role="slider"]');
    await expect(divider.getAttribute('aria-valuenow')).toBe('50');
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}{ArrowRight}');
    await waitFor(() => expect(divider.getAttribute('aria-valuenow')).toBe('61'));
  },
};

/** Blink: A and B alternate in place, which makes small changes jump out. */
export const Blink: Story = {
  args: { mode: 'blink', blinkInterval: 400 },
  play: async ({ canvasElement }) => {
    await textInShadow(pairIn(canvasElement), '[part="controls"]', 'Flip');
  },
};

/** Difference: |A−B| per pixel as a heat map, amplified by the gain, with how much differs. */
export const Difference: Story = {
  args: { mode: 'difference', gain: 8 },
  play: async ({ canvasElement }) => {
    const controls = await findInShadow(pairIn(canvasElement), '[part="controls"]');
    await waitFor(() => expect(textOf(controls)).toMatch(/\d+(\.\d)?% of pixels differ/));
  },
};

/** The same run early and late in training: `lr-3e-4` at step 250 against step 3000. */
export const AcrossTraining: Story = {
  args: { mode: 'swipe', position: 35 },
  loaders: [
    comparing([
      { runId: RUN.fast, key: VALIDATION_KEY, step: 0, index: 0 },
      { runId: RUN.fast, key: VALIDATION_KEY, step: 3000, index: 0 },
    ]),
  ],
  play: async ({ canvasElement }) => {
    await loadedImages(pairIn(canvasElement), 2);
  },
};

/** The keys: 4 shows the difference, X swaps A and B (each fires its event). */
export const ModeAndSwapKeys: Story = {
  play: async ({ canvasElement }) => {
    const pair = pairIn(canvasElement);
    await loadedImages(pair, 2);
    await focusInShadow(pair, '[part="stage"]');
    await expect(textOf(pair.shadowRoot!.querySelector('[part="legend"] > span'))).toContain('lr-3e-4');
    await userEvent.keyboard('4');
    await waitFor(() => expect(pair.mode).toBe('difference'));
    await userEvent.keyboard('x');
    const sideA = () => textOf(pair.shadowRoot!.querySelector('[part="legend"] > span'));
    await waitFor(() => expect(sideA()).toContain('lr-1e-4-baseline'));
  },
};

/** Pure use: two URLs given as `a` and `b` (here the sample's images), no source needed. */
export const GivenImages: Story = {
  args: { mode: 'swipe' },
  loaders: [
    async () => {
      const urls = async (runId: string) => {
        const ref = { entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT, runId };
        const [set] = await sampleSource.at(ref, { keys: [PROMPTS_KEY], step: 1500 });
        return (await sampleSource.mediaUrl(ref, [set!.images[3]!.path]))[0]!.url;
      };
      return { a: await urls(RUN.fast), b: await urls(RUN.slow) };
    },
  ],
  render: (args, { loaded }) =>
    html`<image-pair
      mode=${args.mode}
      position=${args.position}
      .a=${{ src: loaded.a, label: 'lr-3e-4, step 1500', color: '#0072b2' }}
      .b=${{ src: loaded.b, label: 'lr-3e-5, step 1500', color: '#e69f00' }}
    ></image-pair>`,
  play: async ({ canvasElement }) => {
    await loadedImages(pairIn(canvasElement), 2);
  },
};

/** B was never logged (`lr-3e-5` did not sample at step 1000): the view says which side and why. */
export const OneSideNotLogged: Story = {
  loaders: [
    comparing([
      { runId: RUN.fast, key: PROMPTS_KEY, step: 1000, index: 1 },
      { runId: RUN.slow, key: PROMPTS_KEY, step: 1000, index: 1 },
    ]),
  ],
  play: async ({ canvasElement }) => {
    const text = 'B (lr-3e-5, samples/prompts, step 1000): lr-3e-5 logged no image under samples/prompts at step 1000.';
    await textInShadow(pairIn(canvasElement), '[part="message"]', text);
  },
};

const states = sourceStates({
  render: (source, args, { loaded }) => inSource(source, pair(args), loaded.store),
  element: pairIn,
  failure: '[part="message"]',
  loading: { part: '[part="message"]', text: 'Loading images…' },
  rateLimited: 'rate limited',
});

/** While the images load (this source never answers). */
export const Loading: Story = states.Loading;

/** wandb refused the API key. */
export const AuthFailure: Story = states.AuthFailure;

/** Rate limited. */
export const RateLimited: Story = states.RateLimited;

/** The server could not be reached for B; Retry loads it. */
export const Unreachable: Story = {
  render: (args, { loaded }) =>
    inSource(
      failingSource(sampleSource, errors.network, { methods: ['at'], runIds: [RUN.baseline], times: 1 }),
      pair(args),
      loaded.store,
    ),
  play: async ({ canvasElement }) => {
    const pair = pairIn(canvasElement);
    await textInShadow(pair, '[part="message"]', 'Could not reach the server');
    await userEvent.click(await findInShadow(pair, '[part="message"] button'));
    await loadedImages(pair, 2);
  },
};

/** The dark theme, in difference mode. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { mode: 'difference' },
  play: async ({ canvasElement }) => {
    await findInShadow(pairIn(canvasElement), '[part="difference"]');
  },
};

/** On a phone-width screen: the two panes share the width, the toolbar wraps. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  play: async ({ canvasElement }) => {
    await loadedImages(pairIn(canvasElement), 2);
  },
};
