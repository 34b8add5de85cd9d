/**
 * Team scale, local run files (issue 13): a project of 100 run files of about 20 MB each plus
 * one of about 2 GB, generated as wandb lays them out (bench/team-scale/dataset.ts), served by
 * the local source as the demo server opens it. Figures:
 *
 * - time to the first list, with the run files out of the page cache (as after a reboot) and
 *   again with them in it, and the bytes each read;
 * - time to the first grid: the image index of the 24 newest runs over the eight keys (what the
 *   grid asks for) and the images at their latest image step;
 * - the 2 GB file read whole: time, and memory (RSS, heap) while it is read and after;
 * - the time until the background has read every file whole: what the first list waited for
 *   before runs were listed from their ends.
 *
 *   npx tsx --expose-gc --conditions=source bench/team-scale/local.bench.ts
 *
 * Generation takes a few minutes and about 4 GB of disk: the project is kept between runs under
 * the temp directory, named by a hash of its options and of the generator and writer sources
 * (BENCH_TEAM_DIR to put it elsewhere, BENCH_TEAM_KEEP=0 to delete it after the run). Smaller:
 * BENCH_TEAM_RUNS (default 100), BENCH_TEAM_LONG_MB (default 2000).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openLocalRuns, type LocalRunSource } from '../../packages/wandb-client/src/local/index.js';
import { createMemorySource, type RunRef } from '../../packages/wandb-client/src/index.js';
import { measure, type Measured } from '../measure.js';
import { TEAM_IMAGE_KEYS, TeamScaleProject, type TeamScaleOptions } from './dataset.js';

/** Bytes a history row of the long run takes on average (measured on generated files). */
const LONG_RUN_BYTES_PER_STEP = 786;
const GRID_RUNS = 24;
/** Disk space generation leaves free for everything else. */
const DISK_MARGIN = 10e9;

export interface TeamLocalFigures {
  dataset: DatasetFigures;
  firstList: { cold: ListFigures; warm: ListFigures };
  firstGrid: GridFigures;
  longRun: LongRunFigures;
  /** From the first list until the background had read every file whole. */
  background: { seconds: number; bytes: number };
}

export interface DatasetFigures {
  dir: string;
  runs: number;
  /** Sizes of the `.wandb` files: all, the long run's, the median of the others. */
  runFileBytes: number;
  longRunBytes: number;
  medianRunBytes: number;
  historyRowsPerRun: number;
  imageStepsPerRun: number;
  mediaPaths: number;
  /** Disk used by the whole directory, hard links counted once. */
  diskBytes: number;
  generationSeconds: number;
  /** False when this run generated the project, true when it reused one generated before. */
  reused: boolean;
}

export interface ListFigures {
  ms: number;
  bytesRead: number;
  runs: number;
  provisional: number;
}

export interface GridFigures {
  ms: number;
  runs: number;
  keys: number;
  step: number;
  images: number;
  bytesRead: number;
}

export interface LongRunFigures extends Omit<Measured<unknown>, 'result'> {
  bytes: number;
  imageSteps: number;
}

const say = (line: string) => console.error(`bench: team-local: ${line}`);

function projectOptions(): TeamScaleOptions {
  const longMB = Number(process.env.BENCH_TEAM_LONG_MB ?? 2000);
  return {
    runs: Number(process.env.BENCH_TEAM_RUNS ?? 100),
    rowEvery: 10,
    longRunSteps: Math.round((longMB * 1e6) / LONG_RUN_BYTES_PER_STEP),
  };
}

/** The sources whose change makes a generated project stale. */
const GENERATOR_SOURCES = [
  'bench/team-scale/dataset.ts',
  'packages/wandb-client/test/local/training-log.ts',
  'packages/wandb-client/src/local/writer/run-writer.ts',
  'packages/wandb-client/src/local/writer/run-log-writer.ts',
  'packages/wandb-client/src/local/proto/encode.ts',
  'packages/wandb-client/src/local/proto/writer.ts',
  'packages/wandb-client/src/local/log/writer.ts',
  'testing/sample-project/src/training.ts',
  'testing/sample-project/src/png.ts',
];

/** The generated project, reused when one with the same options and sources is complete on disk. */
function ensureProject(project: TeamScaleProject): DatasetFigures {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const hash = createHash('sha256').update(JSON.stringify(project.options));
  for (const source of GENERATOR_SOURCES) hash.update(readFileSync(join(root, source)));
  const key = hash.digest('hex').slice(0, 16);
  const parent = process.env.BENCH_TEAM_DIR ?? join(tmpdir(), 'run-comparer-team-scale');
  const dir = join(parent, key);
  const marker = join(dir, 'generated.json');
  if (existsSync(marker)) {
    say(`reusing the project generated in ${dir}`);
    return { ...(JSON.parse(readFileSync(marker, 'utf8')) as DatasetFigures), reused: true };
  }
  // Older generations are of no more use: make room for this one.
  if (existsSync(parent))
    for (const name of readdirSync(parent)) rmSync(join(parent, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Run files (about 930 bytes a row) and the media pool; media paths are hard links. Other work
  // shares this disk: leave it room, and stop if the disk fills faster than foreseen.
  const needed = project.runs.reduce((sum, run) => sum + (run.steps / run.rowEvery) * 930, 0) + 200e6;
  const free = () => {
    const { bavail, bsize } = statfsSync(dir);
    return bavail * bsize;
  };
  if (free() < needed + DISK_MARGIN)
    throw new Error(
      `the team-scale project needs about ${(needed / 1e9).toFixed(1)} GB in ${parent}, plus ${DISK_MARGIN / 1e9} GB left free, and ${(free() / 1e9).toFixed(1)} GB are free: set BENCH_TEAM_DIR to a roomier place, or BENCH_TEAM_RUNS / BENCH_TEAM_LONG_MB lower`,
    );
  say(`generating ${project.runs.length} runs into ${dir} (a few minutes; kept for the next run)…`);
  const t0 = performance.now();
  const start = free();
  let done = 0;
  try {
    project.writeTo(join(dir, 'wandb'), (run) => {
      const used = start - free();
      if (used > needed * 1.5 || free() < DISK_MARGIN)
        throw new Error(
          `stopped generating: ${(used / 1e9).toFixed(1)} GB written after ${done + 1} runs, ${(needed / 1e9).toFixed(1)} GB foreseen for all (are the media files being copied instead of hard-linked?)`,
        );
      if (++done % 10 === 0 || run.id.startsWith('long')) say(`  ${done} of ${project.runs.length} runs written`);
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const generationSeconds = (performance.now() - t0) / 1000;
  const sizes = runFiles(dir).map((file) => ({ file, bytes: statSync(file).size }));
  const long = sizes.find((s) => s.file.includes('long0000'));
  const others = sizes
    .filter((s) => s !== long)
    .map((s) => s.bytes)
    .sort((a, b) => a - b);
  const typical = project.runs.find((run) => !run.id.startsWith('long'))!;
  const figures: DatasetFigures = {
    dir,
    runs: project.runs.length,
    runFileBytes: sizes.reduce((sum, s) => sum + s.bytes, 0),
    longRunBytes: long?.bytes ?? 0,
    medianRunBytes: others[Math.floor(others.length / 2)] ?? 0,
    historyRowsPerRun: count(project.rows(typical)),
    imageStepsPerRun: project.imageSteps(typical).length,
    mediaPaths: project.runs.reduce((sum, run) => sum + project.imageSteps(run).length * TEAM_IMAGE_KEYS.length * 4, 0),
    diskBytes: Number(execFileSync('du', ['-s', '--block-size=1', dir], { encoding: 'utf8' }).split('\t')[0]),
    generationSeconds,
    reused: false,
  };
  writeFileSync(marker, JSON.stringify(figures));
  return figures;
}

function count(items: Iterable<unknown>): number {
  let n = 0;
  for (const _ of items) n++;
  return n;
}

function runFiles(dir: string): string[] {
  const wandb = join(dir, 'wandb');
  return readdirSync(wandb)
    .filter((name) => name.startsWith('offline-run-'))
    .map((name) => join(wandb, name, `run-${name.split('-').at(-1)}.wandb`));
}

/** Take the run files out of the page cache, as after a reboot (GNU dd's nocache flag, per file). */
function dropFromPageCache(dir: string): void {
  for (const file of runFiles(dir)) {
    execFileSync('sync', [file]);
    execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
  }
}

async function firstList(source: LocalRunSource, project: TeamScaleProject): Promise<ListFigures> {
  const t0 = performance.now();
  const page = await source.list({ entity: project.entity, project: project.project, perPage: 1000 });
  const ms = performance.now() - t0;
  if (page.runs.length !== project.runs.length)
    throw new Error(`listed ${page.runs.length} runs of the ${project.runs.length} generated`);
  const wrong = page.runs.filter((run) => {
    const spec = project.runs.find((r) => r.id === run.id)!;
    return run.state !== spec.state || run.lastStep !== lastStepOf(spec);
  });
  if (wrong.length > 0)
    throw new Error(`listed ${wrong.map((r) => `${r.id} ${r.state} @${r.lastStep}`).join(', ')} wrongly`);
  return {
    ms,
    bytesRead: source.stats().bytesRead,
    runs: page.runs.length,
    provisional: page.runs.filter((run) => run.warnings.some((w) => w.code === 'provisional')).length,
  };
}

function lastStepOf(run: { steps: number; rowEvery: number }): number {
  const last = run.steps - 1;
  return last - (last % run.rowEvery);
}

async function firstGrid(source: LocalRunSource, project: TeamScaleProject): Promise<GridFigures> {
  const refs: RunRef[] = [...project.runs]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, GRID_RUNS)
    .map((run) => ({ entity: project.entity, project: project.project, runId: run.id }));
  const before = source.stats().bytesRead;
  const t0 = performance.now();
  const index = await source.index(refs, { keys: [...TEAM_IMAGE_KEYS] });
  const step = Math.max(
    ...index.flatMap((entry) => Object.values(entry.byKey).flatMap((sets) => sets.map((s) => s.step))),
  );
  const shown = index.flatMap((entry) =>
    Object.values(entry.byKey).flatMap((sets) => sets.filter((s) => s.step === step)),
  );
  const ms = performance.now() - t0;
  const images = shown.reduce((sum, set) => sum + set.images.length, 0);
  const expected = refs.filter((ref) => lastStepOf(project.runs.find((r) => r.id === ref.runId)!) >= step).length;
  if (index.some((entry) => entry.error) || images !== expected * TEAM_IMAGE_KEYS.length * 4)
    throw new Error(
      `the grid at step ${step} holds ${images} images, expected ${expected * TEAM_IMAGE_KEYS.length * 4}`,
    );
  const bytesRead = source.stats().bytesRead - before;
  // The same project as a Dataset (what the fake wandb serves) gives the same image index.
  // (The memory source reads every run it is given at once: give it only this one.)
  const [newest] = refs;
  const dataset = project.dataset();
  const one = { ...dataset, runs: dataset.runs.filter((run) => run.id === newest!.runId) };
  const fromDataset = await createMemorySource(one).index([newest!], { keys: [...TEAM_IMAGE_KEYS] });
  if (JSON.stringify(fromDataset[0]!.byKey) !== JSON.stringify(index[0]!.byKey))
    throw new Error(`the Dataset's image index of ${newest!.runId} differs from the one read from its run file`);
  return { ms, runs: refs.length, keys: TEAM_IMAGE_KEYS.length, step, images, bytesRead };
}

async function readLongRun(dir: string, project: TeamScaleProject, bytes: number): Promise<LongRunFigures> {
  const long = project.runs.find((run) => run.id.startsWith('long'))!;
  const source = openLocalRuns({ dir, backgroundIndexing: false });
  const ref = { entity: project.entity, project: project.project, runId: long.id };
  await source.get(ref);
  const { result: steps, ...cost } = await measure(() => source.steps(ref, { keys: [TEAM_IMAGE_KEYS[1]] }));
  if (steps.steps.length !== project.imageSteps(long).length)
    throw new Error(`read ${steps.steps.length} image steps of the ${project.imageSteps(long).length} written`);
  return { bytes, imageSteps: steps.steps.length, ...cost };
}

export async function runTeamLocalBench(): Promise<TeamLocalFigures> {
  const project = new TeamScaleProject(projectOptions());
  const dataset = ensureProject(project);
  const { dir } = dataset;
  try {
    dropFromPageCache(dir);
    say('first list (page cache dropped)…');
    const t0 = performance.now();
    const cold = openLocalRuns({ dir });
    const coldList = await firstList(cold, project);
    say('first grid…');
    const grid = await firstGrid(cold, project);
    say('the rest, read whole in the background…');
    await cold.indexAll();
    const background = { seconds: (performance.now() - t0) / 1000, bytes: cold.stats().bytesRead };
    say('first list again, page cache warm…');
    const warmList = await firstList(openLocalRuns({ dir, backgroundIndexing: false }), project);

    dropFromPageCache(dir);
    say(`the ${(dataset.longRunBytes / 1e9).toFixed(1)} GB run read whole (page cache dropped)…`);
    const longRun = await readLongRun(dir, project, dataset.longRunBytes);
    return { dataset, firstList: { cold: coldList, warm: warmList }, firstGrid: grid, longRun, background };
  } finally {
    if (process.env.BENCH_TEAM_KEEP === '0') rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The section as bench/results.md shows it. */
export function describeTeamLocal(f: TeamLocalFigures): string[] {
  const d = f.dataset;
  const list = (l: ListFigures) =>
    `${l.ms.toFixed(0)} ms, ${mb(l.bytesRead)} read (${l.provisional} of ${l.runs} runs provisional until read whole)`;
  return [
    `Generated: ${d.runs - 1} run files of about ${mb(d.medianRunBytes)} (${d.historyRowsPerRun.toLocaleString('en')} history rows of 20 scalars, ${d.imageStepsPerRun} image steps × 8 keys × 4 PNGs) plus one of ${mb(d.longRunBytes)}, ${mb(d.runFileBytes)} of run files and ${d.mediaPaths.toLocaleString('en')} media paths (hard links to 20 distinct PNGs), ${mb(d.diskBytes)} on disk. ${d.reused ? `Reused from a previous run (generated in ${d.generationSeconds.toFixed(0)} s)` : `Generated in ${d.generationSeconds.toFixed(0)} s`}, kept in ${d.dir}.`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| first list, page cache dropped | ${list(f.firstList.cold)} |`,
    `| first list, page cache warm | ${list(f.firstList.warm)} |`,
    `| first grid: image index of ${f.firstGrid.runs} runs × ${f.firstGrid.keys} keys, ${f.firstGrid.images} images at step ${f.firstGrid.step.toLocaleString('en')} | ${f.firstGrid.ms.toFixed(0)} ms, ${mb(f.firstGrid.bytesRead)} read |`,
    `| ${mb(f.longRun.bytes)} run read whole (page cache dropped) | ${f.longRun.seconds.toFixed(1)} s (${(f.longRun.bytes / 1e6 / f.longRun.seconds).toFixed(0)} MB/s; ${f.longRun.cpuSeconds.toFixed(1)} s CPU), ${f.longRun.imageSteps.toLocaleString('en')} image steps |`,
    `| memory while reading it: peak RSS / heap above baseline | +${f.longRun.peakRssDeltaMB.toFixed(1)} MB / +${f.longRun.peakHeapDeltaMB.toFixed(1)} MB |`,
    `| heap retained after GC (its image index) | ${f.longRun.retainedHeapMB.toFixed(1)} MB |`,
    `| every file read whole in the background, from the first list on (what the first list waited for before) | ${f.background.seconds.toFixed(1)} s, ${mb(f.background.bytes)} read |`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeTeamLocal(await runTeamLocalBench()).join('\n'));
}
