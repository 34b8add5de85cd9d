import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DENOISING_KEY,
  DETECTION_CLASSES,
  DETECTIONS_KEY,
  encodePng,
  MEDIA_RUN,
  PREVIEW_SIZE,
  PROMPTS,
  RUN_PLANS,
  SAMPLE_ENTITY,
  SAMPLE_OUTPUT,
  SAMPLE_PROJECT,
  VALIDATION,
  VALIDATION_SIZE,
  writeSampleProject,
} from '@run-comparer/sample-project';
import { diffConfigs } from '../../src/config/config-diff.js';
import { openLocalRuns } from '../../src/local/index.js';
import { loadOverlays } from '../../src/media-values/load-overlays.js';
import { alignOnAxis } from '../../src/step-axis.js';
import { tempDir } from './helpers.js';

const ref = (runId: string) => ({ entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT, runId });

/** Regular files below `dir` (symlinks such as latest-run are not followed). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** Width, height and RGB pixels of a PNG this encoder wrote (8-bit RGB, filters 0-4). */
function decodePng(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const a = i >= 3 ? rgb[y * stride + i - 3]! : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + i]! : 0;
      const c = i >= 3 && y > 0 ? rgb[(y - 1) * stride + i - 3]! : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predicted = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      rgb[y * stride + i] = (raw[y * (stride + 1) + 1 + i]! + predicted) & 0xff;
    }
  }
  return { width, height, rgb };
}

/** The frames of a GIF: its image descriptors, found by walking its blocks. */
function gifFrames(gif: Buffer): number {
  expect(gif.toString('latin1', 0, 6)).toBe('GIF89a');
  const packed = gif[10]!;
  let at = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  const skipSubBlocks = () => {
    while (gif[at]! !== 0) at += gif[at]! + 1;
    at++;
  };
  let frames = 0;
  for (;;) {
    const block = gif[at++]!;
    if (block === 0x3b) return frames;
    if (block === 0x21) {
      at++; // label
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames++;
      const local = gif[at + 8]!;
      at += 9 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0) + 1; // descriptor, colour table, LZW code size
      skipSubBlocks();
    } else {
      throw new Error(`not a GIF block: 0x${block.toString(16)} at byte ${at - 1}`);
    }
  }
}

describe('the bundled sample project', () => {
  const source = openLocalRuns({ dir: join(SAMPLE_OUTPUT, '..') });

  it('is four runs of one project, one of them killed partway with a torn tail', async () => {
    expect(await source.projects()).toEqual([{ entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT }]);
    const { runs } = await source.list({ entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT, order: '+created_at' });
    expect(runs.map((r) => [r.displayName, r.state, r.lastStep, r.config.learning_rate])).toEqual([
      ['lr-1e-4-baseline', 'finished', 3000, 1e-4],
      ['lr-3e-4', 'finished', 3000, 3e-4],
      ['lr-3e-5', 'finished', 3000, 3e-5],
      ['lr-1e-3-diverged', 'crashed', 1150, 1e-3],
    ]);
    expect(runs[3]!.warnings.map((w) => w.code)).toEqual(['truncated_file']);
    expect(runs[3]!.summary['train/loss']).toBeNaN();
    expect(runs[1]!.summary.best_sample).toMatchObject({
      _type: 'image-file',
      caption: expect.stringMatching(/^best validation sample/),
    });
  });

  it('differs in three hyperparameters and logs epoch and metrics, one run at twice the epochs per step', async () => {
    const { runs } = await source.list({ entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT, order: '+created_at' });
    const { differing } = diffConfigs(runs.map((run) => run.config));
    expect(differing).toEqual(expect.arrayContaining(['learning_rate', 'lora_rank', 'seed']));
    for (const run of runs) {
      expect(await source.scalarKeys(ref(run.id))).toEqual(
        expect.arrayContaining(['epoch', 'eval/fid', 'train/loss', 'val/loss']),
      );
    }
    const keys = ['samples/prompts'];
    const onEpochs = await Promise.all(
      runs.map(async (run) => {
        const index = await source.steps(ref(run.id), { keys, axis: 'epoch' });
        return { steps: index.steps, values: index.axis!.values };
      }),
    );
    // Epoch 4: step 1000 at batch 8, step 500 at batch 16 (lr-3e-4), and the diverged run's last samples before it.
    expect(alignOnAxis(onEpochs, 4).map((match) => match?.step)).toEqual([1000, 500, 750, 900]);
    const fid = await source.historyAt(ref('lr3e4fast'), { keys: ['eval/fid', 'train/loss'], step: 2500 });
    expect(fid.byKey['eval/fid']!.step).toBe(2000);
    expect(fid.byKey['train/loss']!.step).toBe(2500);
  });

  it('logs captioned prompt lists and single validation images on each run’s own schedule', async () => {
    for (const plan of RUN_PLANS) {
      const index = await source.steps(ref(plan.id), { keys: ['samples/prompts', 'val/fixed_seed'] });
      const last = plan.lastStep - (plan.lastStep % plan.sampleEvery);
      expect(index.byKey['samples/prompts']).toEqual(
        Array.from({ length: last / plan.sampleEvery + 1 }, (_, i) => i * plan.sampleEvery),
      );
      expect(index.byKey['val/fixed_seed']).toEqual([0, 1000, 2000, 3000].filter((s) => s <= plan.lastStep));
      const [prompts, val] = await source.at(ref(plan.id), { keys: ['samples/prompts', 'val/fixed_seed'], step: 0 });
      expect(prompts!.images.map((i) => i.caption)).toEqual(PROMPTS.map((p) => p.caption));
      expect(val!.images).toEqual([
        expect.objectContaining({
          caption: VALIDATION.caption,
          width: VALIDATION_SIZE,
          height: VALIDATION_SIZE,
          format: 'png',
        }),
      ]);
    }
  });

  it('carries a denoising GIF and an image with boxes and a mask in the baseline run', async () => {
    const run = ref(MEDIA_RUN);
    expect(await source.keys(run)).toEqual(expect.arrayContaining([DENOISING_KEY, DETECTIONS_KEY]));
    expect((await source.steps(run, { keys: [DENOISING_KEY, DETECTIONS_KEY] })).byKey).toEqual({
      [DENOISING_KEY]: [0, 1000, 2000, 3000],
      [DETECTIONS_KEY]: [0, 1000, 2000, 3000],
    });
    const [video, detections] = await source.at(run, { keys: [DENOISING_KEY, DETECTIONS_KEY], step: 3000 });
    expect(video!.images).toEqual([expect.objectContaining({ kind: 'video', format: 'gif', width: 96, height: 96 })]);
    const [gif] = await source.mediaUrl(run, [video!.images[0]!.path]);
    expect(gifFrames(readFileSync(fileURLToPath(gif!.url!)))).toBe(8);

    const overlays = await loadOverlays(source, run, DETECTIONS_KEY, detections!.images[0]!);
    const labels = Object.entries(DETECTION_CLASSES).map(([id, name]) => ({ id: Number(id), name }));
    expect(overlays.problems).toEqual([]);
    expect(overlays.boxes.map((layer) => [layer.name, layer.boxes.length, layer.classLabels])).toEqual([
      ['predictions', 2, labels],
      ['ground_truth', 2, labels],
    ]);
    // Learned by step 3000: the predicted apple is where the ground truth puts it.
    const [predicted, truth] = overlays.boxes.map((layer) => layer.boxes.find((box) => box.classId === 1)!);
    for (const side of ['minX', 'maxX', 'minY', 'maxY'] as const)
      expect(Math.abs(predicted![side] - truth![side])).toBeLessThan(1);
    const [mask] = overlays.masks;
    expect(mask!.classLabels).toEqual(labels);
    const png = readFileSync(fileURLToPath(mask!.url!));
    // One 8-bit grey channel of class ids, 128 px square.
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([PREVIEW_SIZE, PREVIEW_SIZE, 8, 0]);
  });

  it('holds real PNGs for every logged image (128 px previews, 512 px validation), the same base picture in every run at step 0, under 2.5 MB in all', async () => {
    const firstPictures = new Set<string>();
    const sizes = { 'samples/prompts': PREVIEW_SIZE, 'val/fixed_seed': VALIDATION_SIZE } as const;
    for (const plan of RUN_PLANS) {
      const [index] = await source.index([ref(plan.id)], { keys: Object.keys(sizes) });
      for (const [key, size] of Object.entries(sizes)) {
        for (const set of index!.byKey[key]!) {
          const urls = await source.mediaUrl(
            ref(plan.id),
            set.images.map((i) => i.path),
          );
          for (const { url } of urls) {
            const png = decodePng(readFileSync(fileURLToPath(url!)));
            expect([png.width, png.height]).toEqual([size, size]);
            if (set.step === 0) firstPictures.add(Buffer.from(png.rgb).toString('base64').slice(0, 4000));
          }
        }
      }
    }
    expect(firstPictures.size).toBe(PROMPTS.length + 1);
    expect(PREVIEW_SIZE).toBe(128);
    expect(VALIDATION_SIZE).toBeGreaterThanOrEqual(512);
    const total = filesUnder(SAMPLE_OUTPUT).reduce((sum, file) => sum + statSync(file).size, 0);
    expect(total).toBeLessThan(2.5 * 1024 * 1024);
  });

  it('shows learning: samples approach the learned picture, sooner with a larger learning rate', async () => {
    const pixels = async (runId: string, step: number, image: number) => {
      const [set] = await source.at(ref(runId), { keys: ['samples/prompts'], step });
      const [media] = await source.mediaUrl(ref(runId), [set!.images[image]!.path]);
      return decodePng(readFileSync(fileURLToPath(media!.url!))).rgb;
    };
    const distance = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
    for (let image = 0; image < PROMPTS.length; image++) {
      const learned = await pixels('lr3e4fast', 3000, image);
      const far = async (runId: string, step: number) => distance(await pixels(runId, step, image), learned);
      expect(await far('lr1e4base', 3000)).toBeLessThan(await far('lr1e4base', 1500));
      expect(await far('lr1e4base', 1500)).toBeLessThan(await far('lr1e4base', 0));
      expect(await far('lr3e4fast', 1000)).toBeLessThan(await far('lr1e4base', 1000));
      expect(await far('lr1e4base', 1500)).toBeLessThan(await far('lr3e5slow', 1500));
      expect(await far('lr1e3oom', 900)).toBeGreaterThan(await far('lr1e3oom', 600));
    }
  });

  it('is what the generator writes today, byte for byte', { timeout: 180_000 }, async () => {
    const dir = await tempDir('sample-');
    writeSampleProject(join(dir, 'wandb'));
    const fresh = filesUnder(join(dir, 'wandb'))
      .map((file) => relative(join(dir, 'wandb'), file))
      .sort();
    const committed = filesUnder(SAMPLE_OUTPUT)
      .map((file) => relative(SAMPLE_OUTPUT, file))
      .sort();
    expect(fresh).toEqual(committed);
    expect(readlinkSync(join(dir, 'wandb', 'latest-run'))).toBe(readlinkSync(join(SAMPLE_OUTPUT, 'latest-run')));
    for (const file of fresh) {
      if (!readFileSync(join(dir, 'wandb', file)).equals(readFileSync(join(SAMPLE_OUTPUT, file))))
        expect.fail(`${file} differs: run npm run generate -w @run-comparer/sample-project`);
    }
  });

  it('encodes PNGs that decode to the same pixels', () => {
    const rgb = Uint8Array.from({ length: 7 * 5 * 3 }, (_, i) => (i * 37) % 256);
    expect(decodePng(Buffer.from(encodePng(7, 5, rgb)))).toEqual({ width: 7, height: 5, rgb });
  });
});
