import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemorySource, type Dataset } from '@run-comparer/wandb-client';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/logger.js';
import { defaultPagePaths } from '../src/page/paths.js';
import { imageDataset } from './fixtures/image-dataset.js';

let dataset: Dataset;
let builtDir: string;
let emptyDir: string;

beforeAll(async () => {
  dataset = await imageDataset({ runs: 1, lastStep: 0, gridSize: 1, size: 32 });
  builtDir = await mkdtemp(join(tmpdir(), 'rc-bundle-'));
  await writeFile(join(builtDir, 'app.js'), 'console.log("ui");\n');
  emptyDir = await mkdtemp(join(tmpdir(), 'rc-nobundle-'));
});

const appWith = (bundleDir: string, defaults = { entity: 'demo-team', project: 'img-gen' }) =>
  createApp({
    source: createMemorySource(dataset),
    defaults,
    logger: silentLogger,
    options: { sourceDescription: 'the bundled sample project', page: { ...defaultPagePaths(), bundleDir } },
  });

describe('the demo page', () => {
  it('mounts the elements on the default project with the external UI script', async () => {
    const res = await request(appWith(builtDir)).get('/').expect(200);
    expect(res.text).toContain(
      '<wandb-source api="/api" entity="demo-team" project="img-gen"><run-comparer></run-comparer></wandb-source>',
    );
    expect(res.text).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(res.text).toContain('<link rel="stylesheet" href="/assets/page.css" />');
    expect(res.text).toContain('the bundled sample project');
    const script = await request(appWith(builtDir)).get('/assets/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    await request(appWith(builtDir)).get('/assets/page.css').expect(200).expect('content-type', /css/);
  });

  it('still loads, and says the UI is not built, when the bundle is missing', async () => {
    const res = await request(appWith(emptyDir)).get('/').expect(200);
    expect(res.text).toContain('The UI is not built yet');
    expect(res.text).not.toContain('<script');
    expect(res.text).not.toContain('<wandb-source');
  });

  it('escapes the project names it writes into the page', async () => {
    const res = await request(appWith(builtDir, { entity: 'a"><img src=x onerror=alert(1)>', project: 'p&q' }))
      .get('/')
      .expect(200);
    expect(res.text).toContain('entity="a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(res.text).toContain('project="p&amp;q"');
    expect(res.text).not.toContain('<img src=x');
  });

  it('says how to set a project when there is no default', async () => {
    const res = await request(appWith(builtDir, { entity: null, project: null } as never))
      .get('/')
      .expect(200);
    expect(res.text).toContain('No default project is set');
    expect(res.text).toContain('<wandb-source api="/api">');
  });

  it('does not serve files outside its asset folders', async () => {
    await request(appWith(builtDir)).get('/assets/../package.json').expect(404);
    await request(appWith(builtDir)).get('/assets/%2e%2e/package.json').expect(404);
  });
});
