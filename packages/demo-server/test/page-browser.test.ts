import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { puppeteerLaunchOptions } from '@run-comparer/browsers';
import { createMemorySource } from '@run-comparer/wandb-client';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/logger.js';
import { defaultPagePaths } from '../src/page/paths.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { listen, type Listening } from './fixtures/listen.js';

const BUILD_PAGE = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts', 'build-page.mjs');

const BROWSERS = {
  chromium: () => puppeteer.launch(puppeteerLaunchOptions('chromium')),
  firefox: () => puppeteer.launch(puppeteerLaunchOptions('firefox')),
};

let bundleDir: string;
let server: Listening;

beforeAll(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), 'rc-page-'));
  await promisify(execFile)(process.execPath, [BUILD_PAGE, join(bundleDir, 'app.js')]);
  const dataset = await imageDataset({ runs: 3, lastStep: 20, every: 10, gridSize: 2, size: 160 });
  const app = createApp({
    source: createMemorySource(dataset),
    defaults: { entity: dataset.entity, project: dataset.project },
    logger: silentLogger,
    options: { sourceDescription: 'a generated project', page: { ...defaultPagePaths(), bundleDir } },
  });
  server = await listen(app);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(bundleDir, { recursive: true, force: true });
});

describe.each(Object.keys(BROWSERS) as (keyof typeof BROWSERS)[])('the demo page in %s', (name) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await BROWSERS[name]();
  }, 60_000);
  afterAll(() => browser?.close());

  it('shows thumbnails from the API under its CSP, without errors', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${(error as Error).message}`));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP blocked ${event.violatedDirective}: ${event.blockedURI}`),
      );
    });
    await page.goto(`http://127.0.0.1:${server.port}/`, { waitUntil: 'load' });
    await page.waitForFunction(
      () => {
        const images: HTMLImageElement[] = [];
        const collect = (root: Document | ShadowRoot) => {
          root.querySelectorAll('img').forEach((img) => images.push(img));
          root.querySelectorAll('*').forEach((el) => el.shadowRoot && collect(el.shadowRoot));
        };
        collect(document);
        return images.some(
          (img) => img.complete && img.naturalWidth > 0 && img.src.includes('/api/media/') && img.src.includes('w='),
        );
      },
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => customElements.get('run-comparer') !== undefined)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
