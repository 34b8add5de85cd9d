#!/usr/bin/env node
// `npm run bench`: every benchmark of the project in one report (bench/run-all.ts), printed as
// markdown and written to bench/results.md. The benchmarks are TypeScript, run from the sources
// through tsx, with --expose-gc for the memory figures. Sizes: see bench/run-all.ts (BENCH_* variables).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', 'bench/run-all.ts'], {
  cwd: root,
  stdio: 'inherit',
});
child.on('error', (error) => {
  console.error(`bench: could not start: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
