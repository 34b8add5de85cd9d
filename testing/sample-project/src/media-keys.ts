import { createHash } from 'node:crypto';
// @ts-expect-error gifenc 1.0.3 ships no types: the part used is typed below.
import * as gifencModule from 'gifenc';
import { valueNoise } from './canvas.js';
import { encodeGrayPng } from './png.js';
import { redApple, type Scene } from './scenes.js';
import { renderSample, sampleLook, samplePixels, SIZE, type TrainingProfile } from './training.js';

/**
 * The sample's media beyond plain images, logged by one run (the baseline, so the runs the page
 * opens on show the usual keys): a short GIF of the sampler denoising one prompt (`wandb.Video`),
 * and the red-apple sample with boxes and a segmentation mask (`wandb.Image(boxes=..., masks=...)`),
 * all shaped and named as wandb writes them.
 */

/** The run that logs them. */
export const MEDIA_RUN = 'lr1e4base';
export const DENOISING_KEY = 'samples/denoising';
export const DETECTIONS_KEY = 'val/detections';

/** The classes of the detections, by id (0 is the mask's background). */
export const DETECTION_CLASSES: Readonly<Record<number, string>> = { 0: 'background', 1: 'apple', 2: 'table' };

const DENOISING_SIZE = 96;
const DENOISING_FRAMES = 8;
/** wandb.Video's default frame rate. */
const FPS = 4;
const APPLE_PROMPT = 0;

/** The part of gifenc (a pure-JS GIF encoder) used here. */
interface Gifenc {
  GIFEncoder(): {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      options: { palette: number[][]; delay: number; repeat: number },
    ): void;
    finish(): void;
    bytes(): Uint8Array;
  };
  quantize(rgba: Uint8Array, maxColors: number): number[][];
  applyPalette(rgba: Uint8Array, palette: number[][]): Uint8Array;
}

// Node imports gifenc's CommonJS build (its API is the default export); Vite its ESM build (named exports).
const gifenc = gifencModule as Partial<Gifenc> & { default: Gifenc };
const { GIFEncoder, quantize, applyPalette }: Gifenc =
  typeof gifenc.GIFEncoder === 'function' ? (gifenc as Gifenc) : gifenc.default;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A media file as wandb names it (`media/<dir>/<key>_<step>_<sha256[:20]>.<ext>`), stored in `files`. */
function store(
  files: Record<string, Uint8Array>,
  dir: string,
  key: string,
  step: number,
  ext: string,
  bytes: Uint8Array,
) {
  const hash = sha256(bytes);
  const path = `media/${dir}/${key}_${step}_${hash.slice(0, 20)}.${ext}`;
  files[path] = bytes;
  return { path, sha256: hash, size: bytes.length };
}

/**
 * Eight frames of the sampler turning smooth noise into the sample the model draws at `step`, as
 * a looping GIF (256 colours, 250 ms a frame: what wandb's imageio writer makes of a 4 fps array).
 */
export function denoisingGif(scene: Scene, profile: TrainingProfile, step: number, difficulty: number): Uint8Array {
  const size = DENOISING_SIZE;
  const final = samplePixels({ scene, profile, step, prompt: APPLE_PROMPT, difficulty }, size);
  const noise = [0, 1, 2].map((c) => valueNoise(4242 + c * 17, size, size, 16));
  const gif = GIFEncoder();
  for (let frame = 0; frame < DENOISING_FRAMES; frame++) {
    const t = Math.pow(frame / (DENOISING_FRAMES - 1), 1.5);
    const rgba = new Uint8Array(size * size * 4);
    for (let i = 0; i < size * size; i++) {
      const [x, y] = [i % size, Math.floor(i / size)];
      for (let c = 0; c < 3; c++) {
        const grain = 127 + noise[c]!(x, y) * 110;
        rgba[i * 4 + c] = Math.round(grain + (final[i * 3 + c]! - grain) * t);
      }
      rgba[i * 4 + 3] = 255;
    }
    const palette = quantize(rgba, 256);
    gif.writeFrame(applyPalette(rgba, palette), size, size, { palette, delay: 1000 / FPS, repeat: 0 });
  }
  gif.finish();
  return gif.bytes();
}

/** `samples/denoising` at `step`: a `video-file` with the size wandb records for an encoded array. */
export function denoisingValue(
  profile: TrainingProfile,
  step: number,
  difficulty: number,
  caption: string,
  files: Record<string, Uint8Array>,
) {
  const bytes = denoisingGif(redApple, profile, step, difficulty);
  return {
    _type: 'video-file',
    ...store(files, 'videos', DENOISING_KEY, step, 'gif', bytes),
    width: DENOISING_SIZE,
    height: DENOISING_SIZE,
    caption: `denoising: ${caption}`,
  };
}

/**
 * `val/detections` at `step`: the red-apple sample with two box sets and a mask. The predictions
 * box the apple where the model draws it (scored by how sure it looks); the ground truth boxes it
 * where the prompt puts it, so the two meet as the run learns. The mask marks the apple (1) and
 * the table (2) of the drawn picture, one class id a pixel.
 */
export function detectionsValue(
  profile: TrainingProfile,
  step: number,
  difficulty: number,
  caption: string,
  files: Record<string, Uint8Array>,
) {
  const key = DETECTIONS_KEY;
  const sample = { profile, step, prompt: APPLE_PROMPT, difficulty };
  const image = renderSample({ scene: redApple, ...sample });
  const look = sampleLook(sample);
  const [ax, ay] = look.offset(0);
  const radius = 30 * look.scale(0);
  const apple = { x: 64 + ax, y: 74 + ay };
  const round = (v: number) => Math.round(v * 100) / 100;
  const predictions = {
    box_data: [
      {
        position: {
          minX: round(apple.x - radius),
          maxX: round(apple.x + radius),
          minY: round(apple.y - radius),
          maxY: round(apple.y + radius),
        },
        domain: 'pixel',
        class_id: 1,
        box_caption: `apple ${round(look.detail)}`,
        scores: { confidence: round(look.detail) },
      },
      {
        position: { minX: 0, maxX: 1, minY: round(74 / SIZE), maxY: 1 },
        class_id: 2,
        scores: { confidence: round(0.5 + look.detail / 2) },
      },
    ],
    class_labels: DETECTION_CLASSES,
  };
  const truth = {
    box_data: [
      { position: { middle: [64, 74], width: 60, height: 60 }, domain: 'pixel', class_id: 1, box_caption: 'apple' },
      { position: { minX: 0, maxX: 1, minY: round(74 / SIZE), maxY: 1 }, class_id: 2, box_caption: 'table' },
    ],
  };
  const mask = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++)
      mask[y * SIZE + x] = Math.hypot(x + 0.5 - apple.x, y + 0.5 - apple.y) <= radius ? 1 : y >= 74 ? 2 : 0;
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  return {
    _type: 'image-file',
    ...store(files, 'images', key, step, 'png', image),
    format: 'png',
    width: SIZE,
    height: SIZE,
    caption,
    boxes: {
      predictions: {
        _type: 'boxes2D',
        ...store(files, 'metadata/boxes2D', key, step, 'boxes2D.json', json(predictions)),
      },
      ground_truth: { _type: 'boxes2D', ...store(files, 'metadata/boxes2D', key, step, 'boxes2D.json', json(truth)) },
    },
    masks: {
      segmentation: {
        _type: 'mask',
        ...store(files, 'images/mask', key, step, 'mask.png', encodeGrayPng(SIZE, SIZE, mask)),
      },
    },
  };
}

/** The media {@link MEDIA_RUN} logs at a validation step, about the prompt it samples (the red apple). */
export function mediaOfStep(
  run: TrainingProfile & { id: string },
  step: number,
  prompt: { caption: string; difficulty: number },
  files: Record<string, Uint8Array>,
): Record<string, unknown> {
  if (run.id !== MEDIA_RUN) return {};
  return {
    [DENOISING_KEY]: denoisingValue(run, step, prompt.difficulty, prompt.caption, files),
    [DETECTIONS_KEY]: detectionsValue(run, step, prompt.difficulty, prompt.caption, files),
  };
}

/** The run's config `_wandb` entry: the class labels of {@link DETECTIONS_KEY} (none for the other runs). */
export function mediaConfig(run: { id: string }): Record<string, unknown> {
  return run.id === MEDIA_RUN ? { _wandb: detectionClassConfig() } : {};
}

/**
 * What wandb keeps in the run's config `_wandb` for these labels (`Run._add_singleton`): the box
 * sets' and the mask's class names under `<image key>_wandb_delimeter_<layer>`.
 */
export function detectionClassConfig(): Record<string, unknown> {
  const entry = (type: string, layer: string) => {
    const name = `${DETECTIONS_KEY}_wandb_delimeter_${layer}`;
    return { [name]: { type, key: name, value: DETECTION_CLASSES } };
  };
  return {
    'bounding_box/class_labels': {
      ...entry('bounding_box/class_labels', 'predictions'),
      ...entry('bounding_box/class_labels', 'ground_truth'),
    },
    'mask/class_labels': entry('mask/class_labels', 'segmentation'),
  };
}
