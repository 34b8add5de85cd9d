import type { Dataset, HistoryRow, RunRef } from '@run-comparer/wandb-client';
import { colorForIndex } from '../src/context/run-colors.js';

/** Test and story data for the image viewers: real PNGs (drawn on a canvas) logged at known steps. */

export type Rgb = readonly [number, number, number];

/** PNG bytes of a `width × height` image: a solid colour, or whatever `paint` draws. */
export function pngBytes(
  width: number,
  height: number,
  fill: Rgb | ((context: CanvasRenderingContext2D) => void),
): Uint8Array {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  if (typeof fill === 'function') fill(context);
  else {
    context.fillStyle = `rgb(${fill.join(' ')})`;
    context.fillRect(0, 0, width, height);
  }
  const base64 = canvas.toDataURL('image/png').split(',')[1]!;
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The same image as a `data:` URL. */
export function pngDataUrl(
  width: number,
  height: number,
  fill: Rgb | ((context: CanvasRenderingContext2D) => void),
): string {
  const bytes = pngBytes(width, height, fill);
  return `data:image/png;base64,${btoa(String.fromCharCode(...bytes))}`;
}

export interface LoggedImage {
  color: Rgb;
  caption?: string;
  width?: number;
  height?: number;
}

export interface ViewerRunSpec {
  id: string;
  name?: string;
  /** key → step → one image (logged as `image-file`) or a list (`images/separated`). */
  images: Record<string, Record<number, LoggedImage | LoggedImage[]>>;
}

export const ENTITY = 'acme';
export const PROJECT = 'diffusion';

/** A project whose runs log the given images; every file is a real PNG. */
export function viewerDataset(runs: ViewerRunSpec[]): Dataset {
  return {
    entity: ENTITY,
    project: PROJECT,
    runs: runs.map((spec, r) => {
      const rows = new Map<number, HistoryRow>();
      const files: Record<string, Uint8Array> = {};
      for (const [key, bySteps] of Object.entries(spec.images)) {
        for (const [stepText, logged] of Object.entries(bySteps)) {
          const step = Number(stepText);
          const list = Array.isArray(logged) ? logged : [logged];
          const paths = list.map((image, i) => {
            const path = `media/images/${key.replace(/\//g, '_')}_${step}_${i}_${spec.id}.png`;
            files[path] = pngBytes(image.width ?? 8, image.height ?? 8, image.color);
            return path;
          });
          const row = rows.get(step) ?? { _step: step };
          const first = list[0]!;
          row[key] = Array.isArray(logged)
            ? {
                _type: 'images/separated',
                filenames: paths,
                captions: list.map((image) => image.caption ?? ''),
                count: list.length,
                width: first.width ?? 8,
                height: first.height ?? 8,
                format: 'png',
              }
            : {
                _type: 'image-file',
                path: paths[0],
                caption: first.caption,
                width: first.width ?? 8,
                height: first.height ?? 8,
                format: 'png',
              };
          rows.set(step, row);
        }
      }
      return {
        id: spec.id,
        displayName: spec.name ?? spec.id,
        state: 'finished' as const,
        createdAt: new Date(Date.UTC(2026, 10, 20) - r * 3_600_000).toISOString(),
        history: [...rows.values()].sort((a, b) => a._step - b._step),
        files,
      };
    }),
  };
}

export const refOf = (runId: string): RunRef => ({ entity: ENTITY, project: PROJECT, runId });

/** The dataset's runs as a selection holds them: ref, run name and colour. */
export function selectionOf(dataset: Dataset) {
  return dataset.runs.map((run, i) => ({
    ref: refOf(run.id),
    run: { displayName: run.displayName },
    color: colorForIndex(i),
  }));
}

export const RED: Rgb = [220, 40, 40];
export const GREEN: Rgb = [40, 200, 60];
export const BLUE: Rgb = [40, 60, 220];
export const GREY: Rgb = [128, 128, 128];

/**
 * Three runs: `amber` logs a list of two prompts under `samples/grid` at 0, 100 and 200 and a
 * single `val/hero` at 0 and 200; `brook` logs the list (prompts reversed) at 0 and 150 only;
 * `cedar` starts late, at 200.
 */
export function threeRunProject(): Dataset {
  const list = (a: Rgb, b: Rgb) => [
    { color: a, caption: 'a red fox in snow' },
    { color: b, caption: 'a lighthouse at dusk' },
  ];
  const reversed = (a: Rgb, b: Rgb) => list(a, b).reverse();
  return viewerDataset([
    {
      id: 'amber',
      name: 'amber-glade-3',
      images: {
        'samples/grid': { 0: list(RED, BLUE), 100: list(RED, BLUE), 200: list(RED, BLUE) },
        'val/hero': { 0: { color: GREEN, caption: 'hero shot' }, 200: { color: GREEN, caption: 'hero shot' } },
      },
    },
    {
      id: 'brook',
      name: 'brook-fern-2',
      images: {
        'samples/grid': { 0: reversed(RED, BLUE), 150: reversed(RED, BLUE) },
      },
    },
    { id: 'cedar', name: 'cedar-moss-1', images: { 'samples/grid': { 200: list(GREY, GREY) } } },
  ]);
}
