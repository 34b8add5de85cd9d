import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './fixtures/app.js';
import { imageDataset } from './fixtures/image-dataset.js';
import { listen, rawGet, type Listening } from './fixtures/listen.js';

let server: Listening;
let secretFile: string;
const run = '/api/media/demo-team/img-gen/run0';

beforeAll(async () => {
  const { app } = testApp(await imageDataset({ runs: 1, lastStep: 0, gridSize: 1, size: 32 }));
  server = await listen(app);
  const dir = await mkdtemp(join(tmpdir(), 'rc-traversal-'));
  secretFile = join(dir, 'secret.png');
  await writeFile(secretFile, 'SECRET-CONTENT');
});
afterAll(() => server.close());

const attempts = (): string[] => [
  `${run}/../../../../etc/passwd.png`,
  `${run}/media/../../../etc/passwd.png`,
  `${run}/%2e%2e/%2e%2e/etc/passwd.png`,
  `${run}/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.png`,
  `${run}/%252e%252e/%252e%252e/etc/passwd.png`,
  `${run}/..%5c..%5cetc%5cpasswd.png`,
  `${run}/..\\..\\etc\\passwd.png`,
  `${run}//etc/passwd.png`,
  `${run}/%2Fetc%2Fpasswd.png`,
  `${run}/${encodeURIComponent(secretFile)}`,
  `${run}${secretFile}`,
  `${run}/C:/Windows/win.ini.png`,
  `${run}/media/images/a.png%00.json`,
  `${run}/media/images/%00/a.png`,
  `${run}/media/./images/a.png`,
  `${run}/media/%C0%AE%C0%AE/a.png`,
  `${run}/media/images/a.png%`,
  `/api/media/demo-team/img-gen/..%2F..%2Fetc/passwd.png`,
  `/api/media/..%2f/img-gen/run0/a.png`,
];

describe('path traversal on the media route', () => {
  it.each(attempts())('%s is refused with a JSON 4xx', async (path) => {
    const res = await rawGet(server.port, path);
    expect(res.status, res.body).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(res.body).error).toEqual(
      expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
    );
    expect(res.body).not.toMatch(/root:|SECRET-CONTENT/);
  });
});
