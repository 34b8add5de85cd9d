import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWandb, type FakeWandb } from '@run-comparer/fake-wandb';
import type { Dataset } from '@run-comparer/wandb-client';
import { imageDataset } from './fixtures/image-dataset.js';
import { runServerProcess, startServerProcess, type ServerProcess } from './fixtures/server-process.js';

const API_KEY = 'local-fake-key-7c1d0a9be4f2435d8e6a1b2c3d4e5f60a7b8c9d0';
/** The key in every form it could leak in: itself and the Basic-auth encodings wandb clients send. */
const KEY_FORMS = [API_KEY, btoa(`api:${API_KEY}`), btoa(`:${API_KEY}`), btoa(API_KEY)];

interface Seen {
  what: string;
  text: string;
}

describe('the real server process in cloud mode, against the fake wandb GraphQL server', () => {
  let dataset: Dataset;
  let fake: FakeWandb;
  let server: ServerProcess;
  let cwd: string;
  const seen: Seen[] = [];

  /** Fetch from the server and keep the status line, headers and body for the leak check. */
  const get = async (path: string, init?: RequestInit) => {
    const response = await fetch(new URL(path, server.url), init);
    const body = Buffer.from(await response.arrayBuffer());
    const headers = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
    seen.push({
      what: `${init?.method ?? 'GET'} ${path}`,
      text: `${response.status}\n${headers}\n\n${body.toString('latin1')}`,
    });
    return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) };
  };

  beforeAll(async () => {
    dataset = await imageDataset({ runs: 3, lastStep: 20, every: 10, gridSize: 2, size: 128 });
    fake = await startFakeWandb({ datasets: [dataset], apiKey: API_KEY });
    cwd = await mkdtemp(join(tmpdir(), 'rc-server-'));
    // The project comes from .env; the variables already set (the key, the URL) come from the environment.
    await writeFile(join(cwd, '.env'), `WANDB_PROJECT=${dataset.project}\nWANDB_API_KEY=not-this-one-from-dotenv\n`);
    server = await startServerProcess({
      cwd,
      env: { WANDB_API_KEY: API_KEY, WANDB_BASE_URL: fake.url, WANDB_ENTITY: dataset.entity },
    });
  });

  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop('SIGKILL');
    await fake?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('says where runs come from and which project opens, from the environment and .env', async () => {
    expect(server.stderr()).toContain(`runs from  wandb cloud (${fake.url})`);
    expect(server.stderr()).toContain(`project    ${dataset.entity}/${dataset.project}`);
    const health = (await get('/api/health')).json();
    expect(health).toEqual({
      ok: true,
      source: { kind: 'cloud', description: `wandb cloud (${fake.url})` },
      defaults: { entity: dataset.entity, project: dataset.project },
    });
  });

  it('serves runs, images and media from wandb', async () => {
    const runs = (await get(`/api/projects/${dataset.entity}/${dataset.project}/runs`)).json();
    expect(runs.runs.map((r: { id: string }) => r.id)).toEqual(['run2', 'run1', 'run0']);
    const base = `/api/runs/${dataset.entity}/${dataset.project}/run1`;
    expect((await get(`${base}/image-keys`)).json()).toEqual({ keys: ['samples/grid', 'val/reference'] });
    expect((await get(`${base}/steps?keys=samples/grid`)).json().steps).toEqual([0, 10, 20]);
    const images = (await get(`${base}/images?keys=samples/grid&step=10`)).json();
    const path = images.sets[0].images[0].path as string;
    const original = await get(`/api/media/${dataset.entity}/${dataset.project}/run1/${path}`);
    expect(original.status).toBe(200);
    expect(Buffer.compare(original.body, Buffer.from(dataset.runs[1]!.files![path]!))).toBe(0);
    const thumb = await get(`/api/media/${dataset.entity}/${dataset.project}/run1/${path}?w=64`);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const index = await get('/api/index', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        entity: dataset.entity,
        project: dataset.project,
        runIds: ['run0', 'run2'],
        keys: ['val/reference'],
      }),
    });
    expect(
      index.json().runs.map((r: { byKey: Record<string, unknown[]> }) => r.byKey['val/reference']!.length),
    ).toEqual([3, 3]);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain(`${dataset.entity}/${dataset.project}`);
  });

  it('answers bad input and upstream failures with JSON errors', async () => {
    expect((await get(`/api/runs/${dataset.entity}/${dataset.project}/ghost`)).json().error.code).toBe('not_found');
    expect(
      (await get(`/api/runs/${dataset.entity}/${dataset.project}/run1/images?keys=samples/grid&step=x`)).status,
    ).toBe(400);
    const tooLong = await get(`/api/runs/${dataset.entity}/${dataset.project}/run1/steps?keys=${'k,'.repeat(50_000)}`);
    expect(tooLong.status).toBe(431);
    expect(tooLong.json().error).toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('KiB') });
    fake.faults.add({ kind: 'status', status: 429, retryAfter: '30' }, { times: 20 });
    const limited = await get(`/api/runs/${dataset.entity}/${dataset.project}/run2/image-keys`);
    fake.faults.clear();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.json().error.code).toBe('rate_limited');
    fake.faults.add(
      { kind: 'status', status: 401, body: `{"errors":[{"message":"bad key ${API_KEY}"}]}` },
      { times: 20 },
    );
    const refused = await get(`/api/projects/${dataset.entity}/${dataset.project}/runs?perPage=7`);
    fake.faults.clear();
    expect(refused.status).toBe(502);
    expect(refused.json().error.code).toBe('auth');
  });

  it('never shows the key: not in a body, a header, the page or a log line', async () => {
    expect(seen.length).toBeGreaterThan(10);
    // Log lines cross a pipe; give the last ones a moment.
    for (let i = 0; i < 50 && server.stdout().trim().split('\n').length < seen.length; i++)
      await new Promise((r) => setTimeout(r, 20));
    const logLines = server.stdout().trim().split('\n');
    expect(logLines.length).toBeGreaterThanOrEqual(seen.length);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    const places = [...seen, { what: 'stdout', text: server.stdout() }, { what: 'stderr', text: server.stderr() }];
    for (const { what, text } of places) {
      for (const form of KEY_FORMS) expect(text.includes(form), `${what} contains the key`).toBe(false);
    }
    expect(server.stdout()).not.toMatch(/X-Goog-Signature|X-Amz-Signature/);
  });

  it('stops cleanly on SIGTERM with exit code 0', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toContain('SIGTERM: stopping');
  });
});

describe('the real server process refuses bad start-up input clearly', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'rc-server-bad-'));
  });
  afterAll(() => rm(cwd, { recursive: true, force: true }));

  it.each([
    [['--port', 'abc'], {}, 2, /--port must be a number/],
    [['--dir', '/no/such/dir'], {}, 2, /--dir is not a directory: \/no\/such\/dir/],
    [['--frobnicate'], {}, 2, /Unknown option '--frobnicate'/],
    [[], { WANDB_API_KEY: API_KEY, WANDB_BASE_URL: 'not a url' }, 2, /WANDB_BASE_URL must be an http/],
  ] as [string[], Record<string, string>, number, RegExp][])('%j', async (args, env, code, says) => {
    const result = await runServerProcess({ cwd, args, env });
    expect(result.code).toBe(code);
    expect(result.output).toMatch(says);
    expect(result.output).not.toMatch(/\n\s+at .*\(/);
    expect(result.output).not.toContain(API_KEY);
  });

  it('a port in use', async () => {
    const first = await startServerProcess({ cwd, args: ['--dir', cwd] });
    try {
      const port = new URL(first.url).port;
      const result = await runServerProcess({ cwd, args: ['--dir', cwd, '--port', port] });
      expect(result.code).toBe(1);
      expect(result.output).toMatch(new RegExp(`port ${port} on 127.0.0.1 is in use`));
    } finally {
      expect(await first.stop('SIGINT')).toBe(0);
    }
  });
});
