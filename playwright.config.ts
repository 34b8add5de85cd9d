import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { playwrightLaunchOptions } from '@run-comparer/browsers';
import { E2E_API_KEY, e2eEnv, SAMPLE_DATASET_DIR } from './e2e/support/env.js';

/**
 * End to end: the demo server as `npm start` runs it (the bundled sample project), and in cloud
 * mode against the fake wandb GraphQL server seeded with the same project, in Debian's Chromium
 * and Firefox ESR (see docs: toolchain.md §4). Fault and local-file tests start their own servers.
 */

/** A free loopback port, found once in the runner process; workers inherit it through the environment. */
function freePort(): string {
  const script =
    "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}
for (const name of ['E2E_SAMPLE_PORT', 'E2E_FAKE_WANDB_PORT', 'E2E_CLOUD_PORT'] as const) {
  process.env[name] ||= freePort();
}
// Test workers import workspace packages (fake wandb, the run writer) from their TypeScript sources.
if (!(process.env.NODE_OPTIONS ?? '').includes('--conditions=source')) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=source`.trim();
}
const { sampleUrl, fakeWandbUrl, cloudUrl } = e2eEnv();

/** Nothing from the developer's shell or `.env` changes what the servers serve; servers run built JavaScript. */
const serverEnv = {
  NODE_OPTIONS: '',
  WANDB_API_KEY: '',
  WANDB_BASE_URL: '',
  WANDB_DIR: '',
  WANDB_ENTITY: '',
  WANDB_PROJECT: '',
  DEMO_TOKEN: '',
  CORS_ORIGINS: '',
};
const tsx = 'node --conditions=source --import tsx';

const firefox = playwrightLaunchOptions('firefox');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: sampleUrl,
    viewport: { width: 1400, height: 900 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  webServer: [
    {
      // `npm start` as a user runs it: builds what is out of date, then serves the sample project.
      command: `node scripts/start.mjs --port ${process.env.E2E_SAMPLE_PORT}`,
      url: `${sampleUrl}/api/health`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The fake wandb GraphQL server (its CLI), seeded with the sample project's runs.
      command: `${tsx} e2e/support/write-sample-dataset.ts ${SAMPLE_DATASET_DIR} && ${tsx} testing/fake-wandb/src/cli.ts --data ${SAMPLE_DATASET_DIR} --port ${process.env.E2E_FAKE_WANDB_PORT} --api-key ${E2E_API_KEY}`,
      url: `${fakeWandbUrl}/files/health-probe`,
      env: { NODE_OPTIONS: '' },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The built demo server in cloud mode, holding a (fake) API key the browser never sees.
      command: `node ${join('packages', 'demo-server', 'dist', 'server.js')} --port ${process.env.E2E_CLOUD_PORT}`,
      url: `${cloudUrl}/api/health`,
      env: {
        ...serverEnv,
        WANDB_API_KEY: E2E_API_KEY,
        WANDB_BASE_URL: fakeWandbUrl,
        WANDB_ENTITY: 'run-comparer',
        WANDB_PROJECT: 'pixelforge-lora-sweep',
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
  projects: [
    {
      name: 'chromium',
      use: { browserName: 'chromium', launchOptions: playwrightLaunchOptions('chromium') },
    },
    {
      name: 'firefox',
      use: {
        browserName: 'firefox',
        channel: firefox.channel,
        launchOptions: firefox,
      },
      // Server-side fault and file scenarios run once, in Chromium (see SERVER_SIDE in e2e/support/fixtures.ts).
      grepInvert: /@server-side/,
    },
  ],
});
