import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The key the cloud-mode servers hold: fake, but it must never reach a page, a response or a log line. */
export const E2E_API_KEY = 'e2e-fake-wandb-key-3f9c2a71d8b64e05';

/** The sample project as a fake-wandb dataset directory (`dataset.json` + `files/`), generated once. */
export const SAMPLE_DATASET_DIR = join(ROOT, '.tmp', 'e2e', 'sample-dataset');

/** The bundled sample project, as `npm start` serves it. */
export const SAMPLE = { entity: 'run-comparer', project: 'pixelforge-lora-sweep' } as const;

/** The servers playwright.config.ts starts; their ports are chosen by the runner and inherited by workers. */
export function e2eEnv() {
  const url = (name: string) => {
    const port = process.env[name];
    if (!port) throw new Error(`${name} is not set: run the end-to-end tests through playwright.config.ts.`);
    return `http://127.0.0.1:${port}`;
  };
  return {
    sampleUrl: url('E2E_SAMPLE_PORT'),
    fakeWandbUrl: url('E2E_FAKE_WANDB_PORT'),
    cloudUrl: url('E2E_CLOUD_PORT'),
  };
}
