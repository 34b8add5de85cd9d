import type { Dataset } from '@run-comparer/wandb-client';
import { viewerDataset, type LoggedImage, type Rgb } from './viewer-fixtures.js';

/** A team-scale project in small: many runs, several keys, lists of images, real PNGs. */
export interface TeamShape {
  runs: number;
  keys: string[];
  steps: number[];
  /** Images per list. */
  images: number;
}

/** Run `r` is `run-00`, `run-01`, …; each image a colour of its own (run, key, step, position), so a stale one is told apart. */
export function teamProject({ runs, keys, steps, images }: TeamShape): Dataset {
  const colour = (r: number, k: number, step: number, i: number): Rgb => [
    (r * 37 + i * 90) % 256,
    (k * 53 + step) % 256,
    (r * 11 + k * 29 + Math.floor(step / 256) * 17) % 256,
  ];
  return viewerDataset(
    Array.from({ length: runs }, (_, r) => ({
      id: `run-${String(r).padStart(2, '0')}`,
      images: Object.fromEntries(
        keys.map((key, k) => [
          key,
          Object.fromEntries(
            steps.map((step): [number, LoggedImage[]] => [
              step,
              Array.from({ length: images }, (_, i) => ({ color: colour(r, k, step, i), caption: `prompt ${i}` })),
            ]),
          ),
        ]),
      ),
    })),
  );
}
