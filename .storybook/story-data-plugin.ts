import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';

/**
 * What stories need from Node, as virtual modules (nothing is written to disk):
 * - `virtual:run-comparer/sample-project`: the committed sample project as a Dataset (read from
 *   its .wandb files) and the URL its images are served from (`staticDirs`, see main.ts);
 * - `virtual:run-comparer/custom-elements`: the Custom Elements Manifest, built from the
 *   components' JSDoc by the package's own generator (packages/elements/scripts/manifest.mjs).
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE_DIR = join(root, 'packages', 'demo-server', 'sample', 'wandb');
/** Served under this path, one folder per run id: `/sample-project/<run id>/media/images/...`. */
const MEDIA_ROUTE = 'sample-project';
const SAMPLE_MODULE = 'virtual:run-comparer/sample-project';
const MANIFEST_MODULE = 'virtual:run-comparer/custom-elements';

/** `staticDirs` entries: each sample run's files folder at `/sample-project/<run id>`. */
export function sampleMediaDirs(): Array<{ from: string; to: string }> {
  if (!existsSync(SAMPLE_DIR)) throw new Error(missingSample('the folder does not exist'));
  return readdirSync(SAMPLE_DIR, { withFileTypes: true }).flatMap((entry) => {
    const runId = /^(?:offline-)?run-\d{8}_\d{6}-(.+)$/.exec(entry.name)?.[1];
    const files = join(SAMPLE_DIR, entry.name, 'files');
    return entry.isDirectory() && runId && existsSync(files) ? [{ from: files, to: `/${MEDIA_ROUTE}/${runId}` }] : [];
  });
}

function missingSample(reason: string): string {
  return (
    `Storybook reads the sample project from ${SAMPLE_DIR}, but ${reason}. ` +
    'Regenerate it with `npm run generate -w @run-comparer/sample-project`.'
  );
}

async function readSampleDataset(): Promise<string> {
  const script = join(root, '.storybook', 'read-sample-project.ts');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', script, SAMPLE_DIR],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(missingSample(`reading it failed:\n${stderr || message}`));
  }
}

async function buildManifestModule(): Promise<string> {
  const generator = join(root, 'packages', 'elements', 'scripts', 'manifest.mjs');
  const { buildManifest } = (await import(generator)) as { buildManifest: () => unknown };
  return JSON.stringify(buildManifest());
}

export function storyDataPlugin(): Plugin {
  let dataset: Promise<string> | undefined;
  return {
    name: 'run-comparer:story-data',
    enforce: 'pre',
    resolveId(id) {
      return id === SAMPLE_MODULE || id === MANIFEST_MODULE ? `\0${id}` : null;
    },
    async load(id) {
      if (id === `\0${SAMPLE_MODULE}`) {
        dataset ??= readSampleDataset();
        return [
          `export const dataset = ${await dataset};`,
          // Relative to the page in a static build (base './'), from the root in dev and tests.
          `export const mediaBaseUrl = new URL(import.meta.env.BASE_URL + ${JSON.stringify(MEDIA_ROUTE)}, document.baseURI).href;`,
        ].join('\n');
      }
      if (id === `\0${MANIFEST_MODULE}`) return `export default ${await buildManifestModule()};\n`;
      return null;
    },
    // An element's JSDoc changed in `storybook dev`: rebuild the manifest with it.
    handleHotUpdate({ file, server, modules }) {
      if (process.env.VITEST || !/\/packages\/elements\/src\/.*(?<!\.stories|\.test)\.ts$/.test(file)) return;
      const manifest = server.moduleGraph.getModuleById(`\0${MANIFEST_MODULE}`);
      if (!manifest) return;
      server.moduleGraph.invalidateModule(manifest);
      return [...modules, manifest];
    },
  };
}
