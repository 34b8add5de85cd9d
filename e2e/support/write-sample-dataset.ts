/**
 * Writes the bundled sample project as a fake-wandb dataset directory (`dataset.json` and
 * `files/<runId>/<path>`, what `loadDatasetDir` and the fake's CLI read), unless it is already
 * there for the current generator. Run: node --conditions=source --import tsx write-sample-dataset.ts <dir>
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSampleDataset } from '@run-comparer/sample-project';
import { ROOT } from './env.js';

const target = process.argv[2];
if (!target) {
  console.error('usage: write-sample-dataset.ts <dir>');
  process.exit(2);
}

const generator = join(ROOT, 'testing', 'sample-project', 'src');
const stamp = String(Math.max(...readdirSync(generator).map((name) => statSync(join(generator, name)).mtimeMs)));
const stampFile = join(target, 'generator-stamp');

if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
  const dataset = buildSampleDataset();
  const staging = `${target}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const run of dataset.runs) {
    for (const [path, bytes] of Object.entries(run.files ?? {})) {
      const file = join(staging, 'files', run.id, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
  }
  const withoutFiles = { ...dataset, runs: dataset.runs.map(({ files: _files, ...run }) => run) };
  writeFileSync(join(staging, 'dataset.json'), JSON.stringify(withoutFiles));
  writeFileSync(join(staging, 'generator-stamp'), stamp);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.error(`e2e: wrote the sample project as a fake-wandb dataset in ${target}`);
}
