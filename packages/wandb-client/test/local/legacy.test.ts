import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOverlays } from '../../src/media-values/load-overlays.js';
import { openLocalRuns } from '../../src/local/index.js';
import type { RunRef } from '../../src/types.js';
import { loadUrl } from '../contract/run-source.contract.js';
import { cutRun, finishedRun, notebookRun, settle, SPRITE_TILES, writeFolder } from './legacy-folders.js';
import { tempDir } from './helpers.js';

/** Width and height from a PNG's IHDR. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

const DAY = 24 * 3600 * 1000;

describe('run folders of wandb 0.9 and older', () => {
  async function openFinished() {
    const root = await tempDir('legacy-');
    const { name, files } = finishedRun();
    const dir = writeFolder(root, name, files);
    settle(dir, Object.keys(files), Date.parse('2020-09-08T14:30:24Z'));
    const source = openLocalRuns({ dir: root });
    const ref: RunRef = { entity: 'local', project: 'legacy-mnist', runId: '1a2b3c4d' };
    return { root, dir, files, source, ref };
  }

  it('lists a run folder of plain files as a run: name, project, state, times, config and summary', async () => {
    const { source, ref } = await openFinished();
    expect(await source.projects()).toEqual([{ entity: 'local', project: 'legacy-mnist' }]);
    const run = await source.get(ref);
    expect(run).toMatchObject({
      id: '1a2b3c4d',
      displayName: 'amber-glade-12',
      state: 'finished',
      // startedAt is UTC without a zone.
      createdAt: '2020-09-08T14:30:15.123Z',
      lastStep: 3,
      warnings: [],
      error: null,
    });
    expect(run.config).toEqual({ batch_size: 64, dropout: NaN, optimizer: { betas: [0.9, 0.999], name: 'adam' } });
    expect(run.summary).toMatchObject({ loss: 0.125, _step: 3 });
    expect(run.summary.acc).toBeNaN();
    expect(run.classLabels?.boxes).toEqual({
      sample: {
        predictions: [
          { id: 0, name: 'cat' },
          { id: 1, name: 'dog' },
        ],
      },
    });
  });

  it('finds every media key of the history and the summary, each step, and the files they name', async () => {
    const { source, ref, files } = await openFinished();
    expect(await source.keys(ref)).toEqual(['best', 'grid', 'preds', 'rollout', 'sample']);
    const steps = await source.steps(ref, { keys: ['sample', 'grid', 'rollout', 'best'] });
    expect(steps.byKey).toEqual({ sample: [1], grid: [2], rollout: [3], best: [3] });

    const [grid] = await source.at(ref, { keys: ['grid'], step: 2 });
    expect(grid!.images.map((tile) => [tile.path, tile.caption, tile.crop])).toEqual(
      ['red', 'green', 'blue'].map((caption, i) => [
        'media/images/grid_2.png',
        caption,
        { x: i * 8, y: 0, width: 8, height: 8 },
      ]),
    );
    // The crops cut the real sprite into its tiles: three 8 px tiles side by side.
    const [sprite] = await source.mediaUrl(ref, ['media/images/grid_2.png']);
    expect(pngSize(await loadUrl(sprite!.url!))).toEqual([8 * SPRITE_TILES.length, 8]);

    const [video, table] = await source.at(ref, { keys: ['rollout', 'preds'], step: 3 });
    expect(video!.images).toEqual([expect.objectContaining({ kind: 'video', format: 'gif', caption: 'ep 3' })]);
    expect(table!.unsupported).toContain('"preds" holds a table');

    const [best] = await source.at(ref, { keys: ['best'], step: 3 });
    expect(best).toMatchObject({ fromSummary: true });
    const urls = await source.mediaUrl(ref, [video!.images[0]!.path, best!.images[0]!.path]);
    for (const { path, url } of urls)
      expect(Buffer.from(await loadUrl(url!))).toEqual(Buffer.from(files[path] as Uint8Array));
  });

  it('loads the boxes of an image with the class names its config.yaml records', async () => {
    const { source, ref } = await openFinished();
    const [sample] = await source.at(ref, { keys: ['sample'], step: 1 });
    const overlays = await loadOverlays(source, ref, 'sample', sample!.images[0]!);
    expect(overlays.problems).toEqual([]);
    expect(overlays.boxes).toEqual([
      {
        name: 'predictions',
        boxes: [{ minX: 5, maxX: 11, minY: 6, maxY: 10, domain: 'pixel', classId: 1, caption: 'dog', scores: {} }],
        classLabels: [
          { id: 0, name: 'cat' },
          { id: 1, name: 'dog' },
        ],
      },
    ]);
  });

  it('answers scalar keys, series and values at a step from the history lines', async () => {
    const { source, ref } = await openFinished();
    expect(await source.scalarKeys(ref)).toEqual(['_runtime', '_timestamp', 'acc', 'loss']);
    const history = await source.history(ref, { keys: ['loss', 'acc'] });
    expect(history.byKey.loss!.points).toEqual(
      [0, 1, 2, 3].map((step) => [step, Number((0.5 / (step + 1)).toFixed(4))]),
    );
    expect(history.byKey.acc!.points.map(([, value]) => value)).toEqual([NaN, NaN, NaN, NaN]);
    const at = await source.historyAt(ref, { keys: ['loss'], step: 2 });
    expect(at.byKey.loss).toEqual({ step: 2, value: 0.1667 });
  });

  it('refuses files of the folder that no media value names', async () => {
    const { source, ref } = await openFinished();
    await expect(source.mediaUrl(ref, ['wandb-metadata.json'])).rejects.toMatchObject({ code: 'not_found' });
    await expect(source.mediaUrl(ref, ['../run-20200908_143015-1a2b3c4d/config.yaml'])).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  });

  it('shows a stopped notebook run as unknown, saying why, with its summary-only sprite at the last step', async () => {
    const root = await tempDir('legacy-');
    const { name, files } = notebookRun();
    const dir = writeFolder(root, name, files);
    settle(dir, Object.keys(files), Date.parse('2020-02-18T04:27:41Z'));
    const source = openLocalRuns({ dir: root });
    const ref = { entity: 'local', project: 'spaceinvaders', runId: '9z8y7x6w' };
    const run = await source.get(ref);
    expect(run.state).toBe('unknown');
    expect(run.warnings.map((w) => w.code)).toEqual(['notebook_run']);
    const [examples] = await source.at(ref, { keys: ['examples'], step: 2 });
    expect(examples).toMatchObject({ fromSummary: true, type: 'images' });
    expect(examples!.images.map((tile) => [tile.path, tile.crop?.x])).toEqual([
      ['media/images/examples_summary.png', 0],
      ['media/images/examples_summary.png', 4],
    ]);
  });

  it('reads a killed run up to its last whole line, and says the last line was cut once it is not running', async () => {
    const root = await tempDir('legacy-');
    const { name, files } = cutRun();
    const dir = writeFolder(root, name, files);
    const written = Date.parse('2020-03-01T10:10:13Z');
    settle(dir, Object.keys(files), written);
    const source = openLocalRuns({ dir: root, now: () => written + DAY });
    const run = await source.get({ entity: 'local', project: 'legacy-mnist', runId: 'cut00001' });
    expect(run).toMatchObject({ state: 'crashed', lastStep: 1 });
    expect(run.summary).toMatchObject({ loss: 0.5, _step: 1 });
    const history = files['wandb-history.jsonl']!;
    const cut = Buffer.byteLength(history.slice(history.lastIndexOf('\n') + 1));
    expect(run.warnings).toEqual([
      expect.objectContaining({ code: 'truncated_file', message: expect.stringContaining(`the last ${cut} bytes`) }),
    ]);
  });

  it('follows a growing wandb-history.jsonl: a line is read once its newline is written, and only new bytes are parsed', async () => {
    const root = await tempDir('legacy-');
    const { name, files } = cutRun();
    const history = files['wandb-history.jsonl']!;
    const whole = history.slice(0, history.lastIndexOf('\n') + 1);
    const dir = writeFolder(root, name, { ...files, 'wandb-history.jsonl': whole });
    const path = join(dir, 'wandb-history.jsonl');
    let now = Date.now();
    const source = openLocalRuns({ dir: root, now: () => now });
    const ref = { entity: 'local', project: 'legacy-mnist', runId: 'cut00001' };
    const stepsOf = async () => (await source.get(ref)).lastStep;

    expect(await stepsOf()).toBe(1);
    const parsed = source.stats().bytesParsed;
    expect(parsed).toBe(Buffer.byteLength(whole));

    // Half a line: still running, so it waits without a warning.
    appendFileSync(path, '{"loss": 0.25, "img": {"_type": "image-file", "path": "media/images/img_2_0a0b0c0d.png", ');
    now += 1000;
    expect(await source.get(ref)).toMatchObject({ state: 'running', lastStep: 1, warnings: [] });
    expect(await source.keys(ref)).toEqual([]);

    const rest = '"format": "png", "width": 4, "height": 4}, "_step": 2}\n';
    appendFileSync(path, rest);
    now += 1000;
    expect(await stepsOf()).toBe(2);
    expect((await source.steps(ref, { keys: ['img'] })).byKey).toEqual({ img: [2] });
    expect(source.stats().bytesParsed).toBe(statSync(path).size);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
  });
});
