import type { StorybookConfig } from '@storybook/web-components-vite';
import { sampleMediaDirs, storyDataPlugin } from './story-data-plugin.ts';

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
    return viteConfig;
  },
};

export default config;
