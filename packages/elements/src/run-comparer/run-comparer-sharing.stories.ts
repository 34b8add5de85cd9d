import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import './define.js';
import { allInShadow, findInShadow, loadedImages } from '../../stories-support/play.js';
import { PROMPTS_KEY, sampleSource, SAMPLE_ENTITY, SAMPLE_PROJECT } from '../../stories-support/sample-project.js';
import type { RunComparer } from './run-comparer.js';

/** `<run-comparer>` beyond the grid: one sample across training (the evolution view), and the grid as a PNG. */
const meta: Meta = {
  title: 'Elements/Run comparer/Sharing',
  component: 'run-comparer',
  parameters: { layout: 'fullscreen', docs: { story: { inline: false, height: '46rem' } } },
  render: () =>
    html`<run-comparer
      style="height: 100vh"
      entity=${SAMPLE_ENTITY}
      project=${SAMPLE_PROJECT}
      initial-runs="3"
      no-url
      .source=${sampleSource}
    ></run-comparer>`,
};
export default meta;
type Story = StoryObj;

const comparerIn = (canvas: HTMLElement) => canvas.querySelector<RunComparer>('run-comparer')!;

/** Open an image of the grid, press E: its sample across every step, one row per run; then back. */
export const EvolutionView: Story = {
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    const grid = await findInShadow(comparer, 'image-compare');
    await loadedImages(grid);
    await waitFor(() => expect(comparer.store.value.keys).toContain(PROMPTS_KEY));
    const thumbs = allInShadow(grid, '[part~="thumb"]');
    await userEvent.click(thumbs[0]!);
    await findInShadow(await findInShadow(comparer, 'image-detail'), 'dialog[open]');
    await userEvent.keyboard('e');
    const strip = await findInShadow(comparer, 'image-evolution');
    await loadedImages(strip, 2);
    await waitFor(() => expect(allInShadow(strip, '[part="step"]').length).toBeGreaterThan(2));
    const frame = allInShadow(strip, '[role="gridcell"]:not(.empty)')[1]!;
    const step = Number(/step (\d+)/.exec(frame.getAttribute('aria-label') ?? '')?.[1]);
    await userEvent.click(frame);
    await waitFor(() => expect(comparer.store.value.step).toBe(step));
    await userEvent.click(await findInShadow(comparer, '[part="grid-button"]'));
    await findInShadow(comparer, 'image-compare');
  },
};

/** Download PNG: the grid at the step as one picture (run names, keys, captions, the step), saved through a download link. */
export const DownloadGrid: Story = {
  play: async ({ canvasElement }) => {
    const comparer = comparerIn(canvasElement);
    await loadedImages(await findInShadow(comparer, 'image-compare'), 2);
    const saved = new Promise<HTMLAnchorElement>((resolve) =>
      comparer.addEventListener('click', (event) => {
        const link = event.composedPath()[0];
        if (link instanceof HTMLAnchorElement && link.download) {
          event.preventDefault();
          resolve(link);
        }
      }),
    );
    await userEvent.click(await findInShadow(comparer, '[part="download-button"]'));
    const link = await saved;
    await expect(link.download).toMatch(/-step-\d+\.png$/);
    const blob = await (await fetch(link.href)).blob();
    const bitmap = await createImageBitmap(blob);
    await expect(bitmap.width).toBeGreaterThan(300);
  },
};
