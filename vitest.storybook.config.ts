import { defineConfig } from 'vitest/config';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { playwrightLaunchOptions } from '@run-comparer/browsers';

// Every story is rendered and its play function run as a test, in Chromium and Firefox.
export default defineConfig({
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  test: {
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: playwrightLaunchOptions('chromium') }),
            instances: [
              { browser: 'chromium' },
              { browser: 'firefox', provider: playwright({ launchOptions: playwrightLaunchOptions('firefox') }) },
            ],
          },
        },
      },
    ],
  },
});
