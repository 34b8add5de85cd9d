import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { clusteredDataset, denseDataset, shapesDataset } from './image-datasets.js';
import { startHarness, useHarness } from './helpers.js';

const shapes = { entity: 'lab', project: 'shapes', runId: 'shapes01' };

describe('cloud images: every shape wandb logs', () => {
  const h = useHarness([shapesDataset()]);

  it('lists image keys from historyKeys, sorted, without system/* keys', async () => {
    expect(await h.client.images.keys(shapes)).toEqual([
      'img/artifact',
      'img/list',
      'img/old-list',
      'img/single',
      'img/sprite',
    ]);
  });

  it('reads single images with caption, size, format and sha256', async () => {
    const index = await h.client.images.index([shapes], { keys: ['img/single'] });
    expect(index[0]!.byKey['img/single']).toEqual([
      {
        key: 'img/single',
        step: 0,
        type: 'image-file',
        unsupported: null,
        images: [
          {
            path: 'media/images/img/single_0_abc.png',
            caption: 'a cat',
            width: 32,
            height: 16,
            format: 'png',
            index: 0,
            sha256: 'ab'.repeat(32),
            kind: 'image',
          },
        ],
      },
      {
        key: 'img/single',
        step: 2,
        type: 'image-file',
        unsupported: null,
        images: [
          {
            path: 'media/images/img/single_2_def.jpg',
            caption: null,
            width: 32,
            height: 16,
            format: 'jpg',
            index: 0,
            sha256: null,
            kind: 'image',
          },
        ],
      },
    ]);
  });

  it('reads image lists by their filenames, with captions where given', async () => {
    const [set] = await h.client.images.at(shapes, { keys: ['img/list'], step: 1 });
    expect(set!.images.map((i) => [i.path, i.caption, i.index])).toEqual([
      ['media/images/img/list_1_a.png', 'first', 0],
      ['media/images/img/list_1_b.png', null, 1],
    ]);
  });

  it('derives file names for lists logged without filenames, and those files resolve', async () => {
    const [set] = await h.client.images.at(shapes, { keys: ['img/old-list'], step: 4 });
    const paths = set!.images.map((i) => i.path);
    expect(paths).toEqual([0, 1, 2].map((i) => `media/images/img/old-list_4_${i}.png`));
    const urls = await h.client.media.urls(shapes, paths);
    for (const { url } of urls) expect((await fetch(url!)).status).toBe(200);
  });

  it('cuts legacy sprites into their tiles, and marks artifact-only images unsupported with the reason', async () => {
    const [sprite] = await h.client.images.at(shapes, { keys: ['img/sprite'], step: 5 });
    expect(sprite).toMatchObject({ type: 'images', unsupported: null });
    expect(sprite!.images.map((tile) => [tile.path, tile.crop])).toEqual(
      [0, 8, 16, 24].map((x) => ['media/images/img/sprite_5.png', { x, y: 0, width: 8, height: 8 }]),
    );
    const [artifact] = await h.client.images.at(shapes, { keys: ['img/artifact'], step: 6 });
    expect(artifact!.unsupported).toContain('wandb-artifact://abc/img.png');
  });

  it('answers at() per key, so keys logged in different rows do not hide each other', async () => {
    // sampledHistory returns only rows holding every key of a spec; one spec per key avoids that trap.
    expect((await h.client.images.at(shapes, { keys: ['img/single', 'img/list'], step: 2 })).map((s) => s.key)).toEqual(
      ['img/single'],
    );
    const steps = await h.client.images.steps(shapes, { keys: ['img/single', 'img/list', 'img/old-list'] });
    expect(steps).toEqual({
      steps: [0, 1, 2, 4],
      byKey: { 'img/single': [0, 2], 'img/list': [1], 'img/old-list': [4] },
    });
  });

  it('indexes every image key when keys are omitted', async () => {
    const [entry] = await h.client.images.index([shapes]);
    expect(Object.keys(entry!.byKey).sort()).toEqual([
      'img/artifact',
      'img/list',
      'img/old-list',
      'img/single',
      'img/sprite',
    ]);
    expect((await h.client.images.steps(shapes)).steps).toEqual([0, 1, 2, 4, 5, 6]);
  });

  it('reads historyKeys sent as a JSON string', async () => {
    const quirky = await startHarness([shapesDataset()], {}, { historyKeysAsString: true });
    try {
      expect(await quirky.client.images.keys(shapes)).toContain('img/list');
      expect((await quirky.client.runs.get(shapes)).lastStep).toBe(6);
    } finally {
      await quirky.close();
    }
  });
});

describe('cloud images: complete step lists, never a sample', () => {
  it('lists all 5,000 steps of a run that logged an image at each, 1,000 rows a request', async () => {
    const h = await startHarness([denseDataset(5000)]);
    try {
      const ref = { entity: 'lab', project: 'dense', runId: 'dense001' };
      h.fake.requests.reset();
      const index = await h.client.images.steps(ref, { keys: ['samples/grid'] });
      expect(index.steps).toHaveLength(5000);
      expect(index.steps).toEqual(Array.from({ length: 5000 }, (_, i) => i));
      // historyKeys (5,000 image rows: one spec would be sampled down), then windows of 500 steps, two a request.
      expect(h.fake.requests.all.map((r) => [r.operation, r.specs])).toEqual([
        ['RunHistoryKeys', 0],
        ...Array.from({ length: 5 }, () => ['RunSampledHistory', 2]),
      ]);
    } finally {
      await h.close();
    }
  });

  it('stays complete when images cluster unevenly over a long run', async () => {
    const h = await startHarness([clusteredDataset()], { historySamplesPerSpec: 500 });
    try {
      const index = await h.client.images.steps(
        { entity: 'lab', project: 'clustered', runId: 'clust001' },
        { keys: ['img'] },
      );
      expect(index.steps).toEqual([...Array.from({ length: 2500 }, (_, i) => i), 60_001]);
      expect(index.incomplete ?? null).toBeNull();
      // Windows sized for an even spread are sampled down where the images cluster, then halved: a few
      // more requests, none answering more than 1,000 rows.
      expect(h.fake.requests.count()).toBeLessThanOrEqual(16);
    } finally {
      await h.close();
    }
  });

  it('reads sparse image steps of a long run in full', async () => {
    const dataset = syntheticDataset({ runs: 1, imageKeys: ['samples/grid'], lastStep: 20_000, imageEvery: 7 });
    const h = await startHarness([dataset], { historySamplesPerSpec: 1000 });
    try {
      const ref = { entity: dataset.entity, project: dataset.project, runId: dataset.runs[0]!.id };
      const expected = dataset.runs[0]!.history.filter((row) => 'samples/grid' in row).map((row) => row._step);
      expect(expected.length).toBeGreaterThan(2800);
      expect((await h.client.images.steps(ref, { keys: ['samples/grid'] })).steps).toEqual(expected);
    } finally {
      await h.close();
    }
  });
});
