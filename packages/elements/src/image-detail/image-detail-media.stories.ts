import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
import { mediaSelection } from '../../stories-support/media-project.js';
import { allInShadow, findInShadow } from '../../stories-support/play.js';
import type { ImageDetail } from './image-detail.js';

const meta: Meta = {
  title: 'Elements/Image detail/Media',
  component: 'image-detail',
  parameters: { docs: { story: { inline: false, height: '34rem' } } },
  render: (_args, { loaded }) =>
    html`<wandb-source .source=${loaded.source as RunSource} .store=${loaded.store as SelectionStore}>
      <image-detail></image-detail>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

const detailIn = (canvas: HTMLElement) => canvas.querySelector<ImageDetail>('image-detail')!;

/** A webm `wandb.Video` plays with the browser's controls; its first frame shows before it plays. */
export const Video: Story = {
  loaders: [mediaSelection({ detail: { runId: 'amber', key: 'samples/video', step: 0, index: 0 } })],
  play: async ({ canvasElement }) => {
    const video = (await findInShadow(detailIn(canvasElement), 'video')) as HTMLVideoElement;
    await expect(video.controls).toBe(true);
    await waitFor(() => expect(video.readyState).toBeGreaterThan(0));
  },
};

/** Boxes and a mask over the image; the checkboxes hide a class (cat) or a whole layer. */
export const OverlaysWithClassToggles: Story = {
  loaders: [mediaSelection({ detail: { runId: 'amber', key: 'val/boxes', step: 0, index: 0 } })],
  play: async ({ canvasElement }) => {
    const detail = detailIn(canvasElement);
    await findInShadow(detail, '[part="box"]');
    await findInShadow(detail, 'img[part="mask"]');
    await waitFor(() => expect(allInShadow(detail, 'fieldset').length).toBe(2));
    const cat = allInShadow(detail, 'label').find((l) => l.textContent!.trim() === 'cat')!;
    await userEvent.click(cat.querySelector('input')!);
    await waitFor(() => expect(allInShadow(detail, '[part="box"]').length).toBe(0));
  },
};

/** The second tile of a legacy sprite (`"_type": "images"`): only its rectangle is shown. */
export const SpriteTile: Story = {
  loaders: [mediaSelection({ detail: { runId: 'amber', key: 'legacy', step: 0, index: 1 } })],
  play: async ({ canvasElement }) => {
    const tile = await findInShadow(detailIn(canvasElement), '[part="tile"]');
    await waitFor(() => expect(tile.style.width).toBe('8px'));
  },
};
