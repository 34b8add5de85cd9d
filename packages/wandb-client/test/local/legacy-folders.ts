import { createHash } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodePng } from '@run-comparer/sample-project';

/**
 * Run folders as wandb 0.9 and older wrote them, built by hand from the notes in
 * `shared/docs/wandb-media-and-legacy.md` §1 (file names, line forms, the `config.yaml` layout,
 * the metadata fields, media naming): plain files directly in `wandb/run-<date>_<time>-<id>/`,
 * NaN as a bare token, 8-hex media ids, sprites named by key and step. Media files are real PNGs.
 */

/** A PNG of `width` × `height` filled with `tiles` colours side by side (a sprite when more than one). */
export function tiledPng(width: number, height: number, tiles: Array<[number, number, number]>): Uint8Array {
  const total = width * tiles.length;
  const rgb = new Uint8Array(total * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < total; x++) rgb.set(tiles[Math.floor(x / width)]!, (y * total + x) * 3);
  return encodePng(total, height, rgb);
}

/** A 1×1 GIF89a, as `wandb.Video` writes gifs (the bytes are a real, decodable GIF). */
export const ONE_PIXEL_GIF = Uint8Array.from(
  Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64'),
);

export interface LegacyFolder {
  dir: string;
  files: Record<string, Uint8Array | string>;
}

export function writeFolder(root: string, name: string, files: Record<string, Uint8Array | string>): string {
  const dir = join(root, 'wandb', name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Set every file of a folder to have last been written at `ms`: a run at rest since then. */
export function settle(dir: string, files: string[], ms: number): void {
  for (const path of files) utimesSync(join(dir, path), ms / 1000, ms / 1000);
}

/** JSON as Python's `json.dumps` writes it by default: `", "` and `": "` between items. */
export function pyJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null)
    return `{${Object.entries(value)
      .map(([key, inner]) => `${JSON.stringify(key)}: ${pyJson(inner)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A media value's common fields, with the file name of 0.9: `<key>_<step>_<sha256[:8]>.<ext>`. */
function media(dir: string, key: string, step: number | 'summary', ext: string, bytes: Uint8Array) {
  const hash = sha256(bytes);
  return { path: `media/${dir}/${key}_${step}_${hash.slice(0, 8)}.${ext}`, sha256: hash, size: bytes.length };
}

/** `config.yaml` of 0.9.7: `wandb_version: 1`, a blank line, then sorted keys as `{desc, value}` (PyYAML block style). */
export const FINISHED_CONFIG = `wandb_version: 1

_wandb:
  desc: null
  value:
    bounding_box/class_labels:
      sample_wandb_delimeter_predictions:
        key: sample_wandb_delimeter_predictions
        type: bounding_box/class_labels
        value:
          0: cat
          1: dog
    cli_version: 0.9.7
    is_jupyter_run: false
    is_kaggle_kernel: false
    python_version: 3.7.7
batch_size:
  desc: null
  value: 64
dropout:
  desc: Dropout before the classifier
  value: .nan
optimizer:
  desc: null
  value:
    betas:
    - 0.9
    - 0.999
    name: adam
`;

export const SPRITE_TILES: Array<[number, number, number]> = [
  [220, 40, 40],
  [40, 180, 60],
  [40, 70, 220],
];

/**
 * A finished 0.9.7 run (`run-20200908_143015-1a2b3c4d`): scalars with a bare NaN every row, a
 * single image with boxes at step 1, a sprite of three 8 px tiles at step 2 (`media/images/grid_2.png`),
 * a gif and a table at step 3, and an image set only on the summary.
 */
export function finishedRun(): { name: string; files: Record<string, Uint8Array | string> } {
  const files: Record<string, Uint8Array | string> = {};
  const put = (value: { path: string }, bytes: Uint8Array) => {
    files[value.path] = bytes;
    return value;
  };
  const sampleBytes = tiledPng(16, 16, [[200, 200, 40]]);
  const boxes = pyJson({
    box_data: [{ position: { middle: [8, 8], width: 6, height: 4 }, domain: 'pixel', class_id: 1, box_caption: 'dog' }],
  });
  const boxBytes = new TextEncoder().encode(boxes);
  const sample = {
    _type: 'image-file',
    ...put(media('images', 'sample', 1, 'png', sampleBytes), sampleBytes),
    format: 'png',
    width: 16,
    height: 16,
    caption: 'a dog',
    boxes: {
      predictions: {
        _type: 'boxes2D',
        ...put(media('metadata/boxes2D', 'sample', 1, 'boxes2D.json', boxBytes), boxBytes),
      },
    },
  };
  files['media/images/grid_2.png'] = tiledPng(8, 8, SPRITE_TILES);
  const gif = {
    _type: 'video-file',
    ...put(media('videos', 'rollout', 3, 'gif', ONE_PIXEL_GIF), ONE_PIXEL_GIF),
    width: 1,
    height: 1,
    caption: 'ep 3',
  };
  const table = {
    _type: 'table-file',
    path: 'media/table/preds_3_77c1aa02.table.json',
    sha256: '77c1aa02',
    size: 40,
    ncols: 2,
    nrows: 1,
  };
  files[table.path] = '{"columns": ["id", "label"], "data": [[0, "cat"]]}';
  const bestBytes = tiledPng(16, 16, [[10, 120, 200]]);
  const best = {
    _type: 'image-file',
    ...put(media('images', 'best', 'summary', 'png', bestBytes), bestBytes),
    format: 'png',
    width: 16,
    height: 16,
    caption: 'best (step 1)',
  };

  const start = 1599575415.123;
  const row = (step: number, extra: string) =>
    `{"loss": ${(0.5 / (step + 1)).toFixed(4)}, "acc": NaN${extra}, "_runtime": ${(2.5 * step + 0.31).toFixed(4)}, "_timestamp": ${(start + 2.5 * step).toFixed(3)}, "_step": ${step}}\n`;
  files['wandb-history.jsonl'] = [
    row(0, ''),
    row(1, `, "sample": ${pyJson(sample)}`),
    row(
      2,
      ', "grid": {"_type": "images", "width": 8, "height": 8, "format": "png", "count": 3, "captions": ["red", "green", "blue"]}',
    ),
    row(3, `, "rollout": ${pyJson(gif)}, "preds": ${pyJson(table)}`),
  ].join('');
  files['wandb-summary.json'] =
    `{"loss": 0.125, "acc": NaN, "_runtime": 7.81, "_timestamp": ${(start + 7.5).toFixed(3)}, "_step": 3, "grid": {"_type": "images", "width": 8, "height": 8, "format": "png", "count": 3, "captions": ["red", "green", "blue"]}, "rollout": ${pyJson(gif)}, "best": ${pyJson(best)}}\n`;
  files['wandb-events.jsonl'] =
    `{"system.cpu": 63.1, "system.memory": 22.4, "system.disk": 48.0, "_wandb": true, "_timestamp": ${Math.floor(start + 8)}, "_runtime": 8}\n`;
  files['config.yaml'] = FINISHED_CONFIG;
  files['wandb-metadata.json'] = JSON.stringify(
    {
      root: '/home/ada/mnist',
      program: 'train.py',
      args: [],
      startedAt: '2020-09-08T14:30:15.123456',
      state: 'finished',
      mode: 'run',
      jobType: null,
      name: 'amber-glade-12',
      project: 'legacy-mnist',
      host: 'gpu-box',
      username: 'ada',
      executable: '/usr/bin/python3',
      os: 'Linux-5.4.0-x86_64-with-glibc2.29',
      python: '3.7.7',
      cpu_count: 8,
      heartbeatAt: '2020-09-08T14:30:24.002110',
      exitcode: 0,
    },
    null,
    4,
  );
  files['output.log'] = 'epoch 1\r[=====>    ] 50%\repoch 1 done\n';
  files['requirements.txt'] = 'numpy==1.19.1\nwandb==0.9.7\n';
  return { name: 'run-20200908_143015-1a2b3c4d', files };
}

/** A Colab run of 0.8.27 that never got an exit code (`dryrun-`, as in `WANDB_MODE=dryrun`), logging a sprite in its summary only. */
export function notebookRun(): { name: string; files: Record<string, Uint8Array | string> } {
  const start = 1582000000.5;
  return {
    name: 'dryrun-20200218_042640-9z8y7x6w',
    files: {
      'config.yaml': `wandb_version: 1\n\n_wandb:\n  desc: null\n  value:\n    cli_version: 0.8.27\n    is_jupyter_run: true\n    is_kaggle_kernel: false\n    python_version: 3.6.9\nepochs:\n  desc: null\n  value: 3\n`,
      'wandb-history.jsonl': [0, 1, 2]
        .map(
          (step) =>
            `{"reward": ${step * 10}, "_runtime": ${step * 30 + 1.2}, "_timestamp": ${start + step * 30}, "_step": ${step}}\n`,
        )
        .join(''),
      'wandb-summary.json': `{"reward": 20, "_runtime": 61.2, "_timestamp": ${start + 60}, "_step": 2, "examples": {"_type": "images", "width": 4, "height": 4, "format": "png", "count": 2}}\n`,
      'media/images/examples_summary.png': tiledPng(4, 4, [
        [0, 0, 0],
        [255, 255, 255],
      ]),
      'wandb-metadata.json': JSON.stringify(
        {
          root: '/content',
          program: '<python with no main file>',
          colab: 'https://colab.research.google.com/notebook#fileId=1abc',
          startedAt: '2020-02-18T04:26:40.412250',
          host: 'b2a1c3d4e5f6',
          args: [],
          state: 'running',
          jobType: null,
          mode: 'dryrun',
          name: 'spaceinvaders-3',
          project: 'spaceinvaders',
          heartbeatAt: '2020-02-18T04:27:40.900000',
        },
        null,
        4,
      ),
    },
  };
}

/** A 0.9.7 run killed mid-write: its last history line has no end, its metadata no exit code. */
export function cutRun(): { name: string; files: Record<string, string> } {
  const start = 1583057410;
  return {
    name: 'run-20200301_101010-cut00001',
    files: {
      'config.yaml':
        'wandb_version: 1\n\n_wandb:\n  desc: null\n  value:\n    cli_version: 0.9.7\nlr:\n  desc: null\n  value: 0.01\n',
      'wandb-history.jsonl':
        `{"loss": 1.0, "_runtime": 1.0, "_timestamp": ${start + 1}, "_step": 0}\n` +
        `{"loss": 0.5, "_runtime": 2.0, "_timestamp": ${start + 2}, "_step": 1}\n` +
        `{"loss": 0.25, "_runt`,
      'wandb-metadata.json': JSON.stringify(
        {
          program: 'train.py',
          startedAt: '2020-03-01T10:10:10.000000',
          state: 'running',
          mode: 'run',
          name: 'cut-short',
          project: 'legacy-mnist',
          heartbeatAt: '2020-03-01T10:10:13.000000',
        },
        null,
        4,
      ),
    },
  };
}
