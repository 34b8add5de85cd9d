import { describe, expect, it } from 'vitest';
import { loadOverlays } from '../../src/media-values/load-overlays.js';
import type { Dataset } from '../../src/memory/dataset.js';
import type { RunRef, RunSource } from '../../src/types.js';
import { predictionBoxes } from './media-values.js';
import { loadUrl } from './run-source.contract.js';

/** What the media cases need from the contract's opened source. */
export interface MediaCaseContext {
  source: () => RunSource;
  ref: (runId: string) => RunRef;
  dataset: Dataset;
}

/**
 * Every kind of media a generative run logs, the same from every source: videos, images with
 * boxes and masks, an image only in the summary, a legacy sprite cut into its tiles, and a table
 * listed as what it is (see `media-values.ts` for how r1alpha logs them).
 */
export function describeMediaCases({ source, ref, dataset }: MediaCaseContext): void {
  const files = () => dataset.runs.find((run) => run.id === 'r1alpha')!.files!;
  const expectLoads = async (runId: string, paths: string[]) => {
    const urls = await source().mediaUrl(ref(runId), paths);
    for (const { path, url } of urls)
      expect(Buffer.from(await loadUrl(url!)), path).toEqual(Buffer.from(files()[path]!));
  };

  describe('media beyond images', () => {
    it('finds videos like images: kind video, format from the file name, size when logged, URLs that load', async () => {
      const steps = await source().steps(ref('r1alpha'), { keys: ['samples/rollout'] });
      expect(steps.byKey['samples/rollout']).toEqual([0, 20, 30]);
      const [gif] = await source().at(ref('r1alpha'), { keys: ['samples/rollout'], step: 20 });
      expect(gif).toMatchObject({ key: 'samples/rollout', step: 20, type: 'video-file', unsupported: null });
      expect(gif!.images).toEqual([
        expect.objectContaining({ kind: 'video', format: 'gif', width: 64, height: 48, caption: 'rollout at step 20' }),
      ]);
      const [list] = await source().at(ref('r1alpha'), { keys: ['samples/rollout'], step: 30 });
      expect(list!.type).toBe('videos');
      expect(list!.images.map((v) => [v.kind, v.format, v.caption, v.width, v.index])).toEqual([
        ['video', 'mp4', null, null, 0],
        ['video', 'webm', null, null, 1],
      ]);
      await expectLoads(
        'r1alpha',
        [...gif!.images, ...list!.images].map((v) => v.path),
      );
    });

    it('marks images that carry boxes and a mask, and loads the boxes parsed with the names of their classes', async () => {
      const [set] = await source().at(ref('r1alpha'), { keys: ['val/detections'], step: 20 });
      const image = set!.images[0]!;
      expect(image.kind).toBe('image');
      expect(image.overlays!.boxes.map((layer) => [layer.name, layer.path?.endsWith('.boxes2D.json')])).toEqual([
        ['predictions', true],
        ['ground_truth', true],
      ]);
      expect(image.overlays!.masks).toEqual([{ name: 'segmentation', path: expect.stringMatching(/\.mask\.png$/) }]);
      expect((await source().get(ref('r1alpha'))).classLabels?.masks).toEqual({
        'val/detections': {
          segmentation: [
            { id: 0, name: 'background' },
            { id: 1, name: 'cat' },
            { id: 2, name: 'dog' },
          ],
        },
      });

      const overlays = await loadOverlays(source(), ref('r1alpha'), 'val/detections', image);
      expect(overlays.problems).toEqual([]);
      const [predictions, truth] = overlays.boxes;
      expect(predictions).toEqual({
        name: 'predictions',
        boxes: [
          {
            minX: 0.1,
            maxX: 0.4,
            minY: 0.2,
            maxY: 0.6,
            domain: 'fraction',
            classId: 1,
            caption: 'dog 20',
            scores: { conf: 0.91 },
          },
          { minX: 32, maxX: 48, minY: 15, maxY: 25, domain: 'pixel', classId: 0, caption: null, scores: {} },
        ],
        // Labels written into the box file itself.
        classLabels: Object.entries(predictionBoxes(20).class_labels).map(([id, name]) => ({ id: Number(id), name })),
      });
      // Labels from the run's config, and wandb's default name for the id they do not name.
      expect(truth!.classLabels).toEqual([
        { id: 0, name: 'cat' },
        { id: 1, name: 'dog' },
        { id: 2, name: 'class_2' },
      ]);
      expect(overlays.masks).toEqual([
        expect.objectContaining({
          name: 'segmentation',
          classLabels: [
            { id: 0, name: 'background' },
            { id: 1, name: 'cat' },
            { id: 2, name: 'dog' },
          ],
        }),
      ]);
      expect(Buffer.from(await loadUrl(overlays.masks[0]!.url!))).toEqual(
        Buffer.from(files()[image.overlays!.masks[0]!.path]!),
      );
    });

    it('shows a key logged only in the summary at the run’s last step, in steps, at and index', async () => {
      const steps = await source().steps(ref('r1alpha'), { keys: ['best_sample', 'samples/grid'] });
      expect(steps.byKey).toEqual({ best_sample: [30], 'samples/grid': [0, 10, 20, 30] });
      expect(await source().at(ref('r1alpha'), { keys: ['best_sample'], step: 29 })).toEqual([]);
      const [set] = await source().at(ref('r1alpha'), { keys: ['best_sample', 'samples/grid'], step: 30 });
      expect(set).toMatchObject({
        key: 'best_sample',
        step: 30,
        type: 'image-file',
        fromSummary: true,
        unsupported: null,
      });
      expect(set!.images).toEqual([
        expect.objectContaining({
          path: expect.stringMatching(/^media\/images\/best_sample_summary_[0-9a-f]{20}\.png$/),
          caption: 'best sample (step 20)',
        }),
      ]);
      const [entry] = await source().index([ref('r1alpha')], { keys: ['best_sample'] });
      expect(entry!.byKey.best_sample).toEqual([set]);
      await expectLoads('r1alpha', [set!.images[0]!.path]);
    });

    it('cuts a legacy sprite into one image per tile, each with its crop of the one file', async () => {
      const [sprite] = await source().at(ref('r1alpha'), { keys: ['old/sprite'], step: 10 });
      expect(sprite).toMatchObject({ type: 'images', unsupported: null });
      expect(sprite!.images.map((tile) => [tile.path, tile.caption, tile.crop, tile.width])).toEqual(
        ['a', 'b', null, 'd'].map((caption, i) => [
          'media/images/old/sprite_10.png',
          caption,
          { x: i * 32, y: 0, width: 32, height: 32 },
          32,
        ]),
      );
      await expectLoads('r1alpha', ['media/images/old/sprite_10.png']);
    });

    it('lists media it cannot show with the key, the type and why', async () => {
      const [table] = await source().at(ref('r1alpha'), { keys: ['eval/predictions'], step: 30 });
      expect(table).toMatchObject({ key: 'eval/predictions', type: 'table-file', images: [] });
      expect(table!.unsupported).toMatch(
        /"eval\/predictions" holds a table \(table-file\); images inside tables are not supported/,
      );
    });
  });
}
