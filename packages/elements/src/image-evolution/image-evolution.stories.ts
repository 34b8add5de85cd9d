import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
import { allInShadow, findInShadow, focusInShadow } from '../../stories-support/play.js';
import { PROMPTS_KEY, sampleSource } from '../../stories-support/sample-project.js';
import { selection } from '../../stories-support/selection.js';
import type { ImageEvolution } from './image-evolution.js';

const meta: Meta = {
  title: 'Elements/Image evolution',
  component: 'image-evolution',
  args: { index: 1, 'frame-size': 96 },
  loaders: [selection({ runs: 3, keys: [PROMPTS_KEY], step: 1000 })],
  render: (args, { loaded }) =>
    html`<wandb-source .source=${sampleSource} .store=${loaded.store as SelectionStore}>
      <image-evolution image-key=${PROMPTS_KEY} index=${args.index} frame-size=${args['frame-size']}></image-evolution>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

const evolutionIn = (canvas: HTMLElement) => canvas.querySelector<ImageEvolution>('image-evolution')!;

/**
 * The second prompt of `samples/prompts` at every step, a row per run. Only the frames in view
 * are loaded: scroll right and the next ones load as they come into view.
 */
export const LazyStrip: Story = {
  play: async ({ canvasElement }) => {
    const evolution = evolutionIn(canvasElement);
    await findInShadow(evolution, '[part="frame"] img, [part~="frame"] img');
    const frames = allInShadow(evolution, '[role="gridcell"]');
    const loaded = allInShadow(evolution, '[role="gridcell"] img');
    await expect(loaded.length).toBeLessThanOrEqual(frames.length);
  },
};

/** Enter (or a click) on a frame moves the step there; Shift+Enter (or Shift+click) on two frames of one run compares them. */
export const JumpAndCompare: Story = {
  play: async ({ canvasElement, loaded }) => {
    const evolution = evolutionIn(canvasElement);
    const store = loaded.store as SelectionStore;
    await findInShadow(evolution, '[role="gridcell"][data-row="0"]');
    const logged = allInShadow(evolution, '[role="gridcell"][data-row="0"]:not(.empty)');
    const steps = allInShadow(evolution, '[part="step"]').map((h) => Number(h.textContent));
    const [a, b] = [logged[0]!, logged[2]!];
    const cell = (frame: HTMLElement) => `[role="gridcell"][data-row="0"][data-column="${frame.dataset.column}"]`;
    await focusInShadow(evolution, cell(a));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(store.value.step).toBe(steps[Number(a.dataset.column)]));
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await focusInShadow(evolution, cell(b));
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await waitFor(() =>
      expect(store.value.compare.map((t) => t.step)).toEqual([
        steps[Number(a.dataset.column)],
        steps[Number(b.dataset.column)],
      ]),
    );
  },
};
