import {
  createMemorySource,
  isMediaValue,
  NotFoundError,
  type Dataset,
  type DatasetRun,
  type HistoryRow,
  type MediaUrl,
  type RunSource,
} from '@run-comparer/wandb-client';
import { dataset as sample, mediaBaseUrl } from 'virtual:run-comparer/sample-project';

/**
 * Story data: the bundled sample project (four LoRA runs of a learning-rate sweep, each sampling
 * four prompts and a fixed-seed validation image; the three that finished keep their best
 * validation image in the summary only, and the baseline also logs a denoising GIF and an image
 * with boxes and a mask; read from the committed .wandb files) and projects made from it. Every
 * image, video and overlay is one of the sample's real files, served as a static file.
 */

export const SAMPLE_ENTITY = sample.entity;
export const SAMPLE_PROJECT = sample.project;
export const PROMPTS_KEY = 'samples/prompts';
export const VALIDATION_KEY = 'val/fixed_seed';
/** Logged only in the summary of the runs that finished: shown at their last step. */
export const BEST_SAMPLE_KEY = 'best_sample';

/** The sample's run ids, by what they show. */
export const RUN = {
  baseline: 'lr1e4base',
  fast: 'lr3e4fast',
  slow: 'lr3e5slow',
  diverged: 'lr1e3oom',
} as const;

/** Which sample run holds each media file (derived projects reuse the sample's files). */
const fileOwner = new Map<string, string>();
for (const run of sample.runs)
  for (const path of mediaPaths(run)) if (!fileOwner.has(path)) fileOwner.set(path, run.id);

/** The files a run's media values name: images, videos, image lists, and the boxes and masks drawn over images. */
function mediaPaths(run: DatasetRun): string[] {
  const pathsOf = (value: unknown): string[] => {
    const logged = value as { _type?: string; path?: string; filenames?: string[]; boxes?: object; masks?: object };
    if (logged?._type === 'images/separated') return logged.filenames ?? [];
    if (logged?._type !== 'image-file' && logged?._type !== 'video-file') return [];
    const overlays = [...Object.values(logged.boxes ?? {}), ...Object.values(logged.masks ?? {})] as Array<{
      path?: string;
    }>;
    return [logged.path, ...overlays.map((layer) => layer.path)].filter((path): path is string => !!path);
  };
  return [...run.history, run.summary ?? {}].flatMap((row) => Object.values(row).flatMap(pathsOf));
}

/**
 * The run's summary without its media: for a derived run whose history no longer holds the
 * sample's media (else the summary's last values would show as summary-only keys).
 */
function summaryWithoutMedia(run: DatasetRun): Record<string, unknown> {
  return Object.fromEntries(Object.entries(run.summary ?? {}).filter(([, value]) => !isMediaValue(value)));
}

export function sampleProject(): Dataset {
  return structuredClone(sample);
}

/**
 * A memory source over `dataset` (the sample by default) whose media URLs point at the sample's
 * image files; `latencyMs` delays every answer.
 */
export function storySource(dataset: Dataset = sample, { latencyMs = 0 } = {}): RunSource {
  const inner = createMemorySource(dataset, { mediaBaseUrl, latencyMs });
  return {
    ...inner,
    async mediaUrl(ref, paths, options): Promise<MediaUrl[]> {
      await inner.mediaUrl(ref, paths, options); // the memory source's checks and latency
      return paths.map((path) => {
        const owner = fileOwner.get(path);
        if (!owner) throw new NotFoundError('file', path, `No sample image at ${path}.`);
        const url = `${mediaBaseUrl}/${owner}/${path.split('/').map(encodeURIComponent).join('/')}`;
        return { path, url, expiresAt: null, missing: null };
      });
    },
  };
}

/** The sample source every story without special needs shares (so caches survive arg changes). */
export const sampleSource = storySource();

// ---- projects made from the sample ---------------------------------------------------------

function project(runs: DatasetRun[], name = SAMPLE_PROJECT): Dataset {
  return { entity: SAMPLE_ENTITY, project: name, runs };
}

function sampleRun(id: string): DatasetRun {
  const run = sample.runs.find((r) => r.id === id);
  if (!run) throw new Error(`The sample project has no run ${id}.`);
  return structuredClone(run);
}

/** Only the `lr-3e-4` run. */
export function oneRunProject(): Dataset {
  return project([sampleRun(RUN.fast)]);
}

/** A project nobody has logged to yet. */
export function emptyProject(): Dataset {
  return project([], 'new-project');
}

/** The sample plus a run that logged metrics but no images. */
export function withImagelessRun(): Dataset {
  const base = sampleRun(RUN.baseline);
  const imageless: DatasetRun = {
    ...base,
    id: 'evalonly',
    displayName: 'eval-metrics-only',
    tags: ['eval'],
    createdAt: '2026-10-05T10:00:00.000Z',
    history: base.history.map((row) => ({ _step: row._step })),
    summary: summaryWithoutMedia(base),
  };
  return project([...sample.runs.map((r) => structuredClone(r)), imageless]);
}

const STATES = ['finished', 'finished', 'running', 'finished', 'crashed', 'finished', 'failed'] as const;

/**
 * `count` runs (a seed sweep over the four sample runs, newest first) that log the sample's
 * images, with a mix of states, users and tags.
 */
export function manyRunsProject(count = 60): Dataset {
  const users = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson'];
  return project(
    Array.from({ length: count }, (_, i) => {
      const origin = sample.runs[i % sample.runs.length]!;
      const seed = Math.floor(i / sample.runs.length);
      const user = users[i % users.length]!;
      return {
        ...structuredClone(origin),
        id: `${origin.id}s${seed}`,
        displayName: `${origin.displayName}-seed${seed}`,
        state: STATES[i % STATES.length]!,
        createdAt: new Date(Date.parse('2026-10-20T12:00:00Z') - i * 47 * 60_000).toISOString(),
        user: { name: user, username: user.split(' ')[0]!.toLowerCase() },
        tags: [...(origin.tags ?? []), `seed-${seed}`],
        group: `seed-sweep-${Math.floor(seed / 5)}`,
      };
    }),
  );
}

const LONG_PROMPTS: Record<string, string> = {
  'a red apple on a wooden table, studio light':
    'a glossy red apple with a single drop of water on a weathered oak table beside a rain-streaked window, soft studio key light from the left, shallow depth of field, 85 mm lens, ultra-detailed, photorealistic',
  'a red and white lighthouse on a cliff at sunset':
    'a red and white striped lighthouse on a jagged basalt cliff at sunset, waves crashing far below, long exposure, warm orange and violet sky, seabirds in the distance, cinematic wide shot, highly detailed',
  'a blue origami crane on white paper':
    'a delicate blue origami crane folded from patterned washi paper, resting on a sheet of textured white cotton paper, overhead soft-box lighting, macro photography, crisp creases, minimal composition',
  'a field of sunflowers under a starry night sky':
    'a vast field of tall sunflowers under a starry night sky with the Milky Way arching overhead, a lone farmhouse with one lit window on the horizon, painted in thick impasto brush strokes, dreamy, vivid',
  'validation, seed 42: a snowy mountain village':
    'validation, seed 42: a snowy mountain village at dusk, warm light in every window, smoke curling from stone chimneys, pine forest on the slopes behind, fresh powder on the rooftops, tilt-shift miniature look',
};

/** The sample with long, detailed prompts as captions. */
export function longCaptionsProject(): Dataset {
  const withLongCaptions = (row: HistoryRow): HistoryRow =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => {
        const logged = value as { captions?: string[]; caption?: string };
        if (Array.isArray(logged?.captions)) return [key, { ...logged, captions: logged.captions.map(longer) }];
        if (typeof logged?.caption === 'string') return [key, { ...logged, caption: longer(logged.caption) }];
        return [key, value];
      }),
    ) as HistoryRow;
  const longer = (caption: string) => LONG_PROMPTS[caption] ?? caption;
  return project(sample.runs.map((run) => ({ ...structuredClone(run), history: run.history.map(withLongCaptions) })));
}

export const GRID_KEY = 'samples/grid_4x4';

interface LoggedList {
  filenames: string[];
  captions: string[];
  width: number;
  height: number;
}

/** The prompt list `run` logged at `step` or, failing that, at the nearest step before it. */
function promptsAtOrBefore(run: DatasetRun, step: number): LoggedList | undefined {
  const row = run.history.findLast((r) => r._step <= step && r[PROMPTS_KEY]);
  return row?.[PROMPTS_KEY] as LoggedList | undefined;
}

/**
 * Two runs that log a 4×4 grid as one list of 16 images under `samples/grid_4x4` (four prompts,
 * four seeds each: the sample runs' renderings of that prompt) every 500 steps, next to the
 * sample's `lr-3e-4` run, which logs the usual keys instead.
 */
export function sixteenImagesProject(): Dataset {
  const gridRun = (id: string, displayName: string, seeds: string[], createdAt: string): DatasetRun => {
    const origins = seeds.map(sampleRun);
    const history: HistoryRow[] = [];
    for (let step = 0; step <= 3000; step += 500) {
      const lists = origins.map((origin) => promptsAtOrBefore(origin, step)!);
      const order = lists[0]!.captions.flatMap((caption, prompt) =>
        lists.map((list, seed) => ({ caption, prompt, seed, list })),
      );
      history.push({
        _step: step,
        [GRID_KEY]: {
          _type: 'images/separated',
          format: 'png',
          width: lists[0]!.width,
          height: lists[0]!.height,
          count: order.length,
          filenames: order.map(({ list, prompt }) => list.filenames[prompt]!),
          captions: order.map(({ caption, seed }) => `${caption} · seed ${seed + 1}`),
        },
      });
    }
    const origin = sampleRun(seeds[0]!);
    return {
      ...origin,
      id,
      displayName,
      createdAt,
      tags: ['lora', 'grid'],
      history,
      summary: summaryWithoutMedia(origin),
    };
  };
  return project([
    gridRun('grid16a', 'grid-4x4-lr-3e-4', [RUN.fast, RUN.baseline, RUN.slow, RUN.diverged], '2026-10-06T09:00:00Z'),
    gridRun('grid16b', 'grid-4x4-lr-1e-4', [RUN.baseline, RUN.slow, RUN.fast, RUN.diverged], '2026-10-06T08:00:00Z'),
    sampleRun(RUN.fast),
  ]);
}
