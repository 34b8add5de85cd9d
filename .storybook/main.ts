import type { StorybookConfig } from '@storybook/web-components-vite';
import { sampleMediaDirs, storyDataPlugin } from './story-data-plugin.ts';

/** What the elements, the stories and the preview import from packages. */
const PREBUNDLED = [
  'lit',
  'lit/decorators.js',
  'lit/directives/class-map.js',
  'lit/directives/if-defined.js',
  'lit/directives/ref.js',
  'lit/directives/style-map.js',
  '@lit/context',
  '@lit/task',
  'ky',
  'zod',
  'zod/mini',
  'storybook/actions',
  'storybook/test',
];

const config: StorybookConfig = {
  stories: ['./introduction.mdx', '../packages/elements/src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The sample project's images, served as files (as the demo server serves them).
  staticDirs: sampleMediaDirs(),
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: async (viteConfig) => {
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['source', 'browser', 'module', 'import', 'default'] };
    viteConfig.plugins = [...(viteConfig.plugins ?? []), storyDataPlugin()];
    // Known up front, so a cold run does not find them midway and reload the page under a test.
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), ...PREBUNDLED],
    };
    return viteConfig;
  },
};

export default config;
