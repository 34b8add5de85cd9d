import { appendFileSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalRuns, type LocalRunsOptions } from '../../src/local/index.js';
import { BLOCK_SIZE } from '../../src/local/log/format.js';
import type { Run } from '../../src/types.js';
import { FIXTURES, manifest, tempDir } from './helpers.js';
import { IMAGE_KEYS, TRAINING_ENTITY, TRAINING_PROJECT, TrainingLogWriter } from './training-log.js';

const PROJECT = { entity: TRAINING_ENTITY, project: TRAINING_PROJECT };
const HEAD = 128 * 1024;
const TAIL = 256 * 1024;

type Ending = 'finished' | 'failed' | 'crashed' | 'running';

interface GeneratedRun {
  id: string;
  file: string;
  writer: TrainingLogWriter;
  /** Log more rows, about `bytes` of them, and append them to the file as a running job does. */
  append(bytes: number): void;
}

/** A run directory holding a generated training log of about `bytes`, ended as `ending` says. */
function writeRun(
  wandbDir: string,
  id: string,
  ending: Ending,
  options: {
    bytes?: number;
    seed?: number;
    day?: number;
    shape?: Partial<TrainingShape>;
    edit?: (bytes: Buffer) => void;
  } = {},
): GeneratedRun {
  const day = String(options.day ?? 1).padStart(2, '0');
  const runDir = join(wandbDir, `offline-run-202601${day}_000000-${id}`);
  mkdirSync(join(runDir, 'files'), { recursive: true });
  let parts: Uint8Array[] = [];
  const writer = new TrainingLogWriter((chunk) => parts.push(chunk.slice()), id, {
    seed: options.seed ?? 1,
    imageEvery: 250,
    watchEvery: 1000,
    ...options.shape,
  });
  const running = ending === 'running';
  writer.begin(running ? Date.now() - 60_000 : Date.UTC(2026, 0, options.day ?? 1));
  writer.configUpdate({ optimizer: { name: 'adamw', betas: [0.9, 0.999] }, ema: true });
  writer.writeUntil(options.bytes ?? 1.5e6);
  if (ending === 'finished' || ending === 'failed') writer.finish(ending === 'failed' ? 1 : 0, { best_fid: 7.25 });
  const file = join(runDir, `run-${id}.wandb`);
  const bytes = Buffer.concat(parts);
  options.edit?.(bytes);
  writeFileSync(file, bytes);
  if (!running) utimesSync(file, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
  const append = (more: number) => {
    parts = [];
    writer.writeUntil(writer.offset + more);
    appendFileSync(file, Buffer.concat(parts));
  };
  return { id, file, writer, append };
}

type TrainingShape = ConstructorParameters<typeof TrainingLogWriter>[2];

/** A run directory whose log `script` writes, after the records a run starts with. */
function writeScripted(
  wandbDir: string,
  id: string,
  shape: TrainingShape,
  script: (writer: TrainingLogWriter) => void,
) {
  const parts: Uint8Array[] = [];
  const writer = new TrainingLogWriter((chunk) => parts.push(chunk.slice()), id, shape);
  writer.begin(Date.UTC(2026, 0, 1));
  script(writer);
  const runDir = join(wandbDir, `offline-run-20260101_000000-${id}`);
  mkdirSync(runDir, { recursive: true });
  const bytes = Buffer.concat(parts);
  writeFileSync(join(runDir, `run-${id}.wandb`), bytes);
  return bytes;
}

/** What a listing shows of a run; the provisional warning aside. */
function shown(run: Run) {
  return {
    id: run.id,
    displayName: run.displayName,
    state: run.state,
    createdAt: run.createdAt,
    heartbeatAt: run.heartbeatAt,
    tags: run.tags,
    config: run.config,
    summary: run.summary,
    lastStep: run.lastStep,
    warnings: run.warnings.filter((w) => w.code !== 'provisional').map((w) => w.code),
    error: run.error,
  };
}

async function listAll(options: LocalRunsOptions): Promise<Run[]> {
  const source = openLocalRuns(options);
  return (await source.list({ ...PROJECT, perPage: 1000 })).runs;
}

/** The same runs, read whole first. */
async function listWhole(options: LocalRunsOptions): Promise<Run[]> {
  const source = openLocalRuns({ ...options, backgroundIndexing: false });
  await source.indexAll();
  return (await source.list({ ...PROJECT, perPage: 1000 })).runs;
}

function byId(runs: Run[]): Record<string, Run> {
  return Object.fromEntries(runs.map((run) => [run.id, run]));
}

describe('listing large run files from their start and end', () => {
  it('reads only the start and end of each file, and shows what a whole read shows of ended runs', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    // No wandb.watch histograms here: they make the summary larger than the end window (see below).
    const shape = { watchEvery: 0 };
    const runs = [
      writeRun(wandb, 'fin00001', 'finished', { seed: 1, day: 1, shape }),
      writeRun(wandb, 'fin00002', 'finished', { seed: 2, day: 2, bytes: 2.5e6, shape }),
      writeRun(wandb, 'fail0003', 'failed', { seed: 3, day: 3, shape }),
      writeRun(wandb, 'fin00004', 'finished', { seed: 4, day: 4, shape: { watchEvery: 0, imageEvery: 0 } }),
    ];
    const total = runs.reduce((sum, run) => sum + statSync(run.file).size, 0);
    const source = openLocalRuns({ dir, backgroundIndexing: false });
    const ends = (await source.list({ ...PROJECT, perPage: 1000 })).runs;

    const read = source.stats().bytesRead;
    expect(read).toBeLessThanOrEqual(runs.length * (HEAD + TAIL + BLOCK_SIZE));
    expect(read).toBeLessThan(total / 3);
    expect(source.stats().partialRuns).toBe(runs.length);

    const whole = byId(await listWhole({ dir }));
    for (const run of ends) {
      expect(shown(run), run.id).toEqual(shown(whole[run.id]!));
      expect(run.warnings.map((w) => w.code)).toEqual(['provisional']);
      expect(run.warnings[0]!.message).toMatch(
        /^Provisional: listed from the first 0\.1 MB and the last 0\.\d MB of .*\(\d\.\d MB\), which is still being read; config and tag changes logged mid-run appear once it is\.$/,
      );
      expect(whole[run.id]!.warnings).toEqual([]);
    }
    expect(Object.fromEntries(ends.map((run) => [run.id, run.state]))).toEqual({
      fin00001: 'finished',
      fin00002: 'finished',
      fail0003: 'failed',
      fin00004: 'finished',
    });
    // The summary is the run's own, from its end; the config was changed right after init.
    const first = ends.find((run) => run.id === 'fin00001')!;
    expect(first.summary).toMatchObject({ best_fid: 7.25, _step: runs[0]!.writer.step - 1 });
    expect(first.config).toMatchObject({ lr: 1e-4, optimizer: { name: 'adamw' }, ema: true });
    expect(first.lastStep).toBe(runs[0]!.writer.step - 1);
  });

  it('shows crashed and running runs as a whole read does, with the last values of the keys logged near the end', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    const crashed = writeRun(wandb, 'crash001', 'crashed', { seed: 5 });
    const running = writeRun(wandb, 'live0002', 'running', { seed: 6, day: 2 });
    const source = openLocalRuns({ dir, backgroundIndexing: false });
    const ends = byId((await source.list({ ...PROJECT, perPage: 1000 })).runs);
    const whole = byId(await listWhole({ dir }));
    for (const { id, writer } of [crashed, running]) {
      const run = ends[id]!;
      const full = whole[id]!;
      expect(run.state, id).toBe(id === 'crash001' ? 'crashed' : 'running');
      const { summary: _s, ...rest } = shown(run);
      const { summary: _f, ...fullRest } = shown(full);
      expect(rest, id).toEqual(fullRest);
      expect(run.lastStep).toBe(writer.step - 1);
      // Without a summary record, the end gives the last value of every key logged near the end;
      // keys logged rarely (images every 250 steps, histograms every 1,000) come with the whole read.
      for (const [key, value] of Object.entries(run.summary)) expect(full.summary[key], key).toEqual(value);
      expect(run.summary).toMatchObject({ 'train/loss': writer.last['train/loss'], _step: writer.step - 1 });
      expect(Object.keys(full.summary).sort()).toEqual([...writer.keys].sort());
      expect(run.warnings[0]!.message).toContain(
        'the last value of keys not logged near the end (the run wrote no summary)',
      );
    }
  });

  it('follows a large running file by reading its new end, and answers from the whole file once asked for images', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    const big = writeRun(wandb, 'grow0001', 'running', { seed: 7 });
    const other = writeRun(wandb, 'other002', 'finished', { seed: 8, day: 2 });
    const source = openLocalRuns({ dir, backgroundIndexing: false });
    const ref = { ...PROJECT, runId: big.id };
    await source.list(PROJECT);

    // The job logs more rows: the next call reads the file's new end, not the rows in between.
    const before = statSync(big.file).size;
    big.append(600_000);
    const read = source.stats().bytesRead;
    const grown = await source.get(ref);
    expect(source.stats().bytesRead - read).toBeLessThanOrEqual(TAIL + BLOCK_SIZE);
    expect(statSync(big.file).size - before).toBeGreaterThan(TAIL);
    expect(grown).toMatchObject({ state: 'running', lastStep: big.writer.step - 1 });

    // Asking for a run's images reads that file whole, and no other.
    const start = source.stats().bytesRead;
    const steps = await source.steps(ref, { keys: [...IMAGE_KEYS] });
    expect(steps.byKey[IMAGE_KEYS[0]]).toEqual(big.writer.imageSteps);
    const readForSteps = source.stats().bytesRead - start;
    expect(readForSteps).toBeGreaterThanOrEqual(statSync(big.file).size - HEAD);
    expect(readForSteps).toBeLessThan(statSync(big.file).size + statSync(other.file).size / 2);
    expect(source.stats().partialRuns).toBe(1);
    const whole = await source.get(ref);
    expect(whole.warnings).toEqual([]);
    expect(Object.keys(whole.summary).sort()).toEqual([...big.writer.keys].sort());

    // From now on, what the job appends is parsed as it comes, as for any file read whole.
    const parsed = source.stats().bytesParsed;
    const size = statSync(big.file).size;
    big.append(100_000);
    expect((await source.get(ref)).lastStep).toBe(big.writer.step - 1);
    expect(source.stats().bytesParsed - parsed).toBe(statSync(big.file).size - size);
  });
});

describe('the end of a file that does not hold what a listing needs', () => {
  it('reads further back for a summary larger than the end window, and still finds the exit code', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    // A summary of about 600 KB (long values on 2,000 keys) between the exit record and the footer.
    const extra = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`eval/prompt_${i}`, `caption ${i} `.repeat(25)]),
    );
    writeScripted(wandb, 'bigsum01', { seed: 9, imageEvery: 250 }, (writer) => {
      writer.writeUntil(1.5e6);
      writer.finish(1, extra);
    });

    const source = openLocalRuns({ dir, backgroundIndexing: false });
    const [run] = (await source.list(PROJECT)).runs;
    const [whole] = await listWhole({ dir });
    expect(run!.state).toBe('failed');
    expect(shown(run!)).toEqual(shown(whole!));
    expect(source.stats().bytesRead).toBeGreaterThan(HEAD + TAIL);
    expect(source.stats().partialRuns).toBe(1);
  });

  it('finds an exit record that straddles the block where the end window starts', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    let boundary = 0;
    let exitStart = 0;
    const bytes = writeScripted(wandb, 'straddle', { seed: 10, imageEvery: 0 }, (writer) => {
      // Rows, then a console line up to 20 bytes before a block boundary: the exit record's
      // FIRST chunk ends that block and its LAST chunk begins the next.
      writer.writeUntil(600_000);
      boundary = Math.ceil((writer.offset + 200) / BLOCK_SIZE) * BLOCK_SIZE;
      writer.pad(boundary - 20);
      exitStart = writer.offset;
      writer.finish(3);
    });
    expect(exitStart).toBeLessThan(boundary);
    expect(bytes.length - boundary).toBeLessThan(BLOCK_SIZE);

    // An end window that starts exactly at that boundary sees the summary and footer, not the exit.
    const windows = { tailBytes: bytes.length - boundary };
    const run = (await listAll({ dir, backgroundIndexing: false, readWindows: windows }))[0]!;
    expect(run.state).toBe('failed');
    expect(shown(run)).toEqual(shown((await listWhole({ dir }))[0]!));
  });

  it('reads further back past a last row larger than the end window (a running job logging histograms)', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    const run = writeRun(wandb, 'histo001', 'crashed', {
      seed: 11,
      bytes: 1.2e6,
      shape: { watchEvery: 1 },
    });
    const source = openLocalRuns({ dir, backgroundIndexing: false, readWindows: { tailBytes: 64 * 1024 } });
    const [listed] = (await source.list(PROJECT)).runs;
    expect(listed!.lastStep).toBe(run.writer.step - 1);
    expect(shown(listed!)).toMatchObject({ state: 'crashed', lastStep: run.writer.step - 1 });
  });

  it('shows damage at the end as a whole read does', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    const flip = (at: (size: number) => number) => (bytes: Buffer) => {
      const offset = at(bytes.length);
      bytes[offset] = bytes[offset]! ^ 0xff;
    };
    const tailStart = (size: number) => Math.floor((size - TAIL) / BLOCK_SIZE) * BLOCK_SIZE;
    const options = { seed: 12, bytes: 1.5e6, shape: { watchEvery: 0 } };
    // A flipped byte in the last rows, one in the block where the end window starts, one in the middle.
    writeRun(wandb, 'dmgend01', 'finished', { ...options, edit: flip((size) => size - 3000) });
    writeRun(wandb, 'dmgwin02', 'finished', { ...options, day: 2, edit: flip((size) => tailStart(size) + 100) });
    writeRun(wandb, 'dmgmid03', 'finished', { ...options, day: 3, edit: flip(() => 700_000) });
    const ends = byId(await listAll({ dir, backgroundIndexing: false }));
    const whole = byId(await listWhole({ dir }));
    for (const id of ['dmgend01', 'dmgwin02']) {
      expect(shown(ends[id]!), id).toEqual(shown(whole[id]!));
      expect(whole[id]!.warnings.map((w) => w.code)).toEqual(['damaged_file']);
      expect(ends[id]!.warnings.find((w) => w.code === 'damaged_file')).toEqual(
        whole[id]!.warnings.find((w) => w.code === 'damaged_file'),
      );
    }
    // Damage between the ends is found when the file is read whole; the rest is the same.
    expect({ ...shown(ends.dmgmid03!), warnings: [] }).toEqual({ ...shown(whole.dmgmid03!), warnings: [] });
    expect(ends.dmgmid03!.warnings.map((w) => w.code)).toEqual(['provisional']);
    expect(whole.dmgmid03!.warnings.map((w) => w.code)).toEqual(['damaged_file']);
  });
});

describe('real wandb files listed from their ends', () => {
  it('shows what a whole read shows, with small windows (the killed run’s 70 KB run record is read whole)', async () => {
    const options = {
      dir: FIXTURES,
      backgroundIndexing: false,
      readWindows: { headBytes: 4096, tailBytes: 8192, maxBytes: 1 << 20 },
    };
    const project = { entity: 'local', project: manifest.project };
    const source = openLocalRuns(options);
    const ends = byId((await source.list({ ...project, perPage: 10 })).runs);
    const whole = openLocalRuns({ dir: FIXTURES, backgroundIndexing: false });
    await whole.indexAll();
    const full = byId((await whole.list({ ...project, perPage: 10 })).runs);
    for (const expected of manifest.runs) {
      const id = expected.run_id;
      expect(shown(ends[id]!), expected.display_name).toEqual(shown(full[id]!));
    }
    const [A, B, C] = manifest.runs.map((run) => run.run_id);
    expect(ends[A!]!.warnings.map((w) => w.code)).toEqual(['provisional']);
    expect(ends[B!]!.warnings.map((w) => w.code)).toEqual(['provisional']);
    expect(ends[C!]!.warnings.map((w) => w.code)).toEqual(['truncated_file']);
    const sizes = manifest.runs.map((run) => run.wandb_file_bytes);
    expect(source.stats().bytesRead).toBeLessThan(sizes.reduce((a, b) => a + b, 0));
  });
});

describe('reading in the background', () => {
  it('replaces the provisional answers with the whole read, and pauses while a call reads', async () => {
    const dir = await tempDir();
    const wandb = join(dir, 'wandb');
    // The newest run is read first in the background; the other is twice as large.
    const big = writeRun(wandb, 'bgnew001', 'crashed', { seed: 13, bytes: 6e6, day: 2 });
    const small = writeRun(wandb, 'bgold002', 'finished', { seed: 14, bytes: 12e6, day: 1 });
    const source = openLocalRuns({ dir });
    const first = byId((await source.list(PROJECT)).runs);
    expect(first[big.id]!.warnings.map((w) => w.code)).toEqual(['provisional']);

    // Asking for the older run's images reads it now, while the background waits between its
    // windows: the newer file is still partly read afterwards (it would be read whole by then
    // if the two shared the time).
    const steps = await source.steps({ ...PROJECT, runId: small.id }, { keys: [IMAGE_KEYS[0]] });
    expect(steps.steps).toEqual(small.writer.imageSteps);
    const partial = (await source.get({ ...PROJECT, runId: big.id })).warnings.map((w) => w.code);
    expect(partial).toEqual(['provisional']);

    await source.indexAll();
    expect(source.stats().partialRuns).toBe(0);
    const final = byId((await source.list(PROJECT)).runs);
    expect(final[big.id]!.warnings).toEqual([]);
    expect(Object.keys(final[big.id]!.summary).sort()).toEqual([...big.writer.keys].sort());
    expect(shown(final[big.id]!)).toEqual(shown(byId(await listWhole({ dir }))[big.id]!));
  });

  it('stops waiting when a call is aborted, and the file is still read in the background', async () => {
    const dir = await tempDir();
    const big = writeRun(join(dir, 'wandb'), 'abort001', 'finished', { seed: 15, bytes: 12e6 });
    const source = openLocalRuns({ dir, backgroundIndexing: false });
    await source.list(PROJECT);
    const controller = new AbortController();
    const asked = source.keys({ ...PROJECT, runId: big.id }, { signal: controller.signal });
    // Aborted while the 12 MB file is being read (a window at a time, each an I/O round trip).
    setImmediate(() => controller.abort());
    await expect(asked).rejects.toMatchObject({ code: 'aborted' });
    await source.indexAll();
    expect(await source.keys({ ...PROJECT, runId: big.id })).toEqual([...IMAGE_KEYS].sort());
  });
});
