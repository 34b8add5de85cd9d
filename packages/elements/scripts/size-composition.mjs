#!/usr/bin/env node
// Where the bytes of the built elements bundle go: bundles dist/define.js (after `npm run build`)
// as the size budget does (minified; lit, @lit/* and the SDK left out) and lists each module's
// minified bytes (esbuild metafile `bytesInOutput`), then the totals per folder.
//
//   node scripts/size-composition.mjs [entry, default dist/define.js] [--all]
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const entry = join(root, args.find((a) => !a.startsWith('--')) ?? 'dist/define.js');
const external = ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*'];

const result = await build({
  absWorkingDir: root,
  entryPoints: [entry],
  bundle: true,
  splitting: true,
  outdir: join(root, '.size-composition'),
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'silent',
  external: [...external, '@run-comparer/wandb-client', '@run-comparer/wandb-client/*'],
});

const dist = join(root, 'dist');
const byModule = new Map();
for (const file of result.outputFiles) {
  const output = result.metafile.outputs[relative(root, file.path)] ?? {};
  const kind = output.entryPoint ? 'entry' : 'chunk';
  console.log(
    `${kind} ${relative(root, file.path)}: ${file.contents.length} B, ${gzipSync(file.contents).length} B gzip`,
  );
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs ?? {})) {
    const name = relative(dist, join(root, input));
    byModule.set(name, (byModule.get(name) ?? 0) + bytesInOutput);
  }
}

const rows = [...byModule].sort((a, b) => b[1] - a[1]);
if (args.includes('--all')) for (const [name, bytes] of rows) console.log(String(bytes).padStart(7), name);
const byFolder = new Map();
for (const [name, bytes] of rows) byFolder.set(name.split('/')[0], (byFolder.get(name.split('/')[0]) ?? 0) + bytes);
console.log(
  [...byFolder]
    .sort((a, b) => b[1] - a[1])
    .map(([folder, bytes]) => `${folder} ${bytes}`)
    .join(' · '),
);
