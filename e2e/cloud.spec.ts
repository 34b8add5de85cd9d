import { E2E_API_KEY, e2eEnv } from './support/env.js';
import { expect, test } from './support/fixtures.js';

/**
 * The built server in cloud mode (WANDB_API_KEY set) against the fake wandb GraphQL server seeded
 * with the sample project: the page works the same, the browser talks only to the demo server
 * (never to wandb or its storage), and the key is nowhere the browser can see.
 */

const { cloudUrl, fakeWandbUrl } = e2eEnv();

test('the comparer over wandb: runs, steps and decoded images, with the key kept on the server', async ({
  page,
  comparer,
}) => {
  const origins = new Set<string>();
  const answers: string[] = [];
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    const text = type.includes('json') || type.includes('html') ? await response.text().catch(() => '') : '';
    answers.push(`${JSON.stringify(response.headers())}\n${text}`);
  });

  await comparer.open(`${cloudUrl}/`);
  await expect(page.locator('.page-header .source')).toContainText('wandb cloud');
  expect(await comparer.selectedRuns()).toEqual(['lr-1e-3-diverged', 'lr-3e-5', 'lr-3e-4']);
  // Five images a run, and the best sample of the two finished runs (logged only in their summary).
  await comparer.expectGridAt(3000, { images: 17 });

  await comparer.runOption('lr-1e-4-baseline').click();
  await comparer.expectGridAt(3000, { images: 23 });
  await comparer.slider.focus();
  await page.keyboard.press('Home');
  await comparer.expectGridAt(0, { images: 20 });
  await comparer.thumbs.first().click();
  await expect(comparer.detail).toBeVisible();
  await comparer.expectDecoded(comparer.detailImage, 1);

  expect([...origins]).toEqual([cloudUrl]);
  expect(origins.has(fakeWandbUrl)).toBe(false);
  const seen = [
    ...answers,
    await page.evaluate(() => {
      const html: string[] = [document.documentElement.outerHTML];
      const walk = (root: Document | ShadowRoot) =>
        root.querySelectorAll('*').forEach((el) => {
          if (el.shadowRoot) {
            html.push(el.shadowRoot.innerHTML);
            walk(el.shadowRoot);
          }
        });
      walk(document);
      return `${html.join('\n')}\n${JSON.stringify(localStorage)}\n${JSON.stringify(sessionStorage)}\n${document.cookie}`;
    }),
  ].join('\n');
  expect(seen.length).toBeGreaterThan(10_000);
  expect(seen).not.toContain(E2E_API_KEY);
  // Signed storage URLs stay on the server too: the page only ever sees its own /api/media URLs.
  expect(seen).not.toMatch(/X-Goog-Signature|\/storage\//);
});
