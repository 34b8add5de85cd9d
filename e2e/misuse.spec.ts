import { expect, test } from './support/fixtures.js';

/**
 * People misusing the page: hand-edited and hostile links, projects that do not exist, clicking
 * and pressing faster than anything can load, Back and Forward. The page says what is wrong,
 * stays usable, and what it shows always matches what is selected.
 */

// The server answers these on purpose with 400 and 404, and the browser logs them.
test.use({ allowedConsoleErrors: [/Failed to load resource: the server responded with a status of 40[04]/] });

test.beforeEach(async ({ page }) => {
  page.on('dialog', (dialog) => {
    throw new Error(`the page opened a ${dialog.type()} dialog: ${dialog.message()}`);
  });
});

test('a hand-edited link with unknown runs, keys and a step past the end opens what it can, and says what it could not', async ({
  page,
  comparer,
}) => {
  await page.goto(
    '/?entity=run-comparer&project=pixelforge-lora-sweep&run=nosuchrun&run=lr3e4fast&key=samples/prompts&key=no/such/key&step=999999&compare=junk&detail=lr3e4fast:x:y:z',
  );
  await expect(page.locator('run-comparer [part="notice"]')).toContainText('nosuchrun');
  expect(await comparer.selectedRuns()).toEqual(['lr-3e-4']);
  // The step snaps to the last one that exists.
  await expect(comparer.slider).toHaveAttribute('aria-valuenow', '3000');
  await comparer.expectGridAt(3000, { images: 4 });
  await expect(comparer.detail).toHaveCount(0);
  // Still usable: pick another run.
  await comparer.runOption('lr-3e-5').click();
  await comparer.expectGridAt(3000, { images: 8 });
});

test('markup in a link is shown as text, never run', async ({ page }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  await page.goto(
    `/?entity=${encodeURIComponent(hostile)}&project=${encodeURIComponent('"><script>alert(2)</script>')}`,
  );
  await expect(page.locator('run-comparer [part="project"]')).toContainText('<img src=x onerror=alert(1)>');
  // The server refuses the names (wandb forbids such characters) and the picker says so.
  await expect(page.locator('run-picker [part="error"]')).toContainText(/may not contain|not found|Could not load/);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('a project that does not exist gets a clear message; going back to a real one works', async ({
  page,
  comparer,
}) => {
  await comparer.open('/');
  await page.getByRole('button', { name: 'Change project' }).click();
  const form = page.getByRole('form', { name: 'Open a project' });
  await form.getByLabel('Project').fill('no-such-project');
  await form.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('run-comparer [part="project"]')).toContainText('no-such-project');
  await expect(page.locator('run-picker')).toContainText(/No runs|not found|no project/i);
  await expect(comparer.gridImages).toHaveCount(0);

  await page.goBack();
  await expect(page.locator('run-comparer [part="project"]')).toContainText('pixelforge-lora-sweep');
  await expect(comparer.runOption('lr-3e-4')).toBeVisible();
  await comparer.expectGridAt(3000, { images: 17 });
});

test('clicking and pressing faster than anything loads ends in a consistent view', async ({ page, comparer }) => {
  await comparer.open('/');
  // Toggle runs on and off in quick succession, without waiting for anything.
  for (const name of ['lr-1e-4-baseline', 'lr-3e-5', 'lr-1e-4-baseline', 'lr-1e-3-diverged', 'lr-3e-5']) {
    await comparer.runOption(name).click({ delay: 0 });
  }
  await comparer.slider.focus();
  for (const key of ['Home', 'ArrowRight', 'ArrowRight', 'End', 'ArrowLeft', 'PageDown', 'ArrowRight', 'ArrowLeft'])
    await page.keyboard.press(key);
  const step = Number(await comparer.slider.getAttribute('aria-valuenow'));
  const selected = await comparer.selectedRuns();
  // Started with the three newest; baseline on and off again, diverged off, 3e-5 off and on again.
  expect(selected).toEqual(['lr-3e-5', 'lr-3e-4']);
  await comparer.expectGridAt(step, { images: 10 });
  expect((await comparer.gridRuns()).sort()).toEqual(selected.sort());
});

test('Back and Forward walk through the views a person chose', async ({ page, comparer }) => {
  await comparer.open('/');
  // Five images a run, and the best sample (summary only) of each finished one.
  await comparer.runOption('lr-1e-4-baseline').click();
  await comparer.expectGridAt(3000, { images: 23 });
  await comparer.keyOption('val/fixed_seed').click();
  await comparer.expectGridAt(3000, { images: 19 });

  await page.goBack();
  await expect(comparer.keyOption('val/fixed_seed')).toHaveAttribute('aria-selected', 'true');
  await comparer.expectGridAt(3000, { images: 23 });
  await page.goBack();
  await expect(comparer.runOption('lr-1e-4-baseline')).toHaveAttribute('aria-selected', 'false');
  await comparer.expectGridAt(3000, { images: 17 });
  await page.goForward();
  await expect(comparer.runOption('lr-1e-4-baseline')).toHaveAttribute('aria-selected', 'true');
  await comparer.expectGridAt(3000, { images: 23 });
});
