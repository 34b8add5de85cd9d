#!/usr/bin/env node
// Builds examples/vanilla/index.html against this repository's packages: bundles its module script
// with esbuild (which fails on any import that does not resolve, or a name a package does not
// export) and writes dist/index.html that loads the bundle instead of the CDN import map.
// `--serve [PORT]` then serves dist/ (default port 8080) for a demo server to answer.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const html = readFileSync(join(here, 'index.html'), 'utf8');

const moduleScript = /<script type="module">([\s\S]*?)<\/script>/.exec(html);
if (!moduleScript) throw new Error('index.html has no inline <script type="module">.');

const started = performance.now();
const result = await build({
  stdin: { contents: moduleScript[1], resolveDir: here, sourcefile: 'index.html (module script)', loader: 'js' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  metafile: true,
  outfile: join(out, 'app.js'),
  logLevel: 'error',
});
const page = html
  .replace(/\s*<!-- The published package[^>]*-->\s*<script type="importmap">[\s\S]*?<\/script>/, '')
  .replace(moduleScript[0], '<script type="module" src="./app.js"></script>');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'index.html'), page);
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(
  `examples/vanilla: imports resolve; dist/app.js ${(bytes / 1024).toFixed(0)} KiB in ${Math.round(performance.now() - started)} ms`,
);

const serveAt = process.argv.indexOf('--serve');
if (serveAt !== -1) {
  const port = Number(process.argv[serveAt + 1] ?? 8080) || 8080;
  const types = { html: 'text/html', js: 'text/javascript' };
  createServer((req, res) => {
    const name = req.url === '/' || req.url.startsWith('/?') ? 'index.html' : req.url.slice(1).split('?')[0];
    if (!['index.html', 'app.js'].includes(name)) return void res.writeHead(404).end('Not found');
    res.writeHead(200, { 'content-type': types[name.split('.').pop()] });
    res.end(readFileSync(join(out, name)));
  }).listen(port, '127.0.0.1', () => {
    console.log(`open http://127.0.0.1:${port}/ with a demo server started as:`);
    console.log(`  CORS_ORIGINS=http://127.0.0.1:${port} npx run-comparer-demo-server`);
  });
}
