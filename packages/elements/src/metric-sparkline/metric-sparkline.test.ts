import { expect, fixture, html } from '@open-wc/testing';
import type { ScalarPoint } from '@run-comparer/wandb-client';
import { sendMouse } from '@web/test-runner-commands';
import './define.js';
import type { MetricStepPickEvent } from '../events/metric-step-pick.js';
import { press } from '../../test-support/keyboard.js';
import type { MetricSparkline } from './metric-sparkline.js';

const points: ScalarPoint[] = [
  [0, 1],
  [100, 0.8],
  [200, 0.5],
  [300, Number.NaN],
  [400, 0.25],
];

const part = (el: MetricSparkline, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

function record(el: MetricSparkline) {
  const log: string[] = [];
  el.addEventListener('change', () => log.push('change'));
  el.addEventListener('metric-step-pick', (e: MetricStepPickEvent) => log.push(`pick ${e.step} ${e.value} ${e.cause}`));
  return log;
}

async function sparkline(step: number | null = 200) {
  return fixture<MetricSparkline>(
    html`<metric-sparkline
      .points=${points}
      .step=${step}
      label="train/loss of alpha"
      style="--metric-sparkline-width: 200px"
    ></metric-sparkline>`,
  );
}

describe('<metric-sparkline>', () => {
  it('is a slider over the points, resting on the value at the current step', async () => {
    const el = await sparkline(250);
    const slider = part(el, 'base')!;
    expect(slider.getAttribute('role')).to.equal('slider');
    expect(slider.getAttribute('aria-label')).to.equal('train/loss of alpha');
    expect(slider.getAttribute('aria-valuetext'), 'nearest earlier point').to.equal('step 200: 0.5');
    expect(part(el, 'line')!.getAttribute('d')).to.match(/^M0 2.*M100 /);
    expect(part(el, 'non-finite'), 'NaN marked').to.not.equal(null);
    expect(part(el, 'current'), 'current step marked').to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('moves along the points with the keys and picks one with Enter', async () => {
    const el = await sparkline(200);
    const log = record(el);
    part(el, 'base')!.focus();
    await press('ArrowRight');
    await press('ArrowRight');
    expect(part(el, 'readout')!.textContent).to.equal('step 400: 0.25');
    await press('Home');
    await press('Enter');
    await press('End');
    await press('ArrowLeft');
    await press('Space');
    expect(log).to.deep.equal(['change', 'pick 0 1 keyboard', 'change', 'pick 300 NaN keyboard']);
  });

  it('picks the point nearest the click', async () => {
    const el = await sparkline(null);
    const log = record(el);
    const box = part(el, 'base')!.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.left + box.width * 0.27), Math.round(box.top + box.height / 2)],
    });
    expect(log).to.deep.equal(['change', 'pick 100 0.8 pointer']);
  });

  it('says when there is nothing to draw', async () => {
    const el = await fixture<MetricSparkline>(html`<metric-sparkline></metric-sparkline>`);
    expect(part(el, 'empty')!.textContent).to.equal('No values');
  });
});
