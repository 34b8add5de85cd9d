#!/usr/bin/env node
// `npm test`: every suite of the project, in order, then one line `N passed, N failed` summed
// over all of them. Exits non-zero if anything failed. SUITES=a,b runs only those suites.
import { spawn } from 'node:child_process';
import { existsSync, globSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.ci-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const only = process.env.SUITES?.split(',').filter(Boolean);

/** Suites: either `count(file)` reads test counts, or the command is one check (1 passed / 1 failed). */
const suites = [
  { name: 'typecheck', command: 'npm', args: ['run', 'typecheck', '--silent'] },
  { name: 'lint (ESLint, Prettier)', id: 'lint', command: 'npm', args: ['run', 'lint', '--silent'] },
  {
    name: 'node (vitest)',
    id: 'node',
    command: 'npx',
    args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'vitest.json')}`],
    count: () => {
      const report = JSON.parse(readFileSync(join(out, 'vitest.json'), 'utf8'));
      const failedFiles = (report.testResults ?? []).filter(
        (f) => f.status === 'failed' && f.assertionResults?.length === 0,
      ).length;
      return { passed: report.numPassedTests, failed: report.numFailedTests + failedFiles };
    },
  },
  {
    name: 'elements (web-test-runner: Chromium, Firefox)',
    id: 'elements',
    command: 'npx',
    args: ['web-test-runner'],
    env: { WTR_COUNT_FILE: join(out, 'wtr.json') },
    count: () => JSON.parse(readFileSync(join(out, 'wtr.json'), 'utf8')),
  },
  {
    name: 'stories (Storybook + vitest browser)',
    id: 'stories',
    when: () => globSync('packages/elements/src/**/*.stories.ts', { cwd: root }).length > 0,
    command: 'npx',
    args: [
      'vitest',
      'run',
      '--config',
      'vitest.storybook.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(out, 'stories.json')}`,
    ],
    count: () => {
      const report = JSON.parse(readFileSync(join(out, 'stories.json'), 'utf8'));
      return { passed: report.numPassedTests, failed: report.numFailedTests };
    },
  },
  {
    name: 'storybook build (static site in storybook-static/)',
    id: 'storybook-build',
    when: () => existsSync(join(root, '.storybook', 'main.ts')),
    command: 'npm',
    args: ['run', 'build-storybook', '--silent', '--', '--quiet'],
  },
  {
    name: 'end to end (Playwright: Chromium, Firefox)',
    id: 'e2e',
    when: () => existsSync(join(root, 'playwright.config.ts')),
    command: 'npx',
    args: ['playwright', 'test'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(out, 'playwright.json') },
    count: () => {
      const { stats } = JSON.parse(readFileSync(join(out, 'playwright.json'), 'utf8'));
      return { passed: stats.expected + (stats.flaky ?? 0), failed: stats.unexpected };
    },
  },
  {
    name: 'packages as published (npm pack, install elsewhere, Node, TypeScript, server bin, Chromium)',
    id: 'pack',
    build: true,
    command: 'node',
    args: ['scripts/pack-check.mjs', '--skip-build'],
  },
  {
    name: 'examples (vanilla page imports resolve, React page builds)',
    id: 'examples',
    build: true,
    command: 'sh',
    args: ['-c', 'node examples/vanilla/build.mjs && npm run build --silent -w @run-comparer/example-react'],
  },
  {
    name: 'size budgets (size-limit)',
    id: 'size',
    build: true,
    when: () => existsSync(join(root, '.size-limit.json')),
    command: 'npx',
    args: ['size-limit'],
  },
];

/** Suites marked `build` check the built packages: they are built once, before the first such suite. */
let built;
function buildPackages() {
  if (!built) {
    console.log('\n=== build (npm run build: wandb-client, elements, demo-server) ===');
    const workspaces = ['wandb-client', 'elements', 'demo-server'].flatMap((name) => ['-w', `packages/${name}`]);
    built = run('npm', ['run', 'build', '--silent', ...workspaces]);
  }
  return built;
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

let passed = 0;
let failed = 0;
const lines = [];
for (const suite of suites) {
  const id = suite.id ?? suite.name;
  if (only && !only.includes(id)) continue;
  if (suite.when && !suite.when()) continue;
  const buildFailed = suite.build && (await buildPackages()) !== 0;
  console.log(`\n=== ${suite.name} ===`);
  const started = Date.now();
  if (buildFailed) console.log('not run: the packages did not build (see above)');
  const code = buildFailed ? 1 : await run(suite.command, suite.args, suite.env);
  let result;
  if (suite.count) {
    try {
      result = suite.count();
      if (code !== 0 && result.failed === 0) result.failed = 1; // the runner failed outside any test
    } catch {
      result = { passed: 0, failed: 1 };
    }
  } else {
    result = code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  }
  passed += result.passed;
  failed += result.failed;
  lines.push(
    `${suite.name}: ${result.passed} passed, ${result.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
