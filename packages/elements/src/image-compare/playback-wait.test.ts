import { expect, waitUntil } from '@open-wc/testing';
import { createMemorySource } from '@run-comparer/wandb-client';
import { controlledSource } from '../../test-support/controlled-source.js';
import { teamProject } from '../../test-support/team-fixtures.js';
import { imagesDecoded, storeFor, withContext } from '../../test-support/viewer-mount.js';
import '../step-slider/define.js';
import { STEP_READY_TIMEOUT } from '../step-slider/playback-controller.js';
import type { StepSlider } from '../step-slider/step-slider.js';
import './define.js';

const KEYS = ['main/samples'];
const dataset = teamProject({ runs: 3, keys: KEYS, steps: [0, 100, 200, 300, 400], images: 2 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('<step-slider> playback with <image-compare>', () => {
  it('waits on each step until the grid shows its images, and moves on after a timeout if they never come', async () => {
    const controlled = controlledSource(createMemorySource(dataset));
    const store = await storeFor(controlled.source, dataset, { keys: KEYS, step: 0 });
    const grid = document.createElement('image-compare');
    grid.prefetch = 0;
    await withContext(grid, controlled.source, store);
    const slider = document.createElement('step-slider') as StepSlider;
    grid.before(slider);
    await waitUntil(() => !grid.shadowRoot!.querySelector('.skeleton, [aria-busy="true"]'), 'the grid did not load', {
      timeout: 5000,
    });
    await imagesDecoded(grid.shadowRoot!);
    await waitUntil(() => slider.shadowRoot?.querySelector('[part~="play-button"]'), 'no play button');

    controlled.hold('mediaUrl');
    slider.rate = 8;
    slider.play();
    await waitUntil(() => store.value.step === 100, 'playback did not start');
    await sleep(750); // six frames at 8 steps/s
    expect(store.value.step, 'playback waits for the images of step 100').to.equal(100);
    const alts = () => [...grid.shadowRoot!.querySelectorAll('img')].map((img) => img.alt);
    for (const alt of alts()) expect(alt, 'the grid keeps the whole previous step meanwhile').to.contain('step 0');

    const atStep = (step: number) =>
      controlled.callsTo('mediaUrl').filter((c) => String(c.args[1]).includes(`_${step}_`));
    for (const call of atStep(100)) call.release();
    await waitUntil(() => store.value.step === 200, 'playback did not move on once step 100 showed', { timeout: 3000 });
    expect(alts().every((alt) => alt.includes('step 100'))).to.equal(true);

    // Step 200 never loads: playback goes on after the timeout.
    const stalled = performance.now();
    await waitUntil(() => store.value.step === 300, 'a step that never loads stalled playback', {
      timeout: STEP_READY_TIMEOUT + 2000,
    });
    expect(performance.now() - stalled).to.be.at.least(STEP_READY_TIMEOUT - 100);
    slider.pause();
    for (const call of controlled.callsTo('mediaUrl')) call.release();
  });
});
