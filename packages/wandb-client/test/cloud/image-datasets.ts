import type { Dataset, DatasetRun, HistoryRow } from '../../src/memory/dataset.js';

const bytes = (label: string) => new TextEncoder().encode(`\x89PNG ${label}`);

/** One run logging every image shape wandb has written, plus a system image and a NaN loss. */
export function shapesDataset(): Dataset {
  const run: DatasetRun = {
    id: 'shapes01',
    displayName: 'every-shape',
    state: 'running',
    createdAt: '2026-03-01T08:00:00Z',
    heartbeatAt: '2026-03-01T09:30:00.250Z',
    user: { name: 'Ada', username: 'ada' },
    config: { lr: 0.001, schedule: { warmup: 100 } },
    summary: { best: 'step 4' },
    history: [],
    files: {},
  };
  const rows: HistoryRow[] = [];
  for (let step = 0; step <= 6; step++) rows.push({ _step: step, 'train/loss': step === 3 ? NaN : 1 / (step + 1) });
  const at = (step: number) => rows[step]!;
  const file = (path: string) => {
    run.files![path] = bytes(path);
    return path;
  };
  at(0)['img/single'] = {
    _type: 'image-file',
    path: file('media/images/img/single_0_abc.png'),
    sha256: 'ab'.repeat(32),
    size: 10,
    format: 'png',
    width: 32,
    height: 16,
    caption: 'a cat',
  };
  at(2)['img/single'] = {
    _type: 'image-file',
    path: file('media/images/img/single_2_def.jpg'),
    format: 'jpg',
    width: 32,
    height: 16,
  };
  at(1)['img/list'] = {
    _type: 'images/separated',
    width: 8,
    height: 8,
    format: 'png',
    count: 2,
    filenames: [file('media/images/img/list_1_a.png'), file('media/images/img/list_1_b.png')],
    captions: ['first', null],
  };
  at(4)['img/old-list'] = { _type: 'images/separated', width: 8, height: 8, format: 'png', count: 3 };
  for (let i = 0; i < 3; i++) file(`media/images/img/old-list_4_${i}.png`);
  at(5)['img/sprite'] = { _type: 'images', width: 8, height: 8, format: 'png', count: 4 };
  at(6)['img/artifact'] = {
    _type: 'image-file',
    artifact_path: 'wandb-artifact://abc/img.png',
    format: 'png',
    width: 8,
    height: 8,
  };
  at(6)['system/gpu.heatmap'] = { _type: 'image-file', path: file('media/images/system_6.png'), format: 'png' };
  run.history = rows;
  return { entity: 'lab', project: 'shapes', runs: [run] };
}

/** One run whose image key holds an image at every one of `count` steps. */
export function denseDataset(count: number): Dataset {
  const history: HistoryRow[] = Array.from({ length: count }, (_, step) => ({
    _step: step,
    'train/loss': 1 / (step + 1),
    'samples/grid': {
      _type: 'image-file',
      path: `media/images/samples/grid_${step}_x.png`,
      format: 'png',
      width: 64,
      height: 64,
    },
  }));
  return {
    entity: 'lab',
    project: 'dense',
    runs: [{ id: 'dense001', displayName: 'dense', state: 'finished', createdAt: '2026-03-02T08:00:00Z', history }],
  };
}

/** Images at every step early on, then a long image-free tail: uneven enough to defeat an evenly spread plan. */
export function clusteredDataset(): Dataset {
  const history: HistoryRow[] = [];
  for (let step = 0; step < 2500; step++) {
    history.push({ _step: step, img: { _type: 'image-file', path: `media/images/img_${step}.png`, format: 'png' } });
  }
  for (let step = 2500; step <= 60_000; step += 250) history.push({ _step: step, loss: 0.1 });
  history.push({ _step: 60_001, img: { _type: 'image-file', path: 'media/images/img_60001.png', format: 'png' } });
  return {
    entity: 'lab',
    project: 'clustered',
    runs: [{ id: 'clust001', displayName: 'clustered', state: 'finished', createdAt: '2026-03-03T08:00:00Z', history }],
  };
}
