import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import './define.js';
import { inShadow } from '../internal/testing/story-helpers.js';
import { pngDataUrl } from '../internal/testing/viewer-fixtures.js';
import type { PairMode } from './events.js';

/** Two renderings of the same scene; B's sun has moved and its sky is a little warmer. */
function scene(sunX: number, sky: string): string {
  return pngDataUrl(320, 240, (context) => {
    context.fillStyle = sky;
    context.fillRect(0, 0, 320, 240);
    context.fillStyle = 'rgb(250 210 60)';
    context.beginPath();
    context.arc(sunX, 70, 30, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = 'rgb(40 120 60)';
    context.fillRect(0, 170, 320, 70);
  });
}

const a = { src: scene(90, 'rgb(120 170 230)'), label: 'step 1000', color: '#0072b2' };
const b = { src: scene(110, 'rgb(130 170 220)'), label: 'step 1100', color: '#e69f00' };

const pair = (mode: PairMode) => html`<image-pair mode=${mode} .a=${a} .b=${b}></image-pair>`;

const meta: Meta = {
  title: 'Elements/image-pair',
  component: 'image-pair',
  render: () => pair('side-by-side'),
};
export default meta;
type Story = StoryObj;

export const SideBySide: Story = {
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('image-pair');
    await inShadow(element, '[part="pane"] img');
    await expect(element!.shadowRoot!.querySelectorAll('[part="pane"]').length).toBe(2);
  },
};

export const Swipe: Story = {
  render: () => pair('swipe'),
  play: async ({ canvasElement }) => {
    const divider = await inShadow(canvasElement.querySelector('image-pair'), '[role="slider"]');
    await expect(divider.getAttribute('aria-valuenow')).toBe('50');
  },
};

export const Blink: Story = { render: () => pair('blink') };

export const Difference: Story = {
  render: () => pair('difference'),
  play: async ({ canvasElement }) => {
    const element = canvasElement.querySelector('image-pair');
    const controls = await inShadow(element, '[part="controls"]');
    await waitFor(() => expect(controls.textContent!.replace(/\s+/g, ' ')).toContain('of pixels differ'));
  },
};
