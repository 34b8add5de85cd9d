import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import type { ComparerPage } from './support/comparer.js';

/**
 * Issue 14, a step axis of your choice, on the bundled sample project: the baseline trains 250
 * steps an epoch and `lr-3e-4` (batch 16) 125, so on the `epoch` axis the same epoch is a
 * different `_step` in each run.
 */

/** Per run (by name), the `_step` in the alt text of its first `samples/prompts` image, and the note under it. */
async function promptsByRun(page: Page): Promise<Record<string, { step: string; note: string }>> {
  return page.locator('image-compare').evaluate((host) => {
    const shown: Record<string, { step: string; note: string }> = {};
    for (const row of host.shadowRoot!.querySelectorAll('tbody tr[data-row-id]')) {
      const name = row.querySelector('[part="run-header"]')!.textContent!.replace(/\s+/g, ' ').trim();
      const cell = [...row.querySelectorAll('td')].find((td) =>
        td.querySelector<HTMLImageElement>('img')?.alt.includes(', samples/prompts #1, '),
      );
      if (!cell) continue;
      const img = cell.querySelector('img')!;
      const decoded = img.complete && img.naturalWidth > 0;
      shown[name] = {
        step: decoded ? /step (\d+)$/.exec(img.alt)![1]! : 'not decoded',
        note: cell.querySelector('[part="step-note"]')?.textContent?.trim() ?? '',
      };
    }
    return shown;
  });
}

const axisSelect = (comparer: ComparerPage) => comparer.page.locator('step-slider').getByLabel('Step axis');

test.describe('the step axis over the sample project', () => {
  test('on epoch the runs line up by epoch, each at its own _step, and a reload shows the same view', async ({
    comparer,
    page,
  }) => {
    await comparer.open('/');
    await comparer.selectRuns(['lr-1e-4-baseline', 'lr-3e-4']);
    for (const name of await comparer.selectedRuns())
      if (name !== 'lr-1e-4-baseline' && name !== 'lr-3e-4') await comparer.runOption(name).click();
    expect((await comparer.selectedRuns()).sort()).toEqual(['lr-1e-4-baseline', 'lr-3e-4']);

    await expect(axisSelect(comparer)).toHaveValue('');
    await axisSelect(comparer).selectOption('epoch');
    await expect(comparer.slider).toHaveAttribute('aria-valuetext', /^epoch /);
    await comparer.slider.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', '4');
    await expect(comparer.stepLabel).toHaveText('epoch 4');
    const aligned = {
      'lr-1e-4-baseline': { step: '1000', note: 'step 1000' },
      'lr-3e-4': { step: '500', note: 'step 500' },
    };
    await expect.poll(() => promptsByRun(page), { message: 'epoch 4 is step 1000 and step 500' }).toEqual(aligned);
    await expect(page).toHaveURL(/[?&]axis=epoch(&|$)/);
    await expect(page).toHaveURL(/[?&]step=4(&|$)/);

    await page.reload();
    await expect(axisSelect(comparer)).toHaveValue('epoch');
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', '4');
    await expect(comparer.slider).toHaveAttribute('aria-valuetext', /^epoch 4, /);
    await expect.poll(() => promptsByRun(page), { message: 'the link reopens epoch 4' }).toEqual(aligned);

    await axisSelect(comparer).selectOption('_step');
    await expect(comparer.slider).toHaveAttribute('aria-valuetext', /^step /);
    await expect(page).not.toHaveURL(/[?&]axis=/);
  });
});
