import type { Locator, Page } from '@playwright/test';
import type { ComparerPage } from './support/comparer.js';
import { E2E_API_KEY } from './support/env.js';
import { expect, SERVER_SIDE, test } from './support/fixtures.js';
import { startCloudStack, type CloudStack } from './support/stacks.js';

/**
 * wandb and the network misbehaving while a person uses the page: the demo server in cloud mode
 * against a fake wandb whose faults each test turns on and off. The page must say what is wrong,
 * never hang, never show an old step's images as the current step, and recover once the fault ends.
 */

// Failed loads of API answers and images are logged by the browser; that is what these tests provoke.
test.use({ allowedConsoleErrors: [/Failed to load resource|status of (429|50\d)|NS_ERROR|image.*(load|corrupt)/i] });

let stack: CloudStack;
test.beforeEach(async () => {
  stack = await startCloudStack();
});
test.afterEach(async ({ page }) => {
  // The key never reaches the browser, nor the server's log lines.
  expect(await page.content()).not.toContain(E2E_API_KEY);
  await stack.close();
  expect(stack.server.stdout() + stack.server.stderr()).not.toContain(E2E_API_KEY);
});

const FOREVER = 100_000;
// Picked in this order the step stays at the last one (3000): lr-3e-4 logged it.
const NEWEST = ['lr-3e-4', 'lr-3e-5', 'lr-1e-3-diverged'];

/** The page's thumbnails and their state, to check nothing from another step shows as the current one. */
async function shownSteps(page: Page): Promise<number[]> {
  const srcs = await page
    .locator('image-compare img[part="image"]')
    .evaluateAll((images) =>
      images.map((img) => (img as HTMLImageElement).currentSrc || (img as HTMLImageElement).src),
    );
  return srcs.map((src) => Number(/_(\d+)_[0-9a-f]{20}\.\w+/.exec(decodeURIComponent(src))?.[1] ?? -1));
}

test('a rate limit (429 with Retry-After) is explained, counted down, and retried by itself', async ({
  page,
  comparer,
}) => {
  stack.fake.faults.add({ kind: 'status', status: 429, retryAfter: '13' }, { times: FOREVER });
  await page.goto(`${stack.url}/`);
  const failure = page.locator('run-picker [part="error"]');
  await expect(failure).toContainText('Could not load');
  await expect(failure).toContainText('rate limited');
  await expect(failure).toContainText(/Retrying in \d+ s/);
  stack.fake.faults.clear();
  // Nobody clicks Retry: the countdown ends and the runs arrive; then the person picks runs.
  await expect(comparer.runOption('lr-3e-4')).toBeVisible({ timeout: 30_000 });
  await expect(failure).toHaveCount(0);
  await comparer.selectRuns(NEWEST);
  await comparer.expectGridAt(3000, { images: 17 });
});

test(
  'brief wandb failures (500s, cut-off JSON, a dropped connection) are retried without the user noticing',
  SERVER_SIDE,
  async ({ comparer }) => {
    stack.fake.faults
      .add({ kind: 'status', status: 500 })
      .add({ kind: 'malformed' })
      .add({ kind: 'disconnect' })
      .add({ kind: 'status', status: 503 });
    await comparer.open(`${stack.url}/`);
    await comparer.expectGridAt(3000, { images: 17 });
    await expect(comparer.page.locator('[part="error"]')).toHaveCount(0);
    expect(stack.fake.faults.pending).toBe(0);
    expect(stack.fake.requests.all.filter((r) => r.fault !== null).length).toBe(4);
  },
);

test(
  'wandb failing for good (500s) gets a clear message; Retry brings everything back once it recovers',
  SERVER_SIDE,
  async ({ page, comparer }) => {
    stack.fake.faults.add({ kind: 'status', status: 500 }, { times: FOREVER });
    await page.goto(`${stack.url}/`);
    const failure = page.locator('run-picker [part="error"]');
    await expect(failure).toContainText('Could not load', { timeout: 30_000 });
    await expect(failure.getByRole('alert')).toContainText(/wandb/i);
    stack.fake.faults.clear();
    await recover(page, failure);
    await comparer.selectRuns(NEWEST);
    await comparer.expectGridAt(3000, { images: 17 });
  },
);

test('GraphQL errors from wandb are shown in words, then recovered from', SERVER_SIDE, async ({ page, comparer }) => {
  stack.fake.faults.add(
    { kind: 'graphql-errors', messages: ['project lookup failed: internal error'] },
    { times: FOREVER },
  );
  await page.goto(`${stack.url}/`);
  const failure = page.locator('run-picker [part="error"]');
  await expect(failure).toContainText('project lookup failed', { timeout: 30_000 });
  stack.fake.faults.clear();
  await recover(page, failure);
  await comparer.selectRuns(NEWEST);
  await comparer.expectGridAt(3000, { images: 17 });
});

test('when images of a new step cannot be had, the grid says so and never shows the old step in their place', async ({
  page,
  comparer,
}) => {
  await comparer.open(`${stack.url}/`);
  await keepOnlyOneRun(comparer);
  // wandb refuses to sign the new step's images.
  stack.fake.faults.add(
    { kind: 'graphql-errors', messages: ['storage backend unavailable'] },
    { times: FOREVER, operation: 'RunFiles' },
  );
  await comparer.slider.focus();
  await page.keyboard.press('Home');
  await expect(comparer.slider).toHaveAttribute('aria-valuenow', '0');
  await expect(comparer.stepLabel).toHaveText(/^\s*Step 0\b/);
  const failed = page.locator('image-compare [part="error"]');
  await expect(failed.first()).toBeVisible({ timeout: 30_000 });
  await expect(failed.first()).toContainText(/could not|wandb/i);
  // While it fails: whatever thumbnails are on screen belong to step 0.
  expect((await shownSteps(page)).filter((step) => step !== 0)).toEqual([]);

  stack.fake.faults.clear();
  await recover(page, failed);
  await comparer.expectGridAt(0, { images: 5 });
});

test('signed media URLs that expire mid-session are signed again; images keep coming', async ({ page, comparer }) => {
  await comparer.open(`${stack.url}/`);
  await keepOnlyOneRun(comparer);
  // From now on wandb hands out URLs that are already expired when storage sees them.
  stack.fake.faults.urlTtlSeconds = -1;
  await comparer.slider.focus();
  await page.keyboard.press('Home');
  const failed = page.locator('image-compare [part="error"]');
  await expect(failed.first()).toBeVisible({ timeout: 30_000 });
  // Cloud Storage answers an expired V4 signature with 400 ExpiredToken (not 403).
  expect(stack.fake.requests.all.some((r) => r.kind === 'storage' && r.status === 400)).toBe(true);
  expect((await shownSteps(page)).filter((step) => step !== 0)).toEqual([]);

  // Storage accepts the URLs again: Retry loads the images.
  stack.fake.faults.urlTtlSeconds = 3600;
  await recover(page, failed);
  await comparer.expectGridAt(0, { images: 5 });
});

test('a slow wandb shows loading states, then the images', SERVER_SIDE, async ({ page, comparer }) => {
  stack.fake.faults.add({ kind: 'delay', ms: 4_000 }, { times: 2 });
  await page.goto(`${stack.url}/`);
  await expect(page.locator('run-picker').getByRole('status').first()).toBeAttached();
  await expect(comparer.runOption('lr-3e-4')).toBeVisible({ timeout: 30_000 });
  await comparer.expectGridAt(3000, { images: 17 });
});

test('the connection to the server drops mid-session: a message, then recovery', async ({ page, comparer }) => {
  await comparer.open(`${stack.url}/`);
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await comparer.runOption('lr-1e-4-baseline').click();
  const failure = page.locator('[part="error"]').first();
  await expect(failure).toBeVisible({ timeout: 30_000 });
  await expect(failure).toContainText(/reach|server/i);
  await page.unroute('**/api/**');
  await recover(page, page.locator('[part="error"]'));
  await comparer.expectGridAt(3000, { images: 23 });
});

/** Compare one run (six thumbnails with its best sample at 3000): fewer failed tiles to retry by hand afterwards. */
async function keepOnlyOneRun(comparer: ComparerPage): Promise<void> {
  for (const name of ['lr-1e-3-diverged', 'lr-3e-5']) await comparer.runOption(name).click();
  await comparer.expectGridAt(3000, { images: 6 });
}

/**
 * Press every Retry the failure offers (unless the page has already retried by itself), as a
 * person would, until no failure is left.
 */
async function recover(page: Page, failure: Locator): Promise<void> {
  const retry = failure.getByRole('button', { name: /Retry/ });
  await expect(async () => {
    for (let clicks = 0; clicks < 40 && (await retry.count()) > 0; clicks++) {
      await retry.first().click({ timeout: 2_000 });
    }
    await expect(failure).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 45_000 });
}
