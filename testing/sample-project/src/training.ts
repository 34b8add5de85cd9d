import { Canvas, clamp, mix, random, smoothstep, valueNoise, type RGB } from './canvas.js';
import { encodePng } from './png.js';
import type { Look, Scene } from './scenes.js';

/** How one imaginary fine-tune learns. */
export interface TrainingProfile {
  learningRate: number;
  /** The step from which training diverges: loss climbs, samples oversaturate and break up. */
  divergesAt?: number;
}

/** The sampling seed every run uses, so all runs start from the same base-model pictures at step 0. */
const SAMPLING_SEED = 42;
/** The base model's colour cast before it learns the prompts' palettes. */
const BASE_CAST: RGB = [0.62, 0.52, 0.78];

/** The scenes' size in canvas units, and the pixel size of the preview samples. */
export const SIZE = 128;

/** Quality 0..1 of what the model draws for a prompt: fast for a larger learning rate, slower for harder prompts. */
export function quality(profile: TrainingProfile, step: number, difficulty: number): number {
  const progress = 1 - Math.exp((-step * profile.learningRate * 6.5) / difficulty);
  return 0.05 + 0.95 * progress;
}

/** How far past divergence the run is, 0..1. */
export function divergence(profile: TrainingProfile, step: number): number {
  return profile.divergesAt === undefined ? 0 : smoothstep(profile.divergesAt, profile.divergesAt + 450, step);
}

/**
 * The sample the model produces for one prompt at one step, as a PNG. The sampling noise is
 * fixed per prompt, as training scripts sample with a fixed seed: successive steps show the same
 * picture sharpening rather than new random pictures, and every run starts from the same
 * base-model picture at step 0. `size` is the image's width and height in pixels: the same
 * picture at any resolution.
 */
export function renderSample(sample: Sample, size = SIZE): Uint8Array {
  return encodePng(size, size, samplePixels(sample, size));
}

/** One sample to draw: which prompt (its scene, index and difficulty), for which run, at which step. */
export interface Sample {
  scene: Scene;
  profile: TrainingProfile;
  step: number;
  prompt: number;
  difficulty: number;
}

/**
 * What the model gets right of a sample so far (see {@link Look}): where each part of the scene is
 * drawn and how large, in scene units. Detections of the sample's objects are placed from it.
 */
export function sampleLook({ profile, step, prompt, difficulty }: Omit<Sample, 'scene'>): Look {
  const q = quality(profile, step, difficulty);
  const chaos = divergence(profile, step);
  const errors = random(samplingSeed(prompt));
  const drift = Array.from({ length: 12 }, () => [errors() * 2 - 1, errors() * 2 - 1, errors() * 2 - 1] as const);
  const wrong = 1 - smoothstep(0.05, 0.8, q);
  return {
    detail: q * (1 - 0.6 * chaos),
    offset: (part) => [drift[part]![0] * 30 * wrong, drift[part]![1] * 22 * wrong],
    scale: (part) => 1 + drift[part]![2] * 0.45 * wrong,
  };
}

function samplingSeed(prompt: number): number {
  return SAMPLING_SEED * 101 + prompt * 7919;
}

/** The RGB pixels of {@link renderSample}. */
export function samplePixels(sample: Sample, size = SIZE): Uint8Array {
  const { scene, profile, step, prompt, difficulty } = sample;
  const q = quality(profile, step, difficulty);
  const chaos = divergence(profile, step);
  const seed = samplingSeed(prompt);
  const look = sampleLook(sample);
  const canvas = new Canvas(size, size, size / SIZE);
  scene(canvas, look);

  // Unlearned structure: noise at two scales over the picture, then blurred together, so early
  // samples are soft colour fields that resolve into the subject as the model learns.
  const coarse = [0, 1, 2].map((c) => valueNoise(seed + c * 31, SIZE, SIZE, 26));
  const medium = [0, 1, 2].map((c) => valueNoise(seed + c * 57 + 5, SIZE, SIZE, 9));
  const amount = 0.55 * Math.pow(1 - q, 1.3);
  const cast = BASE_CAST;
  canvas.map(([r, g, b], x, y) => {
    const grey = 0.3 * r + 0.55 * g + 0.15 * b;
    const color = mix([r, g, b], mix([grey, grey, grey], cast, 0.5), 0.7 * (1 - q));
    return color.map((v, c) => v + (coarse[c]!(x, y) * 0.7 + medium[c]!(x, y) * 0.3) * amount) as unknown as RGB;
  });
  canvas.blur(8 * Math.pow(1 - q, 1.3) + 2 * chaos);
  if (chaos > 0) {
    canvas.map((color, x, y) => {
      const band = Math.sin(y * 0.55 + coarse[0]!(x, y) * 6) * 0.25 * chaos;
      return color.map((v, i) =>
        clamp((v - 0.5) * (1 + 1.8 * chaos) + 0.5 + (i === 1 ? -band : band), 0, 1),
      ) as unknown as RGB;
    });
  }
  return canvas.toRgb8(64);
}
