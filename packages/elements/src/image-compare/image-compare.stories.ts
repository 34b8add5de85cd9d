import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
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
  manyRunsProject,
  oneRunProject,
  PROMPTS_KEY,
  RUN,
  sampleSource,
  sixteenImagesProject,
  storySource,
  VALIDATION_KEY,
  withImagelessRun,
} from '../../stories-support/sample-project.js';
import { sourceStates } from '../../stories-support/source-states.js';
import { cssProperties, selection } from '../../stories-support/selection.js';
import type { ImageCompare } from './image-compare.js';

const meta: Meta = {
  title: 'Elements/Image compare',
  component: 'image-compare',
  args: {
    align: 'index',
    thumbSize: 160,
    prefetch: 2,
    '--thumb-size': '',
    '--thumb-background': '',
    '--mark-color': '',
    '--caption-lines': '',
    '--max-height': '',
  },
  argTypes: {
    align: { control: 'inline-radio', options: ['index', 'caption'] },
    step: { control: 'number' },
  },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY, VALIDATION_KEY] })],
  render: (args, { loaded }) => inSource(sampleSource, grid(args), loaded.store),
};
export default meta;
type Story = StoryObj;

function grid(args: Record<string, unknown>): TemplateResult {
  return html`<image-compare
    align=${args.align as string}
    thumb-size=${args.thumbSize as number}
    prefetch=${args.prefetch as number}
    step=${ifDefined(args.step as number | undefined)}
    style=${styleMap(cssProperties(args))}
  ></image-compare>`;
}

function inSource(source: RunSource, content: TemplateResult, store: SelectionStore) {
  return html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`;
}

const gridIn = (canvas: HTMLElement) => canvas.querySelector<ImageCompare>('image-compare')!;
const rows = (grid: ImageCompare) => allInShadow(grid, 'tbody tr');

/** Three runs at their latest step: the four prompts and the fixed-seed validation image. */
export const LatestStep: Story = {
  play: async ({ canvasElement }) => {
    const grid = gridIn(canvasElement);
    await waitFor(() => expect(rows(grid).length).toBe(3));
    const label = await findInShadow(grid, '[part="step-label"]');
    await waitFor(() => expect(textOf(label)).toBe('Latest step (3000)'));
    // Thumbnails load in any order: wait for all fifteen (three runs, four prompts and a validation image each).
    const [first] = await loadedImages(grid, 15);
    await expect(first!.alt).toBe(
      'a red apple on a wooden table, studio light, lr-1e-3-diverged, samples/prompts #1, step 900',
    );
  },
};

/**
 * At step 1000 only `lr-3e-4` sampled the prompts: the diverged run shows step 900 and
 * `lr-3e-5` step 750, each marked "nearest earlier".
 */
export const NearestEarlierStep: Story = {
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  play: async ({ canvasElement }) => {
    const grid = gridIn(canvasElement);
    await waitFor(() => expect(rows(grid).length).toBe(3));
    await waitFor(() =>
      expect(rows(grid).map((row) => textOf(row.querySelector('[part="step-note"]')))).toEqual([
        'step 900 · nearest earlier',
        'step 750 · nearest earlier',
        '',
      ]),
    );
  },
};

/** `align="caption"`: one column per prompt, headed by it, whatever order each run logged. */
export const AlignedByCaption: Story = {
  args: { align: 'caption', thumbSize: 120 },
  play: async ({ canvasElement }) => {
    await textInShadow(
      gridIn(canvasElement),
      '[part="column-header"]',
      /^a\ red\ apple\ on\ a\ wooden\ table,\ studio\ light$/,
    );
  },
};

/** Shift+Enter (or Shift+click) marks two thumbnails A and B for `<image-pair>`. */
export const MarkForComparison: Story = {
  args: { thumbSize: 120 },
  play: async ({ canvasElement, loaded }) => {
    const grid = gridIn(canvasElement);
    await loadedImages(grid, 2);
    await focusInShadow(grid, '[part~="thumb"]');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}{ArrowDown}{Shift>}{Enter}{/Shift}');
    await waitFor(() => expect(allInShadow(grid, '[part="mark"]').map(textOf)).toEqual(['A', 'B']));
    await expect((loaded.store as SelectionStore).value.compare.length).toBe(2);
  },
};

/** Enter (or a click) opens a thumbnail: the selection's `detail` is set for `<image-detail>`. */
export const OpenWithKeyboard: Story = {
  args: { thumbSize: 120 },
  play: async ({ canvasElement, loaded }) => {
    const grid = gridIn(canvasElement);
    await loadedImages(grid);
    await focusInShadow(grid, '[part~="thumb"]');
    await userEvent.keyboard('{ArrowRight}{ArrowDown}{Enter}');
    await waitFor(() =>
      expect((loaded.store as SelectionStore).value.detail).toEqual({
        runId: RUN.slow,
        key: PROMPTS_KEY,
        step: 3000,
        index: 1,
      }),
    );
  },
};

const oneRun = storySource(oneRunProject());

/** A single run. */
export const OneRun: Story = {
  loaders: [selection({ runs: 1, keys: [PROMPTS_KEY, VALIDATION_KEY] }, oneRun)],
  render: (args, { loaded }) => inSource(oneRun, grid(args), loaded.store),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(rows(gridIn(canvasElement)).length).toBe(1));
  },
};

const manyRuns = storySource(manyRunsProject(60));

/**
 * 52 runs selected, one key: rows scroll under sticky headers (`--max-height: 70vh`) down to the
 * oldest run. Only the rows on screen are drawn; the grid tells assistive technology it has all 52.
 */
export const ManyRuns: Story = {
  args: { thumbSize: 96, '--max-height': '70vh' },
  loaders: [selection({ runs: 52, keys: [VALIDATION_KEY] }, manyRuns)],
  render: (args, { loaded }) => inSource(manyRuns, grid(args), loaded.store),
  play: async ({ canvasElement, loaded }) => {
    const grid = gridIn(canvasElement);
    const runHeaders = () => allInShadow(grid, '[part="run-header"]').map(textOf);
    const table = await findInShadow(grid, '[part="grid"]');
    await waitFor(() => expect(runHeaders().length).toBeGreaterThan(0));
    const headRows = allInShadow(grid, 'thead tr').length;
    await expect(table.getAttribute('aria-rowcount')).toBe(String(52 + headRows));
    await expect(runHeaders().length).toBeLessThan(52);

    const oldest = (loaded.store as SelectionStore).value.runs.at(-1)!.run.displayName;
    const scroller = await findInShadow(grid, '[part="scroller"]');
    // As a person drags the scrollbar to the end: rows measured on the way move the end, so again until it stays.
    await waitFor(
      () => {
        scroller.scrollTop = scroller.scrollHeight;
        expect(runHeaders().some((name) => name.includes(oldest))).toBe(true);
      },
      { timeout: 5000 },
    );
  },
};

/**
 * Team scale: 24 runs in a box of 70% of the window, thumbnails at 256 px (`thumb-size`). Only the
 * rows on screen are drawn; the grid fires `step-ready` once they show the step's images.
 */
export const TwentyFourRunsLargeThumbnails: Story = {
  args: { thumbSize: 256, '--max-height': '70vh' },
  loaders: [selection({ runs: 24, keys: [VALIDATION_KEY] }, manyRuns)],
  render: (args, { loaded }) => inSource(manyRuns, grid(args), loaded.store),
  play: async ({ canvasElement }) => {
    const grid = gridIn(canvasElement);
    const ready = new Promise<number>((resolve) => grid.addEventListener('step-ready', (e) => resolve(e.step)));
    const table = await findInShadow(grid, '[part="grid"]');
    await waitFor(() => expect(allInShadow(grid, 'tbody tr[data-row-id]').length).toBeGreaterThan(0));
    const headRows = allInShadow(grid, 'thead tr').length;
    await expect(table.getAttribute('aria-rowcount')).toBe(String(24 + headRows));
    await expect(allInShadow(grid, 'tbody tr[data-row-id]').length).toBeLessThan(24);
    await expect(typeof (await ready)).toBe('number');
    const frame = (await findInShadow(grid, '[part="frame"]')).getBoundingClientRect();
    await expect(Math.round(frame.width)).toBe(256);
  },
};

const sixteen = storySource(sixteenImagesProject());

/** Runs that log a list of 16 images (4 prompts × 4 seeds) per step: 16 columns. */
export const SixteenImages: Story = {
  args: { thumbSize: 96 },
  loaders: [selection({ runs: ['grid16a', 'grid16b'], keys: [GRID_KEY] }, sixteen)],
  render: (args, { loaded }) => inSource(sixteen, grid(args), loaded.store),
  play: async ({ canvasElement }) => {
    const grid = gridIn(canvasElement);
    await waitFor(() => expect(allInShadow(grid, 'tbody tr:first-child [part="cell"]').length).toBe(16));
    await loadedImages(grid);
  },
};

const longCaptions = storySource(longCaptionsProject());

/** Long prompts are clamped to `--caption-lines` lines and shown in full on hover and focus. */
export const LongCaptions: Story = {
  loaders: [selection({ runs: 2, keys: [PROMPTS_KEY] }, longCaptions)],
  render: (args, { loaded }) => inSource(longCaptions, grid(args), loaded.store),
  play: async ({ canvasElement }) => {
    const caption = await findInShadow<HTMLElement>(gridIn(canvasElement), '[part="caption"]');
    await expect(caption.textContent).toContain('weathered oak table');
    await expect(caption.scrollHeight).toBeGreaterThan(caption.clientHeight);
  },
};

/** Before runs and keys are chosen. */
export const NothingSelected: Story = {
  loaders: [selection({ runs: 0 })],
  play: async ({ canvasElement }) => {
    await textInShadow(gridIn(canvasElement), '[part="message"]', 'Select runs and image keys');
  },
};

const imageless = storySource(withImagelessRun());

/** A run that never logged images under the chosen key. */
export const NoImagesYet: Story = {
  loaders: [selection({ runs: ['evalonly'], keys: [PROMPTS_KEY] }, imageless)],
  render: (args, { loaded }) => inSource(imageless, grid(args), loaded.store),
  play: async ({ canvasElement }) => {
    await textInShadow(gridIn(canvasElement), '[part="message"]', 'No images logged under these keys yet');
  },
};

const states = sourceStates({
  render: (source, args, { loaded }) => inSource(source, grid(args), loaded.store),
  element: gridIn,
  rateLimited: /rate limited, retrying in (30|29) s/,
});

/** Placeholders while the images load (this source never answers). */
export const Loading: Story = states.Loading;

/** wandb refused the API key: each cell says why, with Retry. */
export const AuthFailure: Story = states.AuthFailure;

/** Rate limited. */
export const RateLimited: Story = states.RateLimited;

/** The server could not be reached for one run (its index, then its steps); its Retry loads its images. */
export const Unreachable: Story = {
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY] })],
  render: (args, { loaded }) =>
    inSource(
      failingSource(sampleSource, errors.network, { methods: ['index', 'steps'], runIds: [RUN.slow], times: 2 }),
      grid(args),
      loaded.store,
    ),
  play: async ({ canvasElement }) => {
    const grid = gridIn(canvasElement);
    await textInShadow(grid, '[part="error"]', 'Could not reach the server');
    await userEvent.click(await findInShadow(grid, '[part="retry-button"]'));
    await waitFor(() => expect(allInShadow(grid, '[part="error"]').length).toBe(0));
    await loadedImages(grid);
  },
};

/** One run's image files are missing on the server: those thumbnails say so, the rest load. */
export const BrokenImages: Story = {
  render: (args, { loaded }) => {
    const source: RunSource = {
      ...sampleSource,
      async mediaUrl(ref, paths, options) {
        const media = await sampleSource.mediaUrl(ref, paths, options);
        return ref.runId === RUN.slow
          ? media.map((m) => (m.url === null ? m : { ...m, url: `${m.url}.missing` }))
          : media;
      },
    };
    return inSource(source, grid(args), loaded.store);
  },
  play: async ({ canvasElement }) => {
    const grid = gridIn(canvasElement);
    await textInShadow(grid, '[part="error"]', 'Could not load the image media/images/');
    await loadedImages(grid);
  },
};

/** A crashed run never uploaded its last images: those cells say "Not uploaded", the rest load. */
export const NotUploaded: Story = {
  render: (args, { loaded }) => {
    const source: RunSource = {
      ...sampleSource,
      async mediaUrl(ref, paths, options) {
        const media = await sampleSource.mediaUrl(ref, paths, options);
        if (ref.runId !== RUN.slow) return media;
        return media.map(({ path }) => ({
          path,
          url: null,
          expiresAt: null,
          missing: { code: 'not_uploaded' as const, message: `Run ${ref.runId} never uploaded "${path}" to wandb.` },
        }));
      },
    };
    return inSource(source, grid(args), loaded.store);
  },
  play: async ({ canvasElement }) => {
    const grid = gridIn(canvasElement);
    await textInShadow(grid, '[part~="not-uploaded"]', 'Not uploaded');
    await loadedImages(grid);
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: { thumbSize: 120 },
  parameters: { docs: { story: { inline: false, height: '36rem' } } },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  play: async ({ canvasElement }) => {
    await loadedImages(gridIn(canvasElement));
  },
};

/** On a phone-width screen the grid scrolls sideways; run names stay put. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  args: { thumbSize: 96 },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  play: async ({ canvasElement }) => {
    const scroller = await findInShadow(gridIn(canvasElement), '[part="scroller"]');
    await expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
  },
};
