import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher } from '@web/test-runner-chrome';
import * as puppeteerCore from 'puppeteer-core';
import { defaultReporter } from '@web/test-runner';
import { playwrightLaunchOptions, puppeteerLaunchOptions } from '@run-comparer/browsers';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { viewportScreenshotPlugin } from './scripts/wtr-screenshot-plugin.mjs';
import { thumbnailServerPlugin } from './scripts/wtr-thumbnail-server-plugin.mjs';

// WTR_BROWSERS=chromium or =firefox runs one browser; both by default.
const wanted = (process.env.WTR_BROWSERS ?? 'chromium,firefox').split(',');
const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(playwrightLauncher({ product: 'chromium', launchOptions: playwrightLaunchOptions('chromium') }));
}
if (wanted.includes('firefox')) {
  // Debian's Firefox ESR over WebDriver BiDi (Playwright's own Firefox build cannot be downloaded here).
  browsers.push(chromeLauncher({ puppeteer: puppeteerCore, launchOptions: puppeteerLaunchOptions('firefox') }));
}

export default {
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' }),
    viewportScreenshotPlugin(),
    thumbnailServerPlugin(),
  ],
  browsers,
  reporters: [defaultReporter(), ...(process.env.WTR_COUNT_FILE ? [countReporter(process.env.WTR_COUNT_FILE)] : [])],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
