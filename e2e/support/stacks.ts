import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeWandb } from '@run-comparer/fake-wandb';
import type { Dataset } from '@run-comparer/wandb-client';
import type { ServerProcess } from '../../packages/demo-server/test/fixtures/server-process.js';
import { E2E_API_KEY, SAMPLE, SAMPLE_DATASET_DIR } from './env.js';

/*
 * Servers a test owns, so it can break them: the real demo server process in cloud mode against
 * an in-process fake wandb whose faults the test controls, or in local mode over a folder the
 * test changes. Workspace packages are imported lazily: only test workers resolve their sources.
 */

export interface CloudStack {
  /** The demo server's page URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  fake: FakeWandb;
  server: ServerProcess;
  close(): Promise<void>;
}

export interface LocalStack {
  url: string;
  /** The `wandb/` folder the server reads; the test may change it. */
  dir: string;
  server: ServerProcess;
  close(): Promise<void>;
}

let sample: Promise<Dataset[]> | undefined;

/** The sample project as fake-wandb datasets (written by playwright.config.ts's fake-wandb web server). */
export function sampleDatasets(): Promise<Dataset[]> {
  sample ??= import('@run-comparer/fake-wandb').then(({ loadDatasetDir }) => loadDatasetDir(SAMPLE_DATASET_DIR));
  return sample;
}

async function startServer(cwd: string, args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const { startServerProcess } = await import('../../packages/demo-server/test/fixtures/server-process.js');
  return startServerProcess({ cwd, args, env });
}

/** The demo server in cloud mode, holding a fake key, against a fake wandb serving the sample project. */
export async function startCloudStack(options: { urlTtlSeconds?: number } = {}): Promise<CloudStack> {
  const { startFakeWandb } = await import('@run-comparer/fake-wandb');
  const fake = await startFakeWandb({
    datasets: await sampleDatasets(),
    apiKey: E2E_API_KEY,
    urlTtlSeconds: options.urlTtlSeconds,
  });
  const cwd = await mkdtemp(join(tmpdir(), 'rc-e2e-cloud-'));
  try {
    const server = await startServer(cwd, [], {
      WANDB_API_KEY: E2E_API_KEY,
      WANDB_BASE_URL: fake.url,
      WANDB_ENTITY: SAMPLE.entity,
      WANDB_PROJECT: SAMPLE.project,
    });
    return {
      url: server.url.replace(/\/$/, ''),
      fake,
      server,
      close: async () => {
        await server.stop();
        await fake.close();
        await rm(cwd, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await fake.close();
    await rm(cwd, { recursive: true, force: true });
    throw error;
  }
}

/** The demo server in local mode over a fresh copy of the sample project, written with the run writer. */
export async function startLocalStack(): Promise<LocalStack> {
  const { writeDataset } = await import('@run-comparer/wandb-client/local');
  const root = await mkdtemp(join(tmpdir(), 'rc-e2e-local-'));
  const dir = join(root, 'wandb');
  const [dataset] = await sampleDatasets();
  const crashed = dataset!.runs.filter((run) => run.state === 'crashed').map((run) => [run.id, { tornTail: true }]);
  writeDataset(dataset!, dir, { runs: Object.fromEntries(crashed) });
  try {
    const server = await startServer(root, ['--dir', dir], {});
    return {
      url: server.url.replace(/\/$/, ''),
      dir,
      server,
      close: async () => {
        await server.stop();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
