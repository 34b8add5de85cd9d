import { defineConfig } from 'tsup';
import { minifyCssTemplates } from './scripts/minify-css-templates.mjs';

// Unbundled ES modules, one per source file, so the per-component entries share code and
// `sideEffects` can name the define modules. Declarations come from tsc (see package.json).
export default defineConfig({
  entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.stories.ts', '!src/internal/testing/**'],
  format: ['esm'],
  bundle: false,
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  // RC_MINIFY_CSS=0 builds without it, to measure what it saves.
  esbuildPlugins: process.env.RC_MINIFY_CSS === '0' ? [] : [minifyCssTemplates()],
});
