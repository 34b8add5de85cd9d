#!/usr/bin/env node
// `npm test`: every suite of the project, in order, then one line `N passed, N failed` summed
// over all of them. Exits non-zero if anything failed. SUITES=a,b runs only those suites.
import { spawn } from 'node:child_process';
import { existsSync, globSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

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
      return {
        passed: report.numPassedTests,
        failed: report.numFailedTests + failedFiles,
        failures: vitestFailures(report),
      };
    },
  },
  {
    name: 'elements (web-test-runner: Chromium, Firefox)',
    id: 'elements',
    command: 'npx',
    args: ['web-test-runner'],
    env: { WTR_COUNT_FILE: join(out, 'wtr.json') },
    count: () => JSON.parse(readFileSync(join(out, 'wtr.json'), 'utf8')),
    // Like Playwright's retries: the files with a failed test run once more, and a test that passes
    // then counts as passed and is listed as flaky in the summary.
    retry: async (first) => {
      if (!first.failedFiles?.length) return first;
      console.log(`\n=== elements: running ${first.failedFiles.length} file(s) with failures once more ===`);
      const file = join(out, 'wtr-retry.json');
      await run('npx', ['web-test-runner', ...first.failedFiles.map((f) => relative(root, f))], {
        WTR_COUNT_FILE: file,
      });
      let again;
      try {
        again = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return first;
      }
      const failingAgain = new Set(again.failures.map((f) => f.test));
      const still = first.failures.filter((f) => failingAgain.has(f.test));
      const flaky = first.failures.filter((f) => !failingAgain.has(f.test));
      return {
        passed: first.passed + flaky.length,
        failed: still.length,
        failures: still.map((f) => `${f.test}: ${f.message}`),
        flaky: flaky.map((f) => `${f.test}: ${f.message}`),
      };
    },
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
      return { passed: report.numPassedTests, failed: report.numFailedTests, failures: vitestFailures(report) };
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
      const report = JSON.parse(readFileSync(join(out, 'playwright.json'), 'utf8'));
      const { stats } = report;
      return {
        passed: stats.expected + (stats.flaky ?? 0),
        failed: stats.unexpected,
        failures: playwrightTests(report, 'unexpected'),
        flaky: playwrightTests(report, 'flaky'),
      };
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

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);

/** Names of failed tests (or files that did not run) in a vitest JSON report, for the summary. */
function vitestFailures(report) {
  return (report.testResults ?? []).flatMap((file) => {
    const name = file.name.replace(root, '');
    const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    if (tests.length === 0) return file.status === 'failed' ? [`${name}: ${firstLine(file.message)}`] : [];
    return tests.map((t) => `${name} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  });
}

/** Names of the tests Playwright reports as `unexpected` (failed every retry) or `flaky`, for the summary. */
function playwrightTests(report, status) {
  const failures = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== status) continue;
        const error = test.results?.at(-1)?.error?.message;
        failures.push(`${test.projectName} ${spec.file} › ${[...path, spec.title].join(' › ')}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, suite.file === child.file ? [...path, child.title] : path);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return failures;
}

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
const failures = [];
const flaky = [];
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
      if (code !== 0 && result.failed === 0)
        result.failed = 1; // the runner failed outside any test
      else if (result.failed > 0 && suite.retry) result = await suite.retry(result);
    } catch {
      result = { passed: 0, failed: 1 };
    }
  } else {
    result = code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  }
  passed += result.passed;
  failed += result.failed;
  for (const f of result.failures ?? [])
    failures.push(`${id}: ${typeof f === 'string' ? f : `${f.test}: ${f.message}`}`);
  for (const test of result.flaky ?? []) flaky.push(`${id}: ${test}`);
  if (result.failed > 0 && !result.failures?.length) failures.push(`${id}: failed (see its output above)`);
  lines.push(
    `${suite.name}: ${result.passed} passed, ${result.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
if (flaky.length > 0)
  console.log(`\nflaky (failed, then passed on a second run):\n${flaky.map((f) => `  ${f}`).join('\n')}`);
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
