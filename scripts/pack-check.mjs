#!/usr/bin/env node
// The `pack` suite: are the three packages, as npm would publish them, usable by someone else?
// Builds them, packs them with `npm pack` (which strips the workspace-only `source` condition,
// see scripts/publish-manifest.mjs), checks each tarball's manifest against its files, installs
// the tarballs into a temporary project outside the workspace, and there: uses the SDK in Node,
// type-checks a consumer, starts the server's bin, and renders elements (plain and through the
// React wrappers) in headless Chromium against that server. Exits 1 on the first failure.
//
//   node scripts/pack-check.mjs [--skip-build] [--keep]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { playwrightLaunchOptions } from '@run-comparer/browsers';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const packages = ['wandb-client', 'elements', 'demo-server'];
const started = Date.now();
const cleanups = [];
const work = mkdtempSync(join(tmpdir(), 'run-comparer-pack-'));
const app = join(work, 'app');

const elapsed = (from) => `${((Date.now() - from) / 1000).toFixed(1)} s`;

async function step(label, action) {
  const from = Date.now();
  try {
    const note = await action();
    console.log(`pack: ok   ${label}${note ? ` (${note})` : ''} [${elapsed(from)}]`);
  } catch (error) {
    console.error(`pack: FAIL ${label}\n${String(error?.stack ?? error)}`);
    await cleanup();
    process.exit(1);
  }
}

async function cleanup() {
  for (const undo of cleanups.reverse()) await undo().catch(() => {});
  for (const name of packages)
    await run('node', ['scripts/publish-manifest.mjs', 'restore', `packages/${name}`]).catch(() => {});
  if (!args.has('--keep')) rmSync(work, { recursive: true, force: true });
}

/** Runs a command; resolves with its stdout, rejects with its output when it fails. */
function run(command, commandArgs, { cwd = root, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${command} ${commandArgs.join(' ')} exited ${code}\n${stdout}${stderr}`.trim())),
    );
  });
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Files only tests and stories use: test and story modules (with their declarations and source
 * maps) and the folders of their helpers. None may be published.
 */
const TEST_ONLY =
  /(^|\/)(test|tests|__tests__|test-support|stories-support|testing|stories)\/|\.(test|spec|stories)\.(d\.)?[cm]?[jt]sx?(\.map)?$/;

/** Every file an `exports` map points at, with the conditions that lead there. */
function exportTargets(exports, path = []) {
  if (typeof exports === 'string') return [{ path: path.join(' > '), target: exports }];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) => exportTargets(value, [...path, key]));
}

// ---- build and pack ----------------------------------------------------------------------------

if (!args.has('--skip-build')) {
  await step('build the packages', async () => {
    await run('npm', ['run', 'build', ...packages.flatMap((p) => ['-w', `packages/${p}`])]);
  });
}

await step('elements: README reference and React wrappers match the Custom Elements Manifest', () =>
  run('node', ['packages/elements/scripts/manifest.mjs', '--check']).then(() => ''),
);

const tarballs = {};
for (const name of packages) {
  await step(`npm pack packages/${name}`, async () => {
    const out = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(root, 'packages', name) });
    const [info] = JSON.parse(out.slice(out.indexOf('[')));
    tarballs[name] = join(work, info.filename);
    const files = new Set(info.files.map((f) => f.path));
    const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
    assert(![...files].some((f) => f.startsWith('src/')), 'the tarball holds src/');
    const testOnly = [...files].filter((f) => TEST_ONLY.test(f));
    assert(
      testOnly.length === 0,
      `the tarball holds ${testOnly.length} test, story or test-support files, first ${testOnly.slice(0, 5).join(', ')}: ` +
        `keep them out of the build (tsup.config.ts, tsconfig.build.json) and out of "files" in packages/${name}/package.json`,
    );
    for (const required of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
      assert(files.has(required), `the tarball lacks ${required}`);
    }
    const packed = JSON.parse(await run('tar', ['-xOzf', tarballs[name], 'package/package.json']));
    assert(
      !JSON.stringify(packed.exports).includes('"source"'),
      'the packed package.json still has a "source" condition',
    );
    assert(!packed.scripts, 'the packed package.json still has scripts');
    for (const { path, target } of exportTargets(packed.exports)) {
      assert(files.has(target.replace(/^\.\//, '')), `exports ${path} -> ${target}, which is not in the tarball`);
    }
    for (const bin of Object.values(packed.bin ?? {}))
      assert(files.has(bin.replace(/^\.\//, '')), `bin ${bin} is missing`);
    const entries = Object.keys(packed.exports).filter((k) => k !== './package.json');
    assert(
      JSON.stringify(manifest.exports).includes('"source"') || name === 'demo-server',
      'the workspace package.json lost its "source" conditions (postpack did not restore it)',
    );
    return `${info.files.length} files, ${(info.size / 1024).toFixed(0)} KiB packed; exports ${entries.join(' ')}`;
  });
}

// ---- install into a project outside the workspace ----------------------------------------------

await step('install the tarballs into a temporary project', async () => {
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
  );
  const rootManifest = JSON.parse(readFileSync(join(root, 'examples', 'react', 'package.json'), 'utf8'));
  const react = ['react', 'react-dom', '@types/react'].map(
    (n) => `${n}@${rootManifest.dependencies[n] ?? rootManifest.devDependencies[n]}`,
  );
  await run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...Object.values(tarballs),
      ...react,
    ],
    { cwd: app },
  );
  return app;
});

// ---- Node ------------------------------------------------------------------------------------

const nodeCheck = `
import assert from 'node:assert/strict';
import { createMemorySource, isWandbError, NotFoundError } from '@run-comparer/wandb-client';
import { createHttpSource } from '@run-comparer/wandb-client/http';
import { openLocalRuns } from '@run-comparer/wandb-client/local';
import { createApp } from '@run-comparer/demo-server';

const image = { _type: 'image-file', path: 'media/images/samples_0_ab.png', width: 8, height: 8, format: 'png', sha256: 'ab' };
const source = createMemorySource({
  entity: 'acme', project: 'sdxl',
  runs: [{ id: 'r1', displayName: 'first', state: 'finished', createdAt: '2026-01-01T00:00:00Z', history: [{ _step: 0, samples: image }] }],
});
const { runs } = await source.list({ entity: 'acme', project: 'sdxl' });
assert.deepEqual(runs.map((r) => r.displayName), ['first']);
assert.deepEqual(await source.keys({ entity: 'acme', project: 'sdxl', runId: 'r1' }), ['samples']);
const missing = await source.get({ entity: 'acme', project: 'sdxl', runId: 'nope' }).catch((e) => e);
assert.ok(isWandbError(missing) && missing instanceof NotFoundError, 'a missing run is a NotFoundError');

const local = openLocalRuns({ dir: new URL('./node_modules/@run-comparer/demo-server/sample/wandb', import.meta.url).pathname });
const [project] = await local.projects();
const page = await local.list(project);
assert.ok(page.runs.length > 0, 'the bundled sample has runs');
const keys = await local.keys({ ...project, runId: page.runs[0].id });
assert.ok(keys.length > 0, 'the sample runs log images');

assert.equal(typeof createApp, 'function');
assert.equal(typeof createHttpSource({ baseUrl: '/api' }).list, 'function');
console.log(JSON.stringify({ project, runs: page.runs.length, keys }));
`;

let sample;
await step('Node: SDK (memory source, ./local on the bundled sample, ./http) and createApp', async () => {
  writeFileSync(join(app, 'node-check.mjs'), nodeCheck);
  sample = JSON.parse((await run('node', ['node-check.mjs'], { cwd: app })).trim().split('\n').at(-1));
  return `${sample.project.entity}/${sample.project.project}: ${sample.runs} runs, keys ${sample.keys.join(', ')}`;
});

await step('Node: the same with --conditions=source (a consumer whose tools set it still gets dist)', () =>
  run('node', ['--conditions=source', 'node-check.mjs'], { cwd: app }).then(() => ''),
);

const typesCheck = `
import { createWandbClient, type RunSource, type Run } from '@run-comparer/wandb-client';
import { createHttpSource, NotFoundError } from '@run-comparer/wandb-client/http';
import { openLocalRuns, type LocalRunSource } from '@run-comparer/wandb-client/local';
import { createApp, type AppDeps } from '@run-comparer/demo-server';
import '@run-comparer/elements';
import '@run-comparer/elements/step-slider';
import { StepSlider, StepChangeEvent, type SelectedRun } from '@run-comparer/elements/classes';
import { StepSlider as StepSliderReact, type StepSliderProps } from '@run-comparer/elements/react';

const source: RunSource = createHttpSource({ baseUrl: '/api' });
const local: LocalRunSource = openLocalRuns({ dir: './wandb' });
const slider: StepSlider = document.createElement('step-slider');
const comparer: HTMLElement = document.createElement('run-comparer');
const picked: SelectedRun[] = [];
const props: StepSliderProps = { steps: [0, 100], onStepChange: (event: StepChangeEvent) => event.step };
document.addEventListener('step-change', (event) => event.cause satisfies string);
export { source, local, slider, comparer, picked, props, createWandbClient, createApp, StepSliderReact, NotFoundError };
export type { Run, AppDeps };
`;

await step('TypeScript: every entry resolves with types (moduleResolution bundler and nodenext)', async () => {
  writeFileSync(join(app, 'types-check.ts'), typesCheck);
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const resolution of ['bundler', 'nodenext']) {
    const compilerOptions = {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      target: 'es2022',
      lib: ['es2023', 'dom', 'dom.iterable'],
      module: resolution === 'bundler' ? 'esnext' : 'nodenext',
      moduleResolution: resolution,
      types: [],
    };
    const config = `tsconfig.${resolution}.json`;
    writeFileSync(join(app, config), JSON.stringify({ compilerOptions, files: ['types-check.ts'] }));
    await run('node', [tsc, '-p', config], { cwd: app });
  }
});

await step('bundler: ./classes registers nothing, ./step-slider brings only what the slider needs', async () => {
  const bundle = async (contents) => {
    const result = await build({
      stdin: { contents, resolveDir: app, loader: 'js' },
      absWorkingDir: app,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'error',
    });
    return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
  };
  const classes = await bundle("import { StepSlider } from '@run-comparer/elements/classes'; console.log(StepSlider);");
  assert(!classes.code.includes('customElements.define'), 'importing ./classes registered elements');
  const slider = await bundle("import '@run-comparer/elements/step-slider';");
  const elementsModules = slider.inputs.filter((i) => i.includes('@run-comparer/elements/dist/'));
  const foreign = elementsModules.filter((i) => /\/(image-pair|image-detail|run-comparer|run-picker)\//.test(i));
  assert(foreign.length === 0, `./step-slider pulled in ${foreign.join(', ')}`);
  assert(slider.code.includes('"step-slider"'), './step-slider did not register <step-slider>');
  return `./step-slider: ${elementsModules.length} modules of the package`;
});

// ---- the server's bin and the elements in Chromium -----------------------------------------------

const pageServer = createServer((req, res) => {
  const file = req.url === '/' ? 'index.html' : req.url.slice(1).split('?')[0];
  if (!['index.html', 'bundle.js'].includes(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'text/html' });
  res.end(readFileSync(join(app, 'web', file)));
});
await new Promise((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
cleanups.push(() => new Promise((resolve) => pageServer.close(resolve)));
const pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;

let api;
await step('bin: run-comparer-demo-server --port 0 answers GET /api/health and serves its page', async () => {
  const bin = join(app, 'node_modules', '.bin', 'run-comparer-demo-server');
  const env = { ...process.env, NODE_OPTIONS: '', CORS_ORIGINS: pageOrigin };
  for (const key of ['WANDB_API_KEY', 'WANDB_DIR', 'WANDB_ENTITY', 'WANDB_PROJECT', 'WANDB_BASE_URL', 'DEMO_TOKEN'])
    delete env[key];
  const server = spawn(bin, ['--port', '0'], { cwd: app, env });
  cleanups.push(async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve()));
  });
  const origin = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not say where it listens:\n${output}`)), 15_000);
    const read = (chunk) => {
      output += chunk;
      const match = /open\s+(http:\/\/[^/\s]+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    server.stderr.on('data', read);
    server.stdout.on('data', read);
    server.once('exit', (code) => reject(new Error(`the server exited ${code}:\n${output}`)));
  });
  const health = await (await fetch(`${origin}/api/health`)).json();
  assert(health.ok === true, `GET /api/health answered ${JSON.stringify(health)}`);
  const page = await fetch(`${origin}/`);
  assert(page.ok && (await page.text()).includes('<script'), `GET / answered ${page.status}`);
  api = `${origin}/api`;
  return `${origin}, ${health.source.description}`;
});

const browserEntry = `
import '@run-comparer/elements';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { StepSlider } from '@run-comparer/elements/react';

window.reactSteps = [];
createRoot(document.querySelector('#react')).render(
  createElement(StepSlider, {
    steps: [0, 100, 200],
    value: 0,
    onChange: () => window.reactSteps.push('change'),
    onStepChange: (event) => window.reactSteps.push(event.step),
  }),
);
`;

await step('browser: <run-comparer> and the React <StepSlider> from the tarballs, in Chromium', async () => {
  const web = join(app, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'entry.js'), browserEntry);
  await build({
    absWorkingDir: app,
    entryPoints: [join(web, 'entry.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: join(web, 'bundle.js'),
    logLevel: 'error',
  });
  const { project } = sample;
  writeFileSync(
    join(web, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>pack check</title><link rel="icon" href="data:,">
<run-comparer no-url api="${api}" entity="${project.entity}" project="${project.project}"></run-comparer>
<div id="react"></div>
<script type="module" src="/bundle.js"></script>`,
  );
  const browser = await chromium.launch(playwrightLaunchOptions('chromium'));
  cleanups.push(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  page.on(
    'response',
    (response) => response.status() >= 400 && problems.push(`${response.status()} for ${response.url()}`),
  );
  await page.goto(`${pageOrigin}/`);
  const rows = page.locator('run-comparer run-picker [part~="option"]');
  await rows.first().waitFor({ timeout: 15_000 });
  const runCount = await rows.count();
  assert(runCount === sample.runs, `<run-comparer> listed ${runCount} runs; the server has ${sample.runs}`);
  await page.locator('run-comparer image-compare [part~="image"]').first().waitFor({ timeout: 15_000 });

  const thumb = page.locator('#react step-slider [part="thumb"]');
  await thumb.waitFor({ timeout: 5_000 });
  await thumb.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => window.reactSteps.length >= 2, null, { timeout: 5_000 });
  const reactSteps = await page.evaluate(() => window.reactSteps);
  assert(
    JSON.stringify(reactSteps) === '["change",100]',
    `React onChange/onStepChange saw ${JSON.stringify(reactSteps)}`,
  );
  assert(problems.length === 0, problems.join('\n'));
  return `${runCount} runs listed, images shown; React onStepChange got step 100`;
});

await cleanup();
console.log(`pack: all checks passed in ${elapsed(started)}`);
