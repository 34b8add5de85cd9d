import { defineConfig } from 'tsup';
import { minifyTemplates } from './scripts/minify-templates.mjs';

// Unbundled ES modules, one per source file, so the per-component entries share code and
// `sideEffects` can name the define modules. Declarations come from tsc (see package.json).
export default defineConfig({
  entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.stories.ts'],
  format: ['esm'],
  bundle: false,
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // RC_MINIFY_TEMPLATES=0 builds without it, to measure what it saves.
  esbuildPlugins: process.env.RC_MINIFY_TEMPLATES === '0' ? [] : [minifyTemplates()],
});
