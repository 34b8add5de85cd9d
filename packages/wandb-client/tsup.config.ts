import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', local: 'src/local/index.ts' },
  format: ['esm'],
  dts: { compilerOptions: { customConditions: [] } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
});
