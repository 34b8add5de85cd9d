import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', server: 'src/server.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { customConditions: [] } },
  sourcemap: true,
  // Keep dist/public: the page bundle is built by scripts/build-page.mjs.
  clean: ['!public/**'],
  target: 'es2023',
  platform: 'node',
  tsconfig: 'tsconfig.build.json',
  // Workspace packages and native modules stay imports: sharp ships binaries, the SDK its own build.
  external: ['sharp', 'express', 'zod', /^@run-comparer\//],
});
