import { defineConfig } from 'tsup';

// Unbundled ES modules, one per source file: with `sideEffects: false`, any bundler then drops
// the modules an app does not use (an esbuild bundle of the root entry's `createHttpSource` leaves
// out the cloud client and full zod). Entries: `index`, `http/entry` (browser-light) and
// `local/index` (Node-only). Declarations come from tsc (see package.json).
export default defineConfig({
  entry: ['src/**/*.ts'],
  format: ['esm'],
  bundle: false,
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
});
