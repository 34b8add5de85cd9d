import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset, type FakeWandb } from '../src/index.js';
import { basic, KEY, post, start } from './helpers.js';

const dataset = syntheticDataset({ runs: 1, lastStep: 3 });
const run = dataset.runs[0]!;
const name = Object.keys(run.files!)[0]!;
const FILES = `query($e: String!, $p: String!, $r: String!, $names: [String]) {
  project(name: $p, entityName: $e) { run(name: $r) { files(names: $names) { edges { node { directUrl } } } } } }`;

async function directUrl(fake: FakeWandb): Promise<string> {
  const { body } = await post(fake, FILES, { e: dataset.entity, p: dataset.project, r: run.id, names: [name] });
  return body!.data!.project.run.files.edges[0].node.directUrl;
}

describe('fake wandb storage', () => {
  let fake: FakeWandb;
  beforeAll(async () => {
    fake = await start([dataset]);
  });
  afterAll(() => fake.close());

  it('serves files at signed URLs without the key', async () => {
    const response = await fetch(await directUrl(fake));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(run.files![name]);
  });

  it('refuses tampered URLs', async () => {
    const url = new URL(await directUrl(fake));
    url.searchParams.set('X-Goog-Expires', '999999');
    expect((await fetch(url)).status).toBe(403);
    const otherFile = new URL(await directUrl(fake));
    otherFile.pathname = otherFile.pathname.replace(/[^/]+$/, 'other.png');
    expect((await fetch(otherFile)).status).toBe(403);
  });

  it('refuses expired URLs as the storage does: GCS V4 with 400 ExpiredToken, Expires= URLs with 403', async () => {
    const check = async (urlStyle: 'gcs' | 'expires') => {
      const short = await start([dataset], { urlTtlSeconds: 2, urlStyle });
      try {
        const url = await directUrl(short);
        expect(url).toContain(urlStyle === 'gcs' ? 'X-Goog-Date=' : 'Expires=');
        expect((await fetch(url)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 2100));
        const expired = await fetch(url);
        expect(expired.status).toBe(urlStyle === 'gcs' ? 400 : 403);
        expect(await expired.text()).toContain(
          urlStyle === 'gcs' ? '<Code>ExpiredToken</Code>' : '<Code>AccessDenied</Code>',
        );
      } finally {
        await short.close();
      }
    };
    await Promise.all([check('gcs'), check('expires')]);
  });

  it('redirects the /files URL to storage, with the key only', async () => {
    const url = `${fake.url}/files/${dataset.entity}/${dataset.project}/${run.id}/${name}`;
    expect((await fetch(url)).status).toBe(401);
    const redirect = await fetch(url, { headers: { authorization: basic(KEY) }, redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect((await fetch(redirect.headers.get('location')!)).status).toBe(200);
  });
});
