import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { ComparerPage } from './comparer.js';

/**
 * Scenarios whose behaviour lives in the server (retries, caches, file reading): they run in
 * Chromium only, since the page shows their outcome the same way in both browsers (the Firefox
 * project leaves them out; see playwright.config.ts).
 */
export const SERVER_SIDE = { tag: '@server-side' };

export interface GuardOptions {
  /** Console errors a test provokes on purpose (e.g. a failed load while wandb is down). */
  allowedConsoleErrors: RegExp[];
}

interface Fixtures {
  comparer: ComparerPage;
  /** What the page reported while the test ran: console errors, uncaught errors, CSP violations. */
  problems: string[];
  /** Requests that left loopback (the page must talk only to its own server). */
  externalRequests: string[];
  /** A comparer in a browser that prefers a dark colour scheme. */
  darkComparer: ComparerPage;
}

/** Collect what a page reports: console errors (unless allowed), uncaught exceptions, CSP violations. */
export async function watchProblems(page: Page, allowed: RegExp[] = []): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`),
    );
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!allowed.some((pattern) => pattern.test(text))) problems.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** Collect requests that leave loopback. */
export function watchExternalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) external.push(request.url());
  });
  return external;
}

/**
 * The page under watch: every console error, uncaught exception and Content-Security-Policy
 * violation fails the test (unless allowed), as does a request to anything but loopback or a
 * cookie left in the browser (the page needs no wandb login and no cookies).
 */
export const test = base.extend<Fixtures & GuardOptions>({
  allowedConsoleErrors: [[], { option: true }],

  problems: [
    async ({ page, allowedConsoleErrors }, use) => {
      const problems = await watchProblems(page, allowedConsoleErrors);
      await use(problems);
      expect(problems, 'the page reported no errors').toEqual([]);
    },
    { auto: true },
  ],

  externalRequests: [
    async ({ page, context }, use) => {
      const external = watchExternalRequests(page);
      await use(external);
      expect(external, 'the page talked only to its own server').toEqual([]);
      expect(await context.cookies(), 'the page set no cookies').toEqual([]);
    },
    { auto: true },
  ],

  comparer: async ({ page }, use) => {
    await use(new ComparerPage(page));
  },

  darkComparer: async ({ browser, browserName, playwright, baseURL }, use, testInfo) => {
    // Playwright emulates media in Chromium; over WebDriver BiDi (Firefox) it cannot, so Firefox
    // is started with its own preference for dark content instead.
    let darkBrowser: Browser | null = null;
    if (browserName === 'firefox') {
      darkBrowser = await playwright.firefox.launch({
        ...testInfo.project.use.launchOptions,
        channel: testInfo.project.use.channel,
        firefoxUserPrefs: { 'layout.css.prefers-color-scheme.content-override': 0 },
      });
    }
    const context = await (darkBrowser ?? browser).newContext({
      baseURL,
      viewport: testInfo.project.use.viewport ?? { width: 1400, height: 900 },
      colorScheme: 'dark',
    });
    const page = await context.newPage();
    const problems = await watchProblems(page);
    const external = watchExternalRequests(page);
    await use(new ComparerPage(page));
    expect(problems, 'the page reported no errors').toEqual([]);
    expect(external, 'the page talked only to its own server').toEqual([]);
    await context.close();
    await darkBrowser?.close();
  },
});

export { expect };
