import { expect, html, waitUntil } from '@open-wc/testing';
import type { Dataset } from '@run-comparer/wandb-client';
import './define.js';
import '../step-slider/define.js';
import { axisRuns } from '../../test-support/axis-datasets.js';
import { mountInSource } from '../../test-support/mount.js';
import { rowsOf } from '../../test-support/table-text.js';

/** The axis runs (fast: 100 steps an epoch, slow: 200), each logging `train/loss` = step / 1000 with its images. */
function withLoss(): Dataset {
  const dataset = axisRuns();
  return {
    ...dataset,
    runs: dataset.runs.map((run) => ({
      ...run,
      history: run.history.map((row) => ({ ...row, 'train/loss': row._step / 1000 })),
    })),
  };
}

describe('<run-metrics> on a step axis', function () {
  this.timeout(30_000);

  it('shows each run at its own step for the epoch (fast at step 200, slow at step 400), and says "epoch 2"', async () => {
    const mounted = await mountInSource(
      withLoss(),
      html`<step-slider></step-slider><run-metrics .metrics=${['train/loss']}></run-metrics>`,
    );
    await mounted.selectRuns(['fast', 'slow']);
    mounted.provider.store.setKeys(['samples/grid']);
    const slider = mounted.provider.querySelector('step-slider')!;
    const metrics = mounted.provider.querySelector('run-metrics')!;
    await waitUntil(() => slider.shadowRoot!.querySelector('[part="axis-select"]'), 'the slider offers axes');
    const select = slider.shadowRoot!.querySelector<HTMLSelectElement>('[part="axis-select"]')!;
    await waitUntil(() => [...select.options].some((o) => o.value === 'epoch'), 'epoch is offered');
    select.value = 'epoch';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => mounted.provider.store.value.axis?.placement, 'the runs are placed on epochs');
    mounted.provider.store.setStep(2);
    const table = () => rowsOf(metrics.shadowRoot!.querySelector('[part="table"]'));
    const settled = () => metrics.shadowRoot!.querySelector('[part="table"]')?.getAttribute('aria-busy') === 'false';
    await waitUntil(() => settled() && table()[1]?.[1]?.startsWith('0.2'), 'the values at epoch 2 load', {
      timeout: 20_000,
    });
    expect(table().map((row) => row.slice(0, 2))).to.deep.equal([
      ['Run', 'train/loss'],
      ['fast-run', '0.2'],
      ['slow-run', '0.4'],
    ]);
    expect(metrics.shadowRoot!.querySelector('.at')!.textContent).to.equal('At epoch 2');
  });
});
