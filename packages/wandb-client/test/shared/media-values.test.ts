import { describe, expect, it } from 'vitest';
import { imageSetFromValue } from '../../src/images.js';
import { parseBoxFile } from '../../src/media-values/boxes.js';
import { classLabelsFor, classLabelsFromConfig } from '../../src/media-values/class-labels.js';
import { mediaPathsOf } from '../../src/media-values/media-paths.js';
import { summaryOnlySets } from '../../src/media-values/summary-media.js';

/** The value shapes of wandb's `data_types` across versions (see shared/docs/wandb-media-and-legacy.md §1.9, §2). */
describe('media values as wandb wrote them', () => {
  it('reads the boxes and masks of 0.8.28–0.8.32: one unnamed box set, and a list of masks', () => {
    const set = imageSetFromValue('seg', 4, {
      _type: 'image-file',
      path: 'media/images/seg_4_1a2b3c4d.png',
      format: 'png',
      boxes: { _type: 'boxes2D', path: 'media/metadata/boxes2D/seg_4_5e6f7a8b.boxes2D.json', sha256: 'x', size: 9 },
      masks: [
        { _type: 'mask', path: 'media/images/mask/seg_4_0a0b0c0d.mask.png' },
        { _type: 'mask', path: 'media/images/mask/seg_4_1a1b1c1d.mask.png' },
      ],
    });
    expect(set!.images[0]!.overlays).toEqual({
      boxes: [{ name: 'boxes', path: 'media/metadata/boxes2D/seg_4_5e6f7a8b.boxes2D.json', boxes: null }],
      masks: [
        { name: '0', path: 'media/images/mask/seg_4_0a0b0c0d.mask.png' },
        { name: '1', path: 'media/images/mask/seg_4_1a1b1c1d.mask.png' },
      ],
    });
    expect(mediaPathsOf(set!)).toHaveLength(4);
  });

  it('reads inline boxes (the artifact form) and the per-image overlays of a list', () => {
    const set = imageSetFromValue('preds', 2, {
      _type: 'images/separated',
      width: 8,
      height: 8,
      format: 'png',
      count: 2,
      filenames: ['media/images/preds_2_a.png', 'media/images/preds_2_b.png'],
      all_boxes: [
        null,
        { truth: [{ position: { minX: 1, maxX: 3, minY: 2, maxY: 4 }, domain: 'pixel', class_id: 5 }] },
      ],
    });
    expect(set!.images.map((image) => image.overlays)).toEqual([
      undefined,
      {
        boxes: [
          {
            name: 'truth',
            path: null,
            boxes: [{ minX: 1, maxX: 3, minY: 2, maxY: 4, domain: 'pixel', classId: 5, caption: null, scores: {} }],
          },
        ],
        masks: [],
      },
    ]);
  });

  it('cuts sprites of wandb 0.6 (JPEG, no format) and summary sprites, and refuses one without a tile size', () => {
    const old = imageSetFromValue('x', 7, { _type: 'images', width: 10, height: 5, count: 2 });
    expect(old!.images.map((tile) => [tile.path, tile.format, tile.crop])).toEqual([
      ['media/images/x_7.jpg', 'jpg', { x: 0, y: 0, width: 10, height: 5 }],
      ['media/images/x_7.jpg', 'jpg', { x: 10, y: 0, width: 10, height: 5 }],
    ]);
    const summary = imageSetFromValue(
      'x',
      30,
      { _type: 'images', width: 4, height: 4, format: 'png', count: 1 },
      { fromSummary: true },
    );
    expect(summary).toMatchObject({ step: 30, fromSummary: true, images: [{ path: 'media/images/x_summary.png' }] });
    const lists = imageSetFromValue(
      'y',
      30,
      { _type: 'images/separated', format: 'png', count: 2 },
      { fromSummary: true },
    );
    expect(lists!.images.map((image) => image.path)).toEqual([
      'media/images/y_summary_0.png',
      'media/images/y_summary_1.png',
    ]);
    expect(imageSetFromValue('x', 1, { _type: 'images', count: 3 })!.unsupported).toMatch(/no tile size/);
  });

  it('reads video lists with `captions: false`, and refuses a video kept only in an artifact', () => {
    const list = imageSetFromValue('v', 1, {
      _type: 'videos',
      count: 2,
      videos: [
        { _type: 'video-file', path: 'media/videos/v_1_0.mp4', caption: 'own caption' },
        { _type: 'video-file', path: 'media/videos/v_1_1.webm' },
      ],
      captions: false,
    });
    expect(list!.images.map((video) => [video.kind, video.format, video.caption])).toEqual([
      ['video', 'mp4', 'own caption'],
      ['video', 'webm', null],
    ]);
    const artifact = imageSetFromValue('v', 2, { _type: 'video-file', artifact_path: 'wandb-artifact://abc/v.mp4' });
    expect(artifact).toMatchObject({ images: [], unsupported: expect.stringContaining('wandb-artifact://abc/v.mp4') });
  });

  it('names every kind of media it cannot show, with the key', () => {
    const cases: Array<[string, string]> = [
      ['audio-file', 'holds audio (audio-file)'],
      ['html', 'holds a list of HTML pages (html)'],
      ['object3D-file', 'holds a 3D object (object3D-file)'],
      ['plotly', 'holds a Plotly chart (plotly)'],
      ['partitioned-table', 'holds a table (partitioned-table); images inside tables are not supported'],
    ];
    for (const [type, says] of cases) {
      expect(imageSetFromValue('k/x', 0, { _type: type })!.unsupported).toContain(`"k/x" ${says}`);
    }
    expect(imageSetFromValue('k', 0, { _type: 'histogram', values: [], bins: [] })).toBeNull();
  });
});

describe('box files', () => {
  it('reads both position forms, the domain, captions and scores, and skips entries without a position', () => {
    const file = parseBoxFile({
      box_data: [
        { position: { middle: [0.5, 0.5], width: 0.2, height: 0.4 }, class_id: 2, scores: { iou: 0.5, bad: 'x' } },
        { position: { minX: 30, maxX: 10, minY: 0, maxY: 5 }, domain: 'pixel', box_caption: 'flipped' },
        { class_id: 1 },
      ],
      class_labels: { '2': 'car', x: 'not an id' },
    });
    expect(file.boxes.map((b) => [b.minX, b.maxX, b.minY, b.maxY, b.domain, b.classId, b.caption, b.scores])).toEqual([
      [0.4, 0.6, 0.3, 0.7, 'fraction', 2, null, { iou: 0.5 }],
      [10, 30, 0, 5, 'pixel', null, 'flipped', {}],
    ]);
    expect([file.skipped, file.classLabels]).toEqual([1, [{ id: 2, name: 'car' }]]);
  });

  it('reads the bare list of 0.8.28 with class_label names, and refuses anything else', () => {
    const file = parseBoxFile([{ position: { minX: 0, maxX: 1, minY: 0, maxY: 1 }, class_id: 3, class_label: 'cat' }]);
    expect(file.classLabels).toEqual([{ id: 3, name: 'cat' }]);
    expect(() => parseBoxFile({ boxes: [] })).toThrow(/box_data/);
  });
});

describe('class labels in the config', () => {
  it('reads them wrapped as the server holds config, or bare as a .wandb file, by image key and layer', () => {
    const entry = {
      'bounding_box/class_labels': {
        sample_wandb_delimeter_predictions: {
          type: 'bounding_box/class_labels',
          key: '…',
          value: { 1: 'dog', 0: 'cat' },
        },
      },
      'mask/class_labels': { 'val/seg_wandb_delimeter_truth': { value: { '0': 'sky' } } },
      cli_version: '0.20.1',
    };
    const labels = classLabelsFromConfig({ desc: null, value: entry });
    expect(classLabelsFromConfig(entry)).toEqual(labels);
    expect(labels).toEqual({
      boxes: {
        sample: {
          predictions: [
            { id: 0, name: 'cat' },
            { id: 1, name: 'dog' },
          ],
        },
      },
      masks: { 'val/seg': { truth: [{ id: 0, name: 'sky' }] } },
    });
    // An image nested in a logged dict is bound under its innermost key.
    expect(classLabelsFor(labels, 'boxes', 'eval.sample', 'predictions')).toEqual(labels!.boxes.sample!.predictions);
    expect(classLabelsFromConfig({ cli_version: '0.9.7' })).toBeUndefined();
  });
});

describe('summary-only media', () => {
  it('lists media only the summary holds, nested dicts with dotted keys, not history keys, wandb entries or system metrics', () => {
    const image = (path: string) => ({ _type: 'image-file', path, format: 'png' });
    const sets = summaryOnlySets(
      {
        best: image('media/images/best_summary_aa.png'),
        eval: { top: image('media/images/top_summary_bb.png'), score: 3 },
        'samples/grid': image('media/images/samples/grid_40_cc.png'),
        'system/heat': image('media/images/system_1.png'),
        _wandb: { runtime: 4 },
      },
      40,
      (key) => key === 'samples/grid',
    );
    expect(sets.map((set) => [set.key, set.step, set.fromSummary])).toEqual([
      ['best', 40, true],
      ['eval.top', 40, true],
    ]);
    expect(summaryOnlySets({ best: image('x.png') }, null, () => false)[0]!.step).toBe(0);
  });
});
