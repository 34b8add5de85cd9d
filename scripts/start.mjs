// `npm start`: build what is out of date (SDK, server, page bundle), then run the demo server.
// Arguments pass through: `npm start -- --dir ./wandb --port 7200`.
// It never ends in a stack trace: every failure is one line saying what to do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = (name) => join(root, 'packages', name);
const say = (line) => console.error(`start: ${line}`);
const stop = (line, code = 1) => {
  say(line);
  process.exit(code);
};

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  stop(
    `Run Comparer needs Node 22 or newer; this is Node ${process.versions.node}. Put a newer Node first on PATH (see docs/CONTRIBUTING.md).`,
  );
}
if (!existsSync(join(root, 'node_modules', 'express')) || !existsSync(join(root, 'node_modules', '.bin', 'tsup'))) {
  stop('dependencies are not installed: run `npm install` at the repository root first.');
}

/** Newest modification time under the given files and folders (folders walked, node_modules and dist skipped). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const info = statSync(path);
    if (!info.isDirectory()) return void (latest = Math.max(latest, info.mtimeMs));
    for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
  };
  paths.forEach(visit);
  return latest;
}

/** Oldest modification time of the outputs, or 0 when one is missing. */
function oldest(paths) {
  let earliest = Infinity;
  for (const path of paths) {
    if (!existsSync(path)) return 0;
    earliest = Math.min(earliest, statSync(path).mtimeMs);
  }
  return earliest;
}

function run(label, command, args, cwd) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status === 0) {
    say(`${label} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return true;
  }
  const output =
    `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error.message) : ''}`.trim();
  say(
    `${label} did not build:\n${output
      .split('\n')
      .slice(-12)
      .map((l) => `  ${l}`)
      .join('\n')}`,
  );
  return false;
}

const tsup = join(root, 'node_modules', '.bin', 'tsup');
const steps = [
  {
    label: '@run-comparer/wandb-client',
    inputs: [
      join(pkg('wandb-client'), 'src'),
      join(pkg('wandb-client'), 'package.json'),
      join(pkg('wandb-client'), 'tsup.config.ts'),
    ],
    outputs: [join(pkg('wandb-client'), 'dist', 'index.js'), join(pkg('wandb-client'), 'dist', 'local', 'index.js')],
    // Type declarations are for publishing; the server needs only the JavaScript.
    build: () => run('@run-comparer/wandb-client', tsup, ['--no-dts'], pkg('wandb-client')),
    required: true,
  },
  {
    label: '@run-comparer/demo-server',
    inputs: [
      join(pkg('demo-server'), 'src'),
      join(pkg('demo-server'), 'package.json'),
      join(pkg('demo-server'), 'tsup.config.ts'),
    ],
    outputs: [join(pkg('demo-server'), 'dist', 'server.js')],
    build: () => run('@run-comparer/demo-server', tsup, ['--no-dts'], pkg('demo-server')),
    required: true,
  },
  {
    label: 'the demo page (bundled from @run-comparer/elements)',
    inputs: [
      join(pkg('elements'), 'src'),
      join(pkg('elements'), 'package.json'),
      join(pkg('wandb-client'), 'src'),
      join(pkg('demo-server'), 'scripts', 'build-page.mjs'),
    ],
    outputs: [join(pkg('demo-server'), 'dist', 'public', 'app.js')],
    build: () =>
      run(
        'the demo page',
        process.execPath,
        [join(pkg('demo-server'), 'scripts', 'build-page.mjs')],
        pkg('demo-server'),
      ),
    required: false,
  },
];

let fromSources = false;
for (const step of steps) {
  if (newest(step.inputs) <= oldest(step.outputs)) continue;
  if (step.build()) continue;
  if (step.required) fromSources = true;
  else say('the page will say the UI is not built yet; the JSON API works.');
}

const args = process.argv.slice(2);
const serverArgs = fromSources
  ? ['--conditions=source', '--import', 'tsx', join(pkg('demo-server'), 'src', 'server.ts'), ...args]
  : [join(pkg('demo-server'), 'dist', 'server.js'), ...args];
if (fromSources) say('starting from the TypeScript sources instead (through tsx).');
else say(`starting ${relative(root, serverArgs[0])}`);

const child = spawn(process.execPath, serverArgs, { cwd: process.cwd(), stdio: 'inherit' });
child.on('error', (error) => stop(`could not start the server: ${error.message}`));
// Ctrl-C reaches the server too (same process group); wait for it to stop cleanly, and pass on SIGTERM.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
