import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { RunSource } from '@run-comparer/wandb-client';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
import { mediaSelection } from '../../stories-support/media-project.js';
import { allInShadow, findInShadow } from '../../stories-support/play.js';
import type { ImagePair } from './image-pair.js';

const meta: Meta = {
  title: 'Elements/Image pair/Media',
  component: 'image-pair',
  parameters: { docs: { story: { inline: false, height: '34rem' } } },
  args: { mode: 'side-by-side' },
  argTypes: { mode: { control: 'select', options: ['side-by-side', 'swipe', 'blink', 'difference'] } },
  render: (args, { loaded }) =>
    html`<wandb-source .source=${loaded.source as RunSource} .store=${loaded.store as SelectionStore}>
      <image-pair mode=${args.mode as string}></image-pair>
    </wandb-source>`,
};
export default meta;
type Story = StoryObj;

const pairIn = (canvas: HTMLElement) => canvas.querySelector<ImagePair>('image-pair')!;
const videoPair = mediaSelection({
  compare: [
    { runId: 'amber', key: 'samples/video', step: 0, index: 0 },
    { runId: 'brook', key: 'samples/video', step: 100, index: 0 },
  ],
});

/** Two videos side by side: one Play/Pause and one time slider drive both, kept in sync. */
export const VideoPair: Story = {
  loaders: [videoPair],
  play: async ({ canvasElement }) => {
    const pair = pairIn(canvasElement);
    await waitFor(() => expect(allInShadow(pair, 'video').length).toBe(2));
    const play = await findInShadow(pair, '[part~="video-controls"] button');
    await userEvent.click(play);
    const [a, b] = allInShadow(pair, 'video') as HTMLVideoElement[];
    await waitFor(() => expect(!a!.paused && !b!.paused).toBe(true));
    await userEvent.click(play);
    await waitFor(() => expect(a!.paused && b!.paused).toBe(true));
  },
};

/** The same two videos by swipe: B right of the divider, both playing together. */
export const VideoSwipe: Story = { loaders: [videoPair], args: { mode: 'swipe' } };

/** Boxes over A (the image with a box file) and a sprite tile as B, with the class toggles. */
export const OverlaysAndSpriteTile: Story = {
  loaders: [
    mediaSelection({
      compare: [
        { runId: 'amber', key: 'val/boxes', step: 0, index: 0 },
        { runId: 'amber', key: 'legacy', step: 0, index: 2 },
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    const pair = pairIn(canvasElement);
    await findInShadow(pair, '[part="box"]');
    await waitFor(() => expect(allInShadow(pair, 'fieldset').length).toBe(2));
  },
};
