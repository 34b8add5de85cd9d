import type { APIRequestContext } from '@playwright/test';
import { stepsOf, runIdsByName } from './support/api.js';
import { ComparerPage } from './support/comparer.js';
import { e2eEnv } from './support/env.js';
import { expect, test } from './support/fixtures.js';
import { paintedThumbnails } from './support/painted.js';
import { saveScreenshot } from './support/screenshots.js';

/** The bundled sample project as `npm start` serves it, used the way a person uses the page. */

const { sampleUrl } = e2eEnv();
/** The keys the page opens on: both logged by the three runs, and the best sample two of them set on their summary. */
const KEYS = ['best_sample', 'samples/prompts', 'val/fixed_seed'];
const NEWEST = ['lr-1e-3-diverged', 'lr-3e-5', 'lr-3e-4'];

/** The steps the slider offers for the newest runs and both keys, as the server reports them. */
async function newestRunSteps(request: APIRequestContext): Promise<number[]> {
  const ids = await runIdsByName(request, sampleUrl);
  return stepsOf(
    request,
    sampleUrl,
    NEWEST.map((name) => ids[name]!),
    KEYS,
  );
}

test.describe('the comparer over the sample project', () => {
  test('opens on the newest runs at their latest step, every image decoded', async ({ comparer, page }, testInfo) => {
    await comparer.open('/');
    await expect(page).toHaveTitle('Run Comparer');
    expect(await comparer.selectedRuns()).toEqual(NEWEST);
    expect(await comparer.selectedKeys()).toEqual(KEYS);
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', '3000');
    // Three runs, four prompts and one validation image each, and the best sample of the two that finished.
    const shown = await comparer.expectGridAt(3000, { images: 17 });
    expect((await comparer.gridRuns()).sort()).toEqual([...NEWEST].sort());
    await expect(page.locator('image-compare [part="key-header"]')).toHaveText(KEYS);
    // The best sample is only in the summary: it shows at the last step of the runs that finished,
    // and the run killed at step 1150 (no summary) says it has none.
    const bestSamples = shown.filter((image) => image.alt.includes(', best_sample, '));
    expect(bestSamples.map((image) => image.alt).sort()).toEqual([
      'best validation sample (step 3000), lr-3e-4, best_sample, step 3000',
      'best validation sample (step 3000), lr-3e-5, best_sample, step 3000',
    ]);
    const divergedRow = page
      .locator('image-compare tr')
      .filter({ has: page.locator('th[part="run-header"]', { hasText: 'lr-1e-3-diverged' }) });
    await expect(divergedRow.locator('[part="placeholder"]')).toHaveText(['No image at or before step 3000']);
    await saveScreenshot(page, testInfo, 'grid');
  });

  test('paints every thumbnail inside its frame: the 128 px previews and the 512 px validation images', async ({
    comparer,
    page,
  }) => {
    await comparer.open('/');
    await comparer.expectGridAt(3000, { images: 17 });
    const thumbnails = await paintedThumbnails(page);
    const validation = thumbnails.filter((t) => t.alt.includes('val/fixed_seed'));
    expect(validation.map((t) => t.loggedWidth)).toEqual([512, 512, 512]);
    for (const thumbnail of thumbnails) {
      expect(thumbnail.inside, `${thumbnail.alt}: image box inside its frame`).toBe(true);
      expect(thumbnail.painted, `${thumbnail.alt}: the frame shows the picture`).toBeGreaterThan(0.3);
    }
  });

  test('choosing runs and image keys changes the grid', async ({ comparer, page }) => {
    await comparer.open('/');
    await comparer.runOption('lr-1e-4-baseline').click();
    await expect(comparer.runOption('lr-1e-4-baseline')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('run-comparer [part="header"]')).toContainText('4 runs selected');
    await comparer.expectGridAt(3000, { images: 23 });
    expect(await comparer.gridRuns()).toContain('lr-1e-4-baseline');

    await comparer.runOption('lr-1e-3-diverged').click();
    await expect(comparer.runOption('lr-1e-3-diverged')).toHaveAttribute('aria-selected', 'false');
    await comparer.expectGridAt(3000, { images: 18 });
    expect(await comparer.gridRuns()).not.toContain('lr-1e-3-diverged');

    await comparer.keyOption('val/fixed_seed').click();
    await expect(page.locator('image-compare [part="key-header"]')).toHaveText(['best_sample', 'samples/prompts']);
    await comparer.expectGridAt(3000, { images: 15 });

    // The filter box narrows the list; the selection stays.
    await page.locator('run-picker [part="search"]').fill('baseline');
    await expect(comparer.runOptions).toHaveCount(1);
    await page.locator('run-picker [part="search"]').fill('');
    await expect(comparer.runOptions).toHaveCount(4);
    expect(await comparer.selectedRuns()).toEqual(['lr-3e-5', 'lr-3e-4', 'lr-1e-4-baseline']);
  });

  test('the slider moves by keyboard and the grid follows, never showing the previous step', async ({
    comparer,
    request,
  }) => {
    await comparer.open('/');
    const steps = await newestRunSteps(request);
    await comparer.slider.focus();

    await comparer.page.keyboard.press('ArrowLeft');
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(steps.at(-2)));
    await comparer.expectGridAt(steps.at(-2)!);

    await comparer.page.keyboard.press('Home');
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(steps[0]));
    await comparer.expectGridAt(steps[0]!);

    await comparer.page.keyboard.press('ArrowRight');
    await comparer.page.keyboard.press('ArrowRight');
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(steps[2]));
    await comparer.expectGridAt(steps[2]!);

    // Quick presses: only the last step's images end up on screen.
    for (let i = 0; i < 5; i++) await comparer.page.keyboard.press('ArrowRight');
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(steps[7]));
    await comparer.expectGridAt(steps[7]!);

    await comparer.page.keyboard.press('End');
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(steps.at(-1)));
    await comparer.expectGridAt(steps.at(-1)!);
  });

  test('the slider moves by mouse: a click on the track, a drag of the handle', async ({ comparer, page, request }) => {
    await comparer.open('/');
    const steps = await newestRunSteps(request);
    const clicked = steps[Math.floor(steps.length / 3)]!;
    const point = await comparer.pointOfStep(clicked);
    await page.mouse.click(point.x, point.y);
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(clicked));
    await comparer.expectGridAt(clicked);

    const dragged = steps[Math.floor((steps.length * 2) / 3)]!;
    const to = await comparer.pointOfStep(dragged);
    const handle = (await comparer.slider.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move((handle.x + to.x) / 2, to.y, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(dragged));
    await comparer.expectGridAt(dragged);

    await page.locator('step-slider [part="previous-button"]').click();
    const previous = steps[steps.indexOf(dragged) - 1]!;
    await expect(comparer.slider).toHaveAttribute('aria-valuenow', String(previous));
    await comparer.expectGridAt(previous);
  });

  test('a thumbnail opens the full image, which zooms by button, key and wheel', async ({
    comparer,
    page,
  }, testInfo) => {
    await comparer.open('/');
    const thumb = comparer.thumbs.first();
    const alt = await comparer.gridImages.first().getAttribute('alt');
    await thumb.click();
    await expect(comparer.detail).toBeVisible();
    await expect(comparer.detail.getByRole('heading')).toContainText('samples/prompts');
    const [full] = await comparer.expectDecoded(comparer.detailImage, 1);
    // The original file, not a thumbnail, of the image that was clicked.
    expect(new URL(full!.src).searchParams.has('w')).toBe(false);
    expect(full!.alt).toContain(alt!.split(',')[0]!);

    const zoom = page.locator('image-detail [part="zoom-level"]');
    const percent = async () => Number((await zoom.innerText()).replace('%', ''));
    const fitted = await percent();
    const size = async () => (await comparer.detailImage.boundingBox())!.width;
    const fittedWidth = await size();
    await saveScreenshot(page, testInfo, 'detail');

    await comparer.detail.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(percent).toBeGreaterThan(fitted);
    await expect.poll(size).toBeGreaterThan(fittedWidth);

    await page.locator('image-detail [part="stage"]').focus();
    await page.keyboard.press('1');
    await expect(zoom).toHaveText('100%');
    await page.keyboard.press('0');
    await expect.poll(percent).toBe(fitted);

    const stage = (await page.locator('image-detail [part="stage"]').boundingBox())!;
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(percent).toBeGreaterThan(fitted);

    await page.keyboard.press('Escape');
    await expect(comparer.detail).toBeHidden();
    await expect(thumb).toBeFocused();
  });

  test('the grid works from the keyboard: arrows move, Enter opens, Shift+Enter marks', async ({ comparer, page }) => {
    await comparer.open('/');
    await comparer.thumbs.first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(comparer.thumbs.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(comparer.detail).toBeVisible();
    await comparer.expectDecoded(comparer.detailImage, 1);
    await page.keyboard.press('Escape');
    await expect(comparer.detail).toBeHidden();
    await expect(comparer.thumbs.nth(1)).toBeFocused();

    await page.keyboard.press('Shift+Enter');
    await expect(page.locator('image-compare [part="mark"]')).toHaveText(['A']);
  });

  test('shift+click two images, then compare them side by side, by swipe, blink and difference', async ({
    comparer,
    page,
  }, testInfo) => {
    await comparer.open('/');
    // The same prompt in two runs: lr-3e-4 (third row) has learned it, lr-3e-5 (second row) not yet
    // (each row: best sample, four prompts, validation image; the crashed first row has no best sample).
    await comparer.thumbs.nth(12).click({ modifiers: ['Shift'] });
    await expect(page.locator('image-compare [part="mark"]')).toHaveText(['A']);
    await comparer.thumbs.nth(6).click({ modifiers: ['Shift'] });
    const pair = comparer.pair;
    await expect(pair).toBeVisible();
    await expect(pair.getByRole('heading')).toHaveText('Compare A and B');
    await expect(page).toHaveURL(/[?&]compare=.*&compare=/);
    const layers = page.locator('image-pair img[part="image"]');
    const tab = (name: string) => pair.getByRole('tab', { name });

    await expect(tab('Side by side')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('image-pair [part="pane"]')).toHaveCount(2);
    const [a, b] = await comparer.expectDecoded(layers, 2);
    expect(a!.src).not.toBe(b!.src);
    await saveScreenshot(page, testInfo, 'compare-side-by-side');

    await tab('Swipe').click();
    await expect(tab('Swipe')).toHaveAttribute('aria-selected', 'true');
    await comparer.expectDecoded(layers, 2);
    const divider = pair.getByRole('slider', { name: 'Swipe divider' });
    await expect(divider).toHaveAttribute('aria-valuenow', '50');
    await divider.focus();
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(divider).toHaveAttribute('aria-valuenow', '40');
    await saveScreenshot(page, testInfo, 'compare-swipe');
    const pane = (await page.locator('image-pair [part="pane"]').boundingBox())!;
    const handle = (await divider.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, pane.y + pane.height / 2);
    await page.mouse.down();
    await page.mouse.move(pane.x + pane.width * 0.75, pane.y + pane.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Number(await divider.getAttribute('aria-valuenow'))).toBeGreaterThan(70);

    await tab('Blink').click();
    const shown = page.locator('image-pair [part="tag"]');
    await expect(shown).toHaveText('A');
    await comparer.expectDecoded(layers, 2);
    await pair.getByRole('button', { name: 'Flip' }).click();
    await expect(shown).toHaveText('B');
    await expect(layers.nth(1)).toBeVisible();
    await expect(layers.nth(0)).toBeHidden();
    await page.locator('image-pair [part="stage"]').focus();
    await page.keyboard.press('Space');
    await expect(shown).toHaveText('A');
    await saveScreenshot(page, testInfo, 'compare-blink');

    await tab('Difference').click();
    const heatmap = page.locator('image-pair canvas[part="difference"]');
    await expect(heatmap).toHaveAttribute('data-drawn', 'true');
    await expect(pair.locator('[part="controls"]')).toContainText(/max \d+ · mean [\d.]+ · [\d.]+% of pixels differ/);
    const lit = await heatmap.evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let nonBlack = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 0) nonBlack++;
      return nonBlack;
    });
    expect(lit, 'the heat map shows where the images differ').toBeGreaterThan(0);
    await saveScreenshot(page, testInfo, 'compare-difference');

    // Keys 1–4 switch modes.
    await page.locator('image-pair [part="stage"]').focus();
    await page.keyboard.press('1');
    await expect(tab('Side by side')).toHaveAttribute('aria-selected', 'true');
    await comparer.expectDecoded(layers, 2);

    await page.keyboard.press('Escape');
    await expect(pair).toBeHidden();
    await expect(page.locator('image-compare [part="mark"]')).toHaveCount(0);
  });

  test('a reload, or the link opened afresh, shows the same view', async ({ comparer, page, browser }) => {
    await comparer.open('/');
    await comparer.runOption('lr-1e-4-baseline').click();
    await comparer.runOption('lr-3e-5').click();
    await comparer.keyOption('val/fixed_seed').click();
    await expect(page.locator('image-compare [part="key-header"]')).toHaveText(['best_sample', 'samples/prompts']);
    await comparer.slider.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const step = await comparer.step();
    await comparer.expectGridAt(step);
    await comparer.thumbs.nth(2).click();
    await expect(comparer.detail).toBeVisible();
    await comparer.expectDecoded(comparer.detailImage, 1);
    await expect(page).toHaveURL(new RegExp(`[?&]step=${step}(&|$)`));
    await expect(page).toHaveURL(/[?&]detail=/);

    const view = async (c: ComparerPage) => {
      await expect(c.detail).toBeVisible();
      await c.expectDecoded(c.detailImage, 1);
      await c.expectGridAt(step);
      return {
        runs: await c.selectedRuns(),
        keys: await c.selectedKeys(),
        step: await c.step(),
        grid: (await c.images(c.gridImages)).map((image) => new URL(image.src).pathname),
        detail: await c.detail.getByRole('heading').innerText(),
        image: new URL((await c.images(c.detailImage))[0]!.src).pathname,
      };
    };
    const before = await view(comparer);
    expect(before.runs).toEqual(['lr-1e-3-diverged', 'lr-3e-4', 'lr-1e-4-baseline']);
    expect(before.keys).toEqual(['best_sample', 'samples/prompts']);

    await page.reload();
    expect(await view(comparer)).toEqual(before);

    // The link in a new browser context: nothing but the URL carries the view.
    const context = await browser.newContext();
    try {
      const fresh = new ComparerPage(await context.newPage());
      await fresh.page.goto(page.url());
      expect(await view(fresh)).toEqual(before);
    } finally {
      await context.close();
    }
  });

  test('a video key shows its first frame in the grid, and an image with boxes and a mask shows the image', async ({
    comparer,
  }) => {
    // The baseline alone logs the denoising GIF (wandb.Video) and the detections image (boxes and a mask).
    await comparer.open(
      '/?entity=run-comparer&project=pixelforge-lora-sweep&run=lr1e4base&key=samples/denoising&key=val/detections',
    );
    const shown = await comparer.expectGridAt(3000, { images: 2 });
    expect(shown.map((image) => image.alt)).toEqual([
      'denoising: a red apple on a wooden table, studio light, lr-1e-4-baseline, samples/denoising, step 3000',
      'a red apple on a wooden table, studio light, lr-1e-4-baseline, val/detections, step 3000',
    ]);
    // Never a blank: each frame shows a picture, the video its first frame at the size wandb logged.
    const thumbnails = await paintedThumbnails(comparer.page);
    expect(thumbnails.map((t) => t.loggedWidth)).toEqual([96, 128]);
    for (const thumbnail of thumbnails) {
      expect(thumbnail.painted, `${thumbnail.alt}: the frame shows the picture`).toBeGreaterThan(0.3);
    }
  });

  test('follows a dark colour scheme', async ({ darkComparer }, testInfo) => {
    const { page } = darkComparer;
    await darkComparer.open('/');
    await darkComparer.expectGridAt(3000, { images: 17 });
    const luminance = (color: string) => {
      const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    const colors = await page.locator('run-comparer [part="sidebar"]').evaluate((sidebar) => ({
      text: getComputedStyle(sidebar).color,
      background: getComputedStyle(sidebar.parentElement!).backgroundColor,
    }));
    expect(luminance(colors.background), `sidebar background ${colors.background}`).toBeLessThan(0.25);
    expect(luminance(colors.text), `sidebar text ${colors.text}`).toBeGreaterThan(0.7);
    await saveScreenshot(page, testInfo, 'grid-dark');
  });
});
