#!/usr/bin/env node
// `prepack` / `postpack` of the published packages (run by `npm pack` and `npm publish` in the
// package folder). The workspace resolves packages to their TypeScript through the `source`
// export condition; a published package has no src/, so a consumer whose tools set `source`
// would resolve to files that do not exist. prepack writes the manifest without `source`
// conditions, src/ side-effect globs and scripts; postpack puts the workspace manifest back.
// An interrupted pack leaves the backup, and the next prepack or postpack restores it first.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [command, dir = process.cwd()] = process.argv.slice(2);
const manifestPath = join(dir, 'package.json');
const backupPath = join(dir, 'package.json.workspace');

/** The manifest as it is published: no `source` conditions, no src/ globs, no scripts. */
export function publishedManifest(manifest) {
  const { scripts: _scripts, ...published } = manifest;
  published.exports = withoutSource(manifest.exports);
  if (Array.isArray(manifest.sideEffects)) {
    published.sideEffects = manifest.sideEffects.filter((glob) => !glob.startsWith('./src/'));
  }
  return published;
}

function withoutSource(exports) {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== 'source')
      .map(([key, value]) => [key, withoutSource(value)]),
  );
}

function restore() {
  if (existsSync(backupPath)) renameSync(backupPath, manifestPath);
}

if (command === 'prepack') {
  restore();
  const text = readFileSync(manifestPath, 'utf8');
  writeFileSync(backupPath, text);
  writeFileSync(manifestPath, `${JSON.stringify(publishedManifest(JSON.parse(text)), null, 2)}\n`);
} else if (command === 'postpack' || command === 'restore') {
  restore();
} else {
  console.error('usage: publish-manifest.mjs prepack|postpack [package folder]');
  process.exit(2);
}
