import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures.js';
import { saveScreenshot } from './support/screenshots.js';

/** Issue 15 on the sample project as `npm start` serves it: one prompt across training, and the grid as a PNG. */

test.describe('sharing and following a sample', () => {
  test('opens the evolution of a prompt, compares two of its steps, and goes back to the grid', async ({
    comparer,
    page,
  }, testInfo) => {
    await comparer.open('/');
    await comparer.expectGridAt(3000, { images: 17 });
    const prompt = comparer.thumbs.filter({ has: page.locator('img[alt*="samples/prompts"]') }).first();
    await prompt.click();
    await expect(comparer.detail).toBeVisible();
    await page.keyboard.press('e');

    const strip = page.locator('image-evolution');
    await expect(strip).toBeVisible();
    await expect(comparer.detail).toBeHidden();
    await expect(page).toHaveURL(/[?&]view=evolution&sample=samples\/prompts:\d+/);
    const frames = strip.locator('[role="gridcell"][data-row="0"]:not(.empty)');
    await expect(frames.nth(3)).toBeVisible();
    await expect(frames.nth(1).locator('img')).toBeVisible();
    await comparer.expectDecoded(strip.locator('img'));
    await saveScreenshot(page, testInfo, 'evolution');
    const stepOf = async (n: number) => /step (\d+)/.exec((await frames.nth(n).getAttribute('aria-label')) ?? '')![1];
    const [early, late] = [await stepOf(1), await stepOf(3)];
    await frames.nth(1).click({ modifiers: ['Shift'] });
    await frames.nth(3).click({ modifiers: ['Shift'] });

    await expect(comparer.pair).toBeVisible();
    const sides = page.locator('image-pair img[alt^="A: "], image-pair img[alt^="B: "]');
    await expect(sides).toHaveCount(2);
    const alts = await sides.evaluateAll((images) => images.map((image) => image.getAttribute('alt')));
    expect(alts.join('\n')).toContain(`step ${early}`);
    expect(alts.join('\n')).toContain(`step ${late}`);
    await page.keyboard.press('Escape');
    await expect(comparer.pair).toBeHidden();

    await page.locator('run-comparer [part="grid-button"]').click();
    await expect(strip).toHaveCount(0);
    await expect(comparer.grid).toBeVisible();
    await expect(page).not.toHaveURL(/view=evolution/);
  });

  test('downloads the grid as a PNG that decodes', async ({ comparer, page, browserName }) => {
    await comparer.open('/');
    await comparer.expectGridAt(3000, { images: 17 });
    const button = page.locator('run-comparer [part="download-button"]');
    let saved: { name: string; bytes: number | null; width: number; height: number };
    if (browserName === 'firefox') {
      // Playwright over WebDriver BiDi reports no download event with Firefox ESR 153 (the Chromium run checks the
      // file itself): the link the page clicks is taken instead and its PNG decoded in the page (img-src allows blob:).
      await page.evaluate(() => {
        const comparer = document.querySelector('run-comparer')!;
        (window as unknown as { saved: Promise<unknown> }).saved = new Promise((resolve) =>
          comparer.addEventListener('click', (event) => {
            const link = event.composedPath()[0];
            if (!(link instanceof HTMLAnchorElement) || !link.download) return;
            event.preventDefault();
            const image = new Image();
            image.src = link.href;
            void image
              .decode()
              .then(() =>
                resolve({ name: link.download, bytes: null, width: image.naturalWidth, height: image.naturalHeight }),
              );
          }),
        );
      });
      await button.click();
      saved = (await page.evaluate(() => (window as unknown as { saved: Promise<unknown> }).saved)) as typeof saved;
    } else {
      const downloading = page.waitForEvent('download');
      await button.click();
      const download = await downloading;
      const bytes = await readFile((await download.path())!);
      // Decoded by the browser in a page of its own (the app's CSP rightly refuses data: fetches).
      const blank = await page.context().newPage();
      const size = await blank.evaluate(async (base64) => {
        const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
        const bitmap = await createImageBitmap(blob);
        return { width: bitmap.width, height: bitmap.height };
      }, bytes.toString('base64'));
      await blank.close();
      saved = { name: download.suggestedFilename(), bytes: bytes.length, ...size };
    }
    expect(saved.name).toBe('pixelforge-lora-sweep-step-3000.png');
    if (saved.bytes !== null) expect(saved.bytes).toBeGreaterThan(0);
    // Three runs and five columns of 160 px cells beside the run names.
    expect(saved.width).toBeGreaterThan(5 * 160);
    expect(saved.height).toBeGreaterThan(3 * 160);
  });
});
