import { readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SAMPLE } from './support/env.js';
import { expect, SERVER_SIDE, test } from './support/fixtures.js';
import { sampleDatasets, startLocalStack, type LocalStack } from './support/stacks.js';

/**
 * A local `wandb/` folder changing while the page is open, as training and people change it: a
 * new run starts, a run file is cut short, a run folder is deleted. A refresh shows it, without
 * restarting the server. The server reads a fresh copy of the sample project written with the
 * run writer.
 */

// Thumbnails of a run that has just been deleted fail to load: the browser logs that.
test.use({ allowedConsoleErrors: [/Failed to load resource|status of 404|NS_ERROR|image.*(load|corrupt)/i] });

let stack: LocalStack;
test.beforeEach(async () => {
  stack = await startLocalStack();
});
test.afterEach(async () => {
  await stack.close();
});

const runDir = (runId: string) =>
  join(
    stack.dir,
    readdirSync(stack.dir).find((name) => name.endsWith(`-${runId}`))!,
  );

/** Refresh the page until `check` holds: the server keeps answers about runs for a few seconds. */
async function refreshUntil(page: Page, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
}

test(
  'a run that starts while the page is open appears on refresh, with its images',
  SERVER_SIDE,
  async ({ page, comparer }) => {
    await comparer.open(`${stack.url}/`);
    await expect(comparer.runOptions).toHaveCount(4);

    const { writeRunDirectory } = await import('@run-comparer/wandb-client/local');
    const [sample] = await sampleDatasets();
    const base = sample!.runs.find((run) => run.id === 'lr1e4base')!;
    writeRunDirectory(
      { ...base, id: 'lr2e4late', displayName: 'lr-2e-4-late', createdAt: '2026-10-06T08:00:00.000Z', tags: ['late'] },
      stack.dir,
      { entity: SAMPLE.entity, project: SAMPLE.project },
    );

    await refreshUntil(page, async () => {
      await expect(comparer.runOption('lr-2e-4-late')).toBeVisible({ timeout: 5_000 });
    });
    await expect(comparer.runOptions).toHaveCount(5);
    await comparer.runOption('lr-2e-4-late').click();
    await expect(comparer.runOption('lr-2e-4-late')).toHaveAttribute('aria-selected', 'true');
    // Five images a run, and the best sample (summary only) of the three finished ones.
    await comparer.expectGridAt(await comparer.step(), { images: 23 });
    expect(await comparer.gridRuns()).toContain('lr-2e-4-late');
  },
);

test(
  'a run file cut short while the page is open shows as crashed, at its last complete step',
  SERVER_SIDE,
  async ({ page, comparer }) => {
    await comparer.open(`${stack.url}/`);
    const lane = page.locator('step-slider [part~="lane"]').filter({ hasText: 'lr-3e-4' });
    await expect(lane).toContainText('3000');

    const file = join(runDir('lr3e4fast'), 'run-lr3e4fast.wandb');
    truncateSync(file, Math.floor(statSync(file).size * 0.4));

    await refreshUntil(page, async () => {
      await expect(comparer.runOption('lr-3e-4').locator('[part="state"]')).toHaveText('crashed', { timeout: 5_000 });
    });
    // At step 3000 the run now shows the last images it still has, from an earlier step, and says so
    // (its summary, with the best sample, was cut off: lr-3e-5 alone still shows one).
    await comparer.expectGridAt(3000, { images: 16 });
    const notes = await page
      .locator('image-compare tr')
      .filter({ has: page.locator('th[part="run-header"]', { hasText: 'lr-3e-4' }) })
      .locator('[part="step-note"]')
      .allInnerTexts();
    expect(notes.length).toBe(5);
    for (const note of notes) expect(Number(/step (\d+)/.exec(note)?.[1])).toBeLessThan(3000);
  },
);

test('a run folder deleted while the page is open is gone on refresh; the link says it could not be opened', async ({
  page,
  comparer,
}) => {
  await comparer.open(`${stack.url}/`);
  expect(await comparer.gridRuns()).toContain('lr-3e-5');
  rmSync(runDir('lr3e5slow'), { recursive: true });

  await refreshUntil(page, async () => {
    await expect(page.locator('run-comparer [part="notice"]')).toContainText('lr3e5slow', { timeout: 5_000 });
  });
  await expect(comparer.runOption('lr-3e-5')).toHaveCount(0);
  await expect(comparer.runOptions).toHaveCount(3);
  expect(await comparer.selectedRuns()).toEqual(['lr-1e-3-diverged', 'lr-3e-4']);
  await comparer.expectGridAt(3000, { images: 11 });
  await page.locator('run-comparer [part="notice"]').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('run-comparer [part="notice"]')).toHaveCount(0);
});
