import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Dataset } from '@run-comparer/wandb-client';

/**
 * Load datasets from disk. A dataset directory holds `dataset.json` (a {@link Dataset} without
 * `files`) and the run files under `files/<runId>/<path>`. The directory given may be one dataset
 * directory or a folder of them.
 */
export async function loadDatasetDir(dir: string): Promise<Dataset[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'dataset.json')) return [await loadOne(dir)];
  const nested = await Promise.all(
    entries.filter((e) => e.isDirectory()).map((e) => loadDatasetDir(join(dir, e.name))),
  );
  const datasets = nested.flat();
  if (datasets.length === 0) throw new Error(`No dataset.json found in ${dir} or its subfolders.`);
  return datasets;
}

async function loadOne(dir: string): Promise<Dataset> {
  const dataset = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8')) as Dataset;
  for (const run of dataset.runs) {
    run.files = { ...run.files };
    const root = join(dir, 'files', run.id);
    for (const path of await listFiles(root)) {
      run.files[relative(root, path).split(sep).join('/')] = new Uint8Array(await readFile(path));
    }
  }
  return dataset;
}

async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}
