import { expect, test } from './support/fixtures.js';
import type { ComparerPage } from './support/comparer.js';
import { saveScreenshot } from './support/screenshots.js';

/** The run names of the grid's rows, in order: a header's first line without its colour number. */
async function runNames(comparer: ComparerPage): Promise<string[]> {
  return (await comparer.gridRuns()).map((header) =>
    header
      .split('\n')[0]!
      .replace(/^\d+\s*/, '')
      .trim(),
  );
}

/**
 * Issue 14 on the bundled sample project: the runs differ in `learning_rate`, `lora_rank` and
 * `seed`. The Run details region shows what differs and the metrics at the step; a config key
 * chosen there shows under each run's name, the rows sort by it, and a reload keeps it all.
 */
test.describe('run details over the sample project', () => {
  test('what differs, the loss at the step, config keys under run names, rows sorted by learning rate, and a reload', async ({
    comparer,
    page,
  }, testInfo) => {
    await comparer.open('/');
    const runs = ['lr-1e-4-baseline', 'lr-3e-4', 'lr-3e-5'];
    await comparer.selectRuns(runs);
    for (const name of await comparer.selectedRuns()) if (!runs.includes(name)) await comparer.runOption(name).click();
    await expect.poll(async () => (await comparer.gridRuns()).length).toBe(3);

    const details = page.locator('run-details-panel');
    await details.getByRole('button', { name: 'Run details' }).click();
    await expect(details.getByRole('button', { name: 'Run details' })).toHaveAttribute('aria-expanded', 'true');
    const diff = details.locator('run-config-diff');
    for (const key of ['learning_rate', 'lora_rank', 'seed'])
      await expect(diff.locator('[part~="key"]', { hasText: new RegExp(`^\\s*${key}\\s*$`) })).toBeVisible();

    const metrics = details.locator('run-metrics');
    await expect(metrics.locator('[part="table"]')).toHaveAttribute('aria-busy', 'false');
    await expect(metrics.locator('[part="table"] thead')).toContainText('train/loss');
    // The loss of each run at the step: a number in every row (all three ran to the step shown).
    const losses = await metrics
      .locator('[part="table"] tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => row.querySelectorAll('td')[0]?.querySelector('[part~="value"]')?.textContent?.trim() ?? ''),
      );
    expect(losses, 'a loss value per run').toHaveLength(3);
    for (const loss of losses) expect(loss).toMatch(/^\d/);

    await diff.locator('[part~="key"]', { hasText: /^\s*learning_rate\s*$/ }).click();
    await expect(page.locator('image-compare [part="run-header"]').first()).toContainText('learning_rate=');
    await details.getByLabel('Sort runs by').selectOption('-learning_rate');
    const descending = ['lr-3e-4', 'lr-1e-4-baseline', 'lr-3e-5'];
    await expect.poll(() => runNames(comparer)).toEqual(descending);
    await expect(page).toHaveURL(/[?&]sort=-learning_rate(&|$)/);
    await expect(page).toHaveURL(/[?&]config=learning_rate(&|$)/);
    await saveScreenshot(page, testInfo, 'run-details');

    await page.reload();
    await expect(details.getByRole('button', { name: 'Run details' })).toHaveAttribute('aria-expanded', 'true');
    await expect.poll(() => runNames(comparer)).toEqual(descending);
    await expect(page.locator('image-compare [part="run-header"]').first()).toContainText('learning_rate=0.0003');
  });
});
