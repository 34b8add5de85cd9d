import type { Dataset, DatasetRun, HistoryRow, RunState } from '@run-comparer/wandb-client';

/**
 * A sample project for stories and demos without a server: six diffusion fine-tuning runs that
 * log a 4-prompt sample grid and an EMA sample as SVG images, which sharpen as training goes on.
 */
const PROMPTS = [
  'a koi pond at dawn, watercolor',
  'a brass telescope on a desk',
  'a lighthouse in fog',
  'a red fox in fresh snow',
];

interface StoryRun {
  id: string;
  name: string;
  state: RunState;
  hue: number;
  lastStep: number;
  every: number;
  tags: string[];
  group: string;
  user: string;
  hoursAgo: number;
}

const RUNS: StoryRun[] = [
  {
    id: 'q7k2m9xa',
    name: 'lora-r16-lr1e-4',
    state: 'running',
    hue: 200,
    lastStep: 1100,
    every: 100,
    tags: ['lora', 'r16'],
    group: 'sweep-lr',
    user: 'Ada Lovelace',
    hoursAgo: 1,
  },
  {
    id: 'p3n8v1zb',
    name: 'lora-r16-lr3e-4',
    state: 'finished',
    hue: 20,
    lastStep: 1500,
    every: 100,
    tags: ['lora', 'r16'],
    group: 'sweep-lr',
    user: 'Ada Lovelace',
    hoursAgo: 5,
  },
  {
    id: 'm1c5t4yd',
    name: 'lora-r64-lr1e-4',
    state: 'crashed',
    hue: 140,
    lastStep: 700,
    every: 100,
    tags: ['lora', 'r64'],
    group: 'sweep-rank',
    user: 'Grace Hopper',
    hoursAgo: 9,
  },
  {
    id: 'h6w2r8ke',
    name: 'full-ft-lr5e-6',
    state: 'finished',
    hue: 290,
    lastStep: 1500,
    every: 250,
    tags: ['full'],
    group: 'baselines',
    user: 'Grace Hopper',
    hoursAgo: 30,
  },
  {
    id: 'f9s3j5lc',
    name: 'dora-r16-lr1e-4',
    state: 'failed',
    hue: 50,
    lastStep: 300,
    every: 100,
    tags: ['dora'],
    group: 'sweep-rank',
    user: 'Alan Turing',
    hoursAgo: 52,
  },
  {
    id: 'b2x7d4ng',
    name: 'base-sdxl-eval',
    state: 'finished',
    hue: 330,
    lastStep: 0,
    every: 100,
    tags: ['baseline', 'eval'],
    group: 'baselines',
    user: 'Alan Turing',
    hoursAgo: 200,
  },
];

function svgImage(hue: number, seed: number, progress: number, shape: number): Uint8Array {
  const noise = (0.85 * (1 - progress)).toFixed(2);
  const size = (30 + 45 * progress).toFixed(1);
  const figure = [
    `<circle cx="128" cy="124" r="${size}" fill="hsl(${hue + 180} 80% 72%)"/>`,
    `<rect x="${128 - +size}" y="${124 - +size}" width="${2 * +size}" height="${2 * +size}" rx="18" fill="hsl(${hue + 150} 75% 70%)" transform="rotate(${20 * progress} 128 124)"/>`,
    `<path d="M128 ${124 - +size}L${128 + +size} ${124 + +size * 0.8}H${128 - +size}Z" fill="hsl(${hue + 200} 80% 74%)"/>`,
    `<ellipse cx="128" cy="130" rx="${+size * 1.2}" ry="${+size * 0.7}" fill="hsl(${hue + 120} 70% 76%)"/>`,
  ][shape % 4];
  const text = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><defs><linearGradient id="g" x2="1" y2="1"><stop stop-color="hsl(${hue} 65% 55%)"/><stop offset="1" stop-color="hsl(${hue + 40} 70% 22%)"/></linearGradient><filter id="n"><feTurbulence type="fractalNoise" baseFrequency="0.8" numOctaves="2" seed="${seed}"/><feColorMatrix type="saturate" values="0"/></filter></defs><rect width="256" height="256" fill="url(#g)"/>${figure}<rect width="256" height="256" filter="url(#n)" opacity="${noise}"/></svg>`;
  return new TextEncoder().encode(text);
}

function storyRun(spec: StoryRun, index: number): DatasetRun {
  const history: HistoryRow[] = [];
  const files: Record<string, Uint8Array> = {};
  for (let step = 0; step <= spec.lastStep; step += spec.every) {
    const progress = Math.min(1, step / 1500);
    const filenames = PROMPTS.map((_, i) => `media/images/samples/grid_${step}_${i}_${spec.id}.svg`);
    filenames.forEach((path, i) => (files[path] = svgImage(spec.hue, step + i + index * 97, progress, i)));
    const ema = `media/images/samples/ema_${step}_${spec.id}.svg`;
    files[ema] = svgImage(spec.hue + 10, step + 7 + index, Math.min(1, progress * 1.15), index);
    history.push({
      _step: step,
      'train/loss': 0.5 * Math.exp(-step / 600) + 0.05,
      'samples/grid': {
        _type: 'images/separated',
        width: 256,
        height: 256,
        format: 'svg',
        count: 4,
        filenames,
        captions: PROMPTS,
      },
      'samples/ema': {
        _type: 'image-file',
        path: ema,
        width: 256,
        height: 256,
        format: 'svg',
        caption: PROMPTS[index % 4],
      },
    });
  }
  return {
    id: spec.id,
    displayName: spec.name,
    state: spec.state,
    createdAt: new Date(Date.now() - spec.hoursAgo * 3_600_000).toISOString(),
    user: { name: spec.user, username: spec.user.split(' ')[0]!.toLowerCase() },
    tags: spec.tags,
    group: spec.group,
    jobType: 'finetune',
    history,
    files,
  };
}

export function storyProject(): Dataset {
  return { entity: 'acme', project: 'sdxl-finetune', runs: RUNS.map(storyRun) };
}
