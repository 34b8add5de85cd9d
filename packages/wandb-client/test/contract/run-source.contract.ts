import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWandbError, type WandbErrorCode } from '../../src/errors.js';
import { imageSetFromValue } from '../../src/images.js';
import type { Dataset } from '../../src/memory/dataset.js';
import type { ImageSet, ProjectRef, RunRef, RunSource } from '../../src/types.js';
import { contractDataset } from './contract-dataset.js';
import { describeMediaCases } from './media.cases.js';
import { describeScalarHistoryCases } from './scalar-history.cases.js';

export { contractDataset } from './contract-dataset.js';

export interface OpenedSource {
  source: RunSource;
  /** The project under which the source serves the dataset. */
  project: ProjectRef;
  close?: () => Promise<void>;
}

/**
 * The behaviour every RunSource must share. `open` gets the contract dataset and returns a source
 * serving it as data at rest: a run the dataset calls crashed must read as crashed, not running.
 */
export function describeRunSourceContract(name: string, open: (dataset: Dataset) => Promise<OpenedSource>): void {
  describe(`RunSource contract: ${name}`, () => {
    const dataset = contractDataset();
    let opened: OpenedSource;
    let source: RunSource;
    const ref = (runId: string): RunRef => ({ ...opened.project, runId });
    const expectedSets = (runId: string, key: string): ImageSet[] => {
      const run = dataset.runs.find((r) => r.id === runId)!;
      return run.history.flatMap((row) => {
        const set = imageSetFromValue(key, row._step, row[key]);
        return set ? [set] : [];
      });
    };

    beforeAll(async () => {
      opened = await open(dataset);
      source = opened.source;
    });
    afterAll(async () => {
      await opened?.close?.();
    });

    describe('list', () => {
      it('returns runs newest first by default, with the total', async () => {
        const page = await source.list({ ...opened.project });
        expect(page.runs.map((r) => r.id)).toEqual(['r2beta', 'r1alpha', 'r3gamma']);
        expect(page.nextCursor).toBeNull();
        expect(page.total === null || page.total === 3).toBe(true);
      });

      it('returns oldest first when asked', async () => {
        const page = await source.list({ ...opened.project, order: '+created_at' });
        expect(page.runs.map((r) => r.id)).toEqual(['r3gamma', 'r1alpha', 'r2beta']);
      });

      it('pages with cursors until there is no next page', async () => {
        const first = await source.list({ ...opened.project, perPage: 2 });
        expect(first.runs.map((r) => r.id)).toEqual(['r2beta', 'r1alpha']);
        expect(first.nextCursor).toEqual(expect.any(String));
        const second = await source.list({ ...opened.project, perPage: 2, cursor: first.nextCursor });
        expect(second.runs.map((r) => r.id)).toEqual(['r3gamma']);
        expect(second.nextCursor).toBeNull();
      });

      it('filters by text over names and tags', async () => {
        const byName = await source.list({ ...opened.project, search: 'scalar' });
        expect(byName.runs.map((r) => r.id)).toEqual(['r3gamma']);
        const byTag = await source.list({ ...opened.project, search: 'baseline' });
        expect(byTag.runs.map((r) => r.id)).toEqual(['r1alpha']);
      });

      it('rejects a cursor it did not give out with a typed error', async () => {
        await expectWandbError(source.list({ ...opened.project, cursor: '%%not-a-cursor%%' }), [
          'invalid_argument',
          'graphql',
        ]);
      });

      it('says which project does not exist', async () => {
        const error = await expectWandbError(
          source.list({ entity: opened.project.entity, project: 'no-such-project' }),
          ['not_found'],
        );
        expect(error.message).toContain('no-such-project');
      });

      it('stops when the caller aborts', async () => {
        const controller = new AbortController();
        controller.abort();
        await expect(source.list({ ...opened.project }, { signal: controller.signal })).rejects.toMatchObject({
          name: 'AbortError',
        });
      });
    });

    describe('get', () => {
      it('returns the run with parsed config and summary', async () => {
        const run = await source.get(ref('r1alpha'));
        expect(run).toMatchObject({
          id: 'r1alpha',
          displayName: 'lr-1e-4',
          state: 'finished',
          tags: ['baseline', 'sdxl'],
          group: 'sweep-a',
          jobType: 'train',
          lastStep: 30,
          error: null,
        });
        expect(Date.parse(run.createdAt)).toBe(Date.parse('2026-01-03T10:00:00.000Z'));
        expect(run.config).toMatchObject({
          learning_rate: 0.0001,
          batch_size: 8,
          model: { name: 'unet', channels: 320 },
        });
        expect(run.config).not.toHaveProperty('_wandb');
        expect(run.summary).toMatchObject({ best_fid: 12.5 });
        expect(run.summary['train/loss']).toBeCloseTo(1 / 31, 5);
      });

      it('reads NaN and ±Infinity in config and summary as those numbers, nested ones too', async () => {
        const run = await source.get(ref('r1alpha'));
        expect(run.config.max_grad_norm).toBe(Infinity);
        const lossScale = run.config.loss_scale as Record<string, unknown>;
        expect(lossScale.init).toBeNaN();
        expect(lossScale.floor).toBe(-Infinity);
        expect(run.summary['eval/clip_score']).toBeNaN();
        const gradNorm = run.summary['eval/grad_norm'] as Record<string, unknown>;
        expect([gradNorm.max, gradNorm.min]).toEqual([Infinity, -Infinity]);
        expect(gradNorm.mean).toBeNaN();
      });

      it('tells a crashed run from a finished one', async () => {
        expect((await source.get(ref('r2beta'))).state).toBe('crashed');
        expect((await source.get(ref('r3gamma'))).state).toBe('finished');
      });

      it('names the run that does not exist', async () => {
        const error = await expectWandbError(source.get(ref('nosuchrun')), ['not_found']);
        expect(error.message).toContain('nosuchrun');
      });
    });

    describe('keys', () => {
      it('lists the keys that hold media, sorted, and none for a run without media', async () => {
        expect(await source.keys(ref('r1alpha'))).toEqual([
          'best_sample',
          'eval/predictions',
          'old/sprite',
          'samples/grid',
          'samples/rollout',
          'val/detections',
          'val/reference',
        ]);
        expect(await source.keys(ref('r2beta'))).toEqual(['samples/grid', 'samples/legacy', 'val/reference']);
        expect(await source.keys(ref('r3gamma'))).toEqual([]);
      });
    });

    describe('steps', () => {
      it('returns every step holding an image, per key and as a union', async () => {
        const index = await source.steps(ref('r1alpha'), { keys: ['samples/grid', 'val/reference'] });
        expect(index.byKey).toEqual({ 'samples/grid': [0, 10, 20, 30], 'val/reference': [0, 15, 30] });
        expect(index.steps).toEqual([0, 10, 15, 20, 30]);
      });

      it('answers an empty list for a key the run never logged', async () => {
        const index = await source.steps(ref('r3gamma'), { keys: ['samples/grid'] });
        expect(index).toEqual({ steps: [], byKey: { 'samples/grid': [] } });
      });
    });

    describe('at', () => {
      it('returns the images at a step with paths and captions in logged order', async () => {
        const sets = await source.at(ref('r1alpha'), { keys: ['samples/grid', 'val/reference'], step: 10 });
        expect(sets).toEqual(expectedSets('r1alpha', 'samples/grid').filter((s) => s.step === 10));
        expect(sets[0]!.images.map((i) => i.caption)).toEqual([
          'a koi pond under cherry blossoms, gouache',
          'a brass telescope on a cluttered desk, macro photo',
          'a hot-air balloon over a desert canyon, matte painting',
        ]);
      });

      it('returns single images with their caption, size and format', async () => {
        const [set] = await source.at(ref('r1alpha'), { keys: ['val/reference'], step: 15 });
        expect(set).toEqual(expectedSets('r1alpha', 'val/reference').find((s) => s.step === 15));
        expect(set!.images[0]).toMatchObject({
          caption: 'val reference at step 15',
          width: 64,
          height: 64,
          format: 'png',
        });
      });

      it('derives file names for lists logged without filenames', async () => {
        const [legacy] = await source.at(ref('r2beta'), { keys: ['samples/legacy'], step: 5 });
        expect(legacy!.images.map((i) => i.path)).toEqual([
          'media/images/samples/legacy_5_0.png',
          'media/images/samples/legacy_5_1.png',
        ]);
      });

      it('returns nothing for a step without images and rejects a negative step', async () => {
        expect(await source.at(ref('r1alpha'), { keys: ['samples/grid'], step: 11 })).toEqual([]);
        await expectWandbError(source.at(ref('r1alpha'), { keys: ['samples/grid'], step: -1 }), ['invalid_argument']);
      });
    });

    describe('index', () => {
      it('indexes many runs at once, and a missing run does not spoil the others', async () => {
        const keys = ['samples/grid', 'val/reference'];
        const index = await source.index([ref('r1alpha'), ref('r2beta'), ref('nosuchrun')], { keys });
        expect(index.map((entry) => entry.run.runId)).toEqual(['r1alpha', 'r2beta', 'nosuchrun']);
        for (const runId of ['r1alpha', 'r2beta']) {
          const entry = index.find((e) => e.run.runId === runId)!;
          expect(entry.error).toBeNull();
          for (const key of keys) expect(entry.byKey[key]).toEqual(expectedSets(runId, key));
        }
        expect(index[2]!.error).toMatchObject({ code: 'not_found' });
      });
    });

    describeScalarHistoryCases({ source: () => source, ref, dataset });
    describeMediaCases({ source: () => source, ref, dataset });

    describe('mediaUrl', () => {
      it('gives URLs that load the logged bytes without credentials', async () => {
        const [set] = await source.at(ref('r1alpha'), { keys: ['samples/grid'], step: 20 });
        const paths = set!.images.map((i) => i.path);
        const urls = await source.mediaUrl(ref('r1alpha'), paths);
        expect(urls.map((u) => u.path)).toEqual(paths);
        const files = dataset.runs.find((r) => r.id === 'r1alpha')!.files!;
        for (const { path, url } of urls) {
          expect(Buffer.from(await loadUrl(url!))).toEqual(Buffer.from(files[path]!));
        }
      });

      it('answers per path: a file the run never uploaded is `missing`, the others still get URLs', async () => {
        const [set] = await source.at(ref('r2beta'), { keys: ['samples/grid'], step: 10 });
        const uploaded = set!.images[0]!.path;
        const neverUploaded = 'media/images/val/reference_12_r2beta.png';
        // `refresh`, as after a failed load: sources that hand out URLs unchecked check them then.
        const urls = await source.mediaUrl(ref('r2beta'), [uploaded, neverUploaded], { refresh: true });
        expect(urls.map((u) => u.path)).toEqual([uploaded, neverUploaded]);
        expect(urls[0]!.missing).toBeNull();
        expect(Buffer.from(await loadUrl(urls[0]!.url!))).toEqual(
          Buffer.from(dataset.runs.find((r) => r.id === 'r2beta')!.files![uploaded]!),
        );
        expect(urls[1]).toMatchObject({ url: null, expiresAt: null, missing: { code: 'not_uploaded' } });
        expect(urls[1]!.missing!.message).toContain(neverUploaded);
      });

      it('refuses paths that are not the run’s media (or, where it cannot tell, says there is no file)', async () => {
        const nope = await source.mediaUrl(ref('r1alpha'), ['media/images/nope.png'], { refresh: true }).then(
          (urls) => urls,
          (error: unknown) => error,
        );
        if (Array.isArray(nope)) expect(nope).toMatchObject([{ url: null, missing: { code: 'not_uploaded' } }]);
        else expect(nope).toMatchObject({ code: 'not_found' });
        await expectWandbError(source.mediaUrl(ref('r1alpha'), ['../../../etc/passwd']), [
          'not_found',
          'invalid_argument',
        ]);
      });
    });
  });
}

async function expectWandbError(promise: Promise<unknown>, codes: WandbErrorCode[]) {
  const error = await promise.then(
    () => {
      throw new Error(`expected a WandbError with code ${codes.join(' or ')}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(isWandbError(error), `expected a WandbError, got ${String(error)}`).toBe(true);
  expect(codes).toContain((error as { code: WandbErrorCode }).code);
  return error as Error;
}

/** Load what a media URL points at, as a browser or server would. */
export async function loadUrl(url: string): Promise<Uint8Array> {
  if (url.startsWith('file:')) return new Uint8Array(await readFile(fileURLToPath(url)));
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    return new Uint8Array(Buffer.from(url.slice(comma + 1), 'base64'));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url.split('?')[0]} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
