import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalRuns, writeRunDirectory } from '../../src/local/index.js';
import type { DatasetRun, HistoryRow } from '../../src/memory/dataset.js';
import { tempDir } from './helpers.js';

const PROJECT = { entity: 'team', project: 'stream' };

function images(step: number, content: Uint8Array[], files: Record<string, Uint8Array>): Record<string, unknown> {
  const filenames = content.map((_, i) => `media/images/main/samples_${step}_${String(i).padStart(20, '0')}.png`);
  filenames.forEach((path, i) => (files[path] = content[i]!));
  return { _type: 'images/separated', width: 8, height: 8, format: 'png', count: content.length, filenames };
}

/** A run of `rows` rows, images every 10 steps, all of them naming one of two shared files. */
function runOf(rows: number): DatasetRun {
  const shared = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1]), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 2])];
  const files: Record<string, Uint8Array> = {};
  const history: HistoryRow[] = [];
  for (let step = 0; step < rows; step++) {
    const row: HistoryRow = { _step: step, _runtime: step * 2, _timestamp: 1.7e9 + step * 2, loss: 1 / (step + 1) };
    if (step % 10 === 0) row['main/samples'] = images(step, shared, files);
    history.push(row);
  }
  return {
    id: 'strm0001',
    displayName: 'stream',
    state: 'finished',
    createdAt: '2026-05-01T00:00:00Z',
    history,
    files,
  };
}

describe('writing a run whose history is streamed', () => {
  it('writes the same file from a generator as from an array, and links files that share their bytes', async () => {
    const run = runOf(95);
    const fromArray = writeRunDirectory(run, join(await tempDir(), 'wandb'), PROJECT);
    const sharedFiles = new Map<Uint8Array, string>();
    const streamed = {
      ...run,
      history: (function* () {
        yield* run.history;
      })(),
    };
    const dir = await tempDir();
    const fromGenerator = writeRunDirectory(streamed, join(dir, 'wandb'), { ...PROJECT, sharedFiles });
    const file = (runDir: string) => readFileSync(join(runDir, 'run-strm0001.wandb'));
    expect(file(fromGenerator).equals(file(fromArray))).toBe(true);
    expect(readFileSync(join(fromGenerator, 'files', 'wandb-summary.json'), 'utf8')).toBe(
      readFileSync(join(fromArray, 'files', 'wandb-summary.json'), 'utf8'),
    );

    // 20 paths, each its own directory entry, stored twice: two inodes with 10 links each.
    const media = join(fromGenerator, 'files', 'media', 'images', 'main');
    const names = readdirSync(media);
    expect(names).toHaveLength(20);
    const inodes = new Map<number, number>();
    for (const name of names) {
      const info = statSync(join(media, name));
      inodes.set(info.ino, info.nlink);
    }
    expect([...inodes.values()]).toEqual([10, 10]);
    expect(
      readdirSync(join(fromArray, 'files', 'media', 'images', 'main')).map(
        (name) => statSync(join(fromArray, 'files', 'media', 'images', 'main', name)).nlink,
      ),
    ).toEqual(Array(20).fill(1));

    // The reader finds every image and each file holds its bytes.
    const source = openLocalRuns({ dir });
    const ref = { ...PROJECT, runId: 'strm0001' };
    expect((await source.steps(ref, { keys: ['main/samples'] })).steps).toEqual(
      Array.from({ length: 10 }, (_, i) => i * 10),
    );
    const [set] = await source.at(ref, { keys: ['main/samples'], step: 90 });
    const opened = await source.openMedia(ref, set!.images[1]!.path);
    expect(opened.size).toBe(5);
    expect((await source.get(ref)).summary).toMatchObject({ loss: 1 / 95, _step: 94 });
  });

  it('starts a new copy when a file has as many links as the file system allows (65,000 on ext4)', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7]);
    const count = 65_010;
    const files = Object.fromEntries(
      Array.from({ length: count }, (_, i) => [`media/images/s/x_${i}_${String(i).padStart(20, '0')}.png`, bytes]),
    );
    const run: DatasetRun = { ...runOf(1), history: [], files };
    const runDir = writeRunDirectory(run, join(await tempDir(), 'wandb'), { ...PROJECT, sharedFiles: new Map() });
    const media = join(runDir, 'files', 'media', 'images', 's');
    const names = readdirSync(media);
    expect(names).toHaveLength(count);
    const inodes = new Set(names.map((name) => statSync(join(media, name)).ino));
    // One copy where links are unlimited, two where the first copy reached the limit: never one per path.
    expect(inodes.size).toBeLessThanOrEqual(2);
    expect(readFileSync(join(media, names.at(-1)!))).toEqual(Buffer.from(bytes));
  });
});
