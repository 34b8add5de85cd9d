import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openLocalRuns, writeDataset } from '../../src/local/index.js';
import type { Dataset } from '../../src/memory/dataset.js';
import { tempDir } from './helpers.js';

const image = (path: string) => ({ _type: 'image-file', path, format: 'png', width: 2, height: 2, caption: path });

/** A run whose history names normal media, plus paths that will be made to point elsewhere. */
async function project() {
  const dir = await tempDir();
  const bytes = (label: string) => new TextEncoder().encode(`PNG ${label}`);
  const dataset: Dataset = {
    entity: 'team',
    project: 'media',
    runs: [
      {
        id: 'm1',
        displayName: 'media run',
        state: 'finished',
        createdAt: '2026-02-01T00:00:00Z',
        history: [
          {
            _step: 0,
            ok: image('media/images/ok_0.png'),
            escape: image('media/images/escape_0.png'),
            linked: image('media/images/linked_0.png'),
            gone: image('media/images/gone_0.png'),
            sub: image('media/images/sub/x_0.png'),
          },
        ],
        files: {
          'media/images/ok_0.png': bytes('ok'),
          'media/images/escape_0.png': bytes('escape'),
          'media/images/linked_0.png': bytes('linked'),
          'media/images/gone_0.png': bytes('gone'),
          'media/images/sub/x_0.png': bytes('sub'),
        },
      },
    ],
  };
  const [runDir] = writeDataset(dataset, join(dir, 'wandb'));
  const files = join(runDir!, 'files');
  writeFileSync(join(dir, 'secret.txt'), 'outside the run');
  rmSync(join(files, 'media/images/escape_0.png'));
  symlinkSync(join(dir, 'secret.txt'), join(files, 'media/images/escape_0.png'));
  rmSync(join(files, 'media/images/linked_0.png'));
  symlinkSync('ok_0.png', join(files, 'media/images/linked_0.png'));
  rmSync(join(files, 'media/images/gone_0.png'));
  rmSync(join(files, 'media/images/sub'), { recursive: true });
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'elsewhere', 'x_0.png'), 'outside too');
  symlinkSync(join(dir, 'elsewhere'), join(files, 'media/images/sub'));
  return { source: openLocalRuns({ dir }), ref: { entity: 'team', project: 'media', runId: 'm1' }, files };
}

describe('media paths', () => {
  it('gives file: URLs for the run’s own media, through symlinks that stay inside files/', async () => {
    const { source, ref, files } = await project();
    const urls = await source.mediaUrl(ref, ['media/images/ok_0.png', 'media/images/linked_0.png']);
    expect(urls.map((u) => u.expiresAt)).toEqual([null, null]);
    for (const { url } of urls) {
      expect(url).toMatch(/^file:\/\//);
      expect(readFileSync(fileURLToPath(url!), 'utf8')).toBe('PNG ok');
    }
    expect(fileURLToPath(urls[0]!.url!).startsWith(files)).toBe(true);
  });

  it.each([
    ['../../../etc/passwd', 'climbs out'],
    ['media/../../run-m1.wandb', 'climbs out'],
    ['media\\..\\..\\secret.txt', 'climbs out'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/win.ini', 'absolute'],
    ['media/images/ok_0.png\0.txt', 'NUL'],
    ['media//images/ok_0.png', 'empty'],
    ['', 'non-empty'],
  ])('refuses %j before touching the disk', async (path, why) => {
    const { source, ref } = await project();
    await expect(source.mediaUrl(ref, [path])).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining(why),
    });
    await expect(source.openMedia(ref, path)).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('refuses a symlink that leads outside the run’s files/, even when the records name it', async () => {
    const { source, ref } = await project();
    for (const path of ['media/images/escape_0.png', 'media/images/sub/x_0.png']) {
      await expect(source.mediaUrl(ref, [path])).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringContaining('outside the run'),
      });
      await expect(source.openMedia(ref, path)).rejects.toMatchObject({ code: 'invalid_argument' });
    }
  });

  it('refuses files the run’s records do not name, and says when a named file is missing', async () => {
    const { source, ref } = await project();
    await expect(source.mediaUrl(ref, ['media/images/other_0.png'])).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('none of its records name'),
    });
    const [gone] = await source.mediaUrl(ref, ['media/images/gone_0.png']);
    expect(gone).toMatchObject({
      url: null,
      missing: { code: 'not_uploaded', message: expect.stringContaining('not on disk') },
    });
  });

  it('opens a media file for a server: size, content type, stream and buffer', async () => {
    const { source, ref } = await project();
    const file = await source.openMedia(ref, 'media/images/ok_0.png');
    expect(file).toMatchObject({ path: 'media/images/ok_0.png', size: 6, contentType: 'image/png' });
    expect(Date.parse(file.modifiedAt)).not.toBeNaN();
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('PNG ok');
    const again = await source.openMedia(ref, 'media/images/ok_0.png');
    expect((await again.read()).toString('utf8')).toBe('PNG ok');
  });
});
