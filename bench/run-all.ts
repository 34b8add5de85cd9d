/**
 * Every benchmark of the project in one report (`npm run bench`): the SDK's upstream requests, the
 * local reader's throughput and memory, the server's latency, memory and grid bytes, and the
 * browser's step-change latency. Prints a markdown report and writes it to bench/results.md.
 *
 * Sizes (smaller ones keep the whole run under a few minutes on two cores; the report says which were used):
 *   BENCH_LOCAL_MB   size of the .wandb file the local reader indexes (default 200)
 *   BENCH_SECONDS    seconds per autocannon run in the server benchmark (default 4)
 *   BENCH_STEPS      step changes measured per browser case (default 12)
 *   BENCH_TEAM_RUNS  runs of the team-scale project besides its long run (default 100)
 *   BENCH_TEAM_LONG_MB  size of its long run's file (default 2000)
 *   BENCH_TEAM_LATENCY_MS  the fake wandb's latency per GraphQL request in team-cloud and team-server (default 50)
 *   BENCH_ONLY       comma-separated sections to run: cloud, local, scalars, team-local, team-cloud, team-server, team-picker, team-browser, server, browser (default all)
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCloudBench, type CloudBenchFigure } from './wandb-client/cloud.bench.js';
import { describeCensus, runLocalBench, type LocalBenchFigures } from './wandb-client/local.bench.js';
import { describeScalars, runScalarsBench } from './wandb-client/scalars.bench.js';
import { runServerBench, type ServerBenchFigures } from '../packages/demo-server/bench/server.bench.js';
import { describeTeamLocal, runTeamLocalBench } from './team-scale/local.bench.js';
import { describeTeamCloud, runTeamCloudBench } from './team-scale/cloud.bench.js';
import { describeTeamServer, runTeamServerBench } from './team-scale/server.bench.js';
import { describeTeamPicker, runTeamPickerBench } from './team-scale/picker.bench.js';
import { describeTeamBrowser, runTeamBrowserBench } from './team-scale/browser.bench.js';
import { runBrowserStepBench, type StepLatency } from './browser-step.bench.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOCAL_MB = Number(process.env.BENCH_LOCAL_MB ?? 200);
const SERVER_SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const STEPS = Number(process.env.BENCH_STEPS ?? 12);
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const TEAM_RUNS = Number(process.env.BENCH_TEAM_RUNS ?? 100);
const TEAM_LONG_MB = Number(process.env.BENCH_TEAM_LONG_MB ?? 2000);

const say = (line: string) => console.error(`bench: ${line}`);
const fixed = (n: number, digits = 1) => n.toFixed(digits);
const kib = (bytes: number) => `${fixed(bytes / 1024)} KiB`;

interface Section {
  id: string;
  title: string;
  measure: () => Promise<unknown>;
  // The figures come back as JSON from the section's own process.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  format: (figures: any) => string[];
}

function table(header: string[], rows: (string | number)[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function cloudSection(figures: CloudBenchFigure[]): string[] {
  return [
    'The cloud client against the fake wandb GraphQL server on loopback (fresh client per scenario, nothing cached).',
    '',
    ...table(
      [
        'scenario',
        'GraphQL requests',
        'root fields',
        'largest request (specs)',
        'largest response',
        'all responses',
        'ms',
        'result',
      ],
      figures.map((f) => [
        f.scenario,
        f.requests,
        f.rootFields,
        f.maxSpecs,
        kib(f.maxResponseBytes),
        kib(f.responseBytes),
        f.ms,
        f.result,
      ]),
    ),
  ];
}

function localSection(f: LocalBenchFigures): string[] {
  const n = (value: number) => value.toLocaleString('en');
  return [
    `One ${fixed(f.fileBytes / 1e6)} MB generated \`.wandb\` file shaped like a training log (history rows of 23 scalar keys, ${fixed(f.rowBytes, 0)} bytes on average; images every 500 steps; rows of \`wandb.watch\` histograms every 5,000 steps, spanning blocks), indexed from disk; target ≥ 150 MB/s. The run fails when a count read differs from the count written.`,
    '',
    ...table(
      ['figure', 'value'],
      [
        ['history rows written = read', `${n(f.rowsWritten)} = ${n(f.rowsRead)}`],
        ['image steps written = read', `${n(f.imageStepsWritten)} = ${n(f.imageStepsRead)}`],
        ['framing (generated)', describeCensus(f.census)],
        ['throughput (wall)', `${fixed(f.throughputMBps, 0)} MB/s (${fixed(f.indexSeconds, 2)} s)`],
        ['throughput (per CPU second)', `${fixed(f.cpuThroughputMBps, 0)} MB/s (${fixed(f.indexCpuSeconds, 2)} s CPU)`],
        ['peak RSS above baseline', `${fixed(f.peakRssDeltaMB)} MB`],
        ['peak heap above baseline', `${fixed(f.peakHeapDeltaMB)} MB`],
        ['heap retained after GC (the index)', `${fixed(f.retainedHeapMB)} MB`],
        [
          'append re-read',
          `${fixed(f.appendedBytes / 1e6, 2)} MB appended → ${f.appendBytesParsed.toLocaleString('en')} bytes parsed in ${fixed(f.appendSeconds * 1000)} ms`,
        ],
      ],
    ),
  ];
}

function serverSection(all: ServerBenchFigures[]): string[] {
  const load = (l: ServerBenchFigures['images']) =>
    `${l.requestsPerSecond} req/s, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms (${l.non2xx} non-2xx, ${l.errors} errors)`;
  return [
    `The server process in local mode on loopback, autocannon ${SERVER_SECONDS} s × 10 connections per round (2 warm-up rounds, 3 measured; figures from the last). Targets: warm \`images\` p99 < 20 ms, thumbnails < 15% of the original bytes, memory flat after warm-up.`,
    '',
    ...table(
      [
        'dataset',
        'grid',
        'warm `images`',
        'cached thumbnails',
        'grid bytes: originals → thumbnails',
        'server RSS MiB: start / warm / measured',
        'targets',
      ],
      all.map((f) => [
        f.dataset,
        `${f.grid.runs} runs × ${f.grid.keys} keys, ${f.grid.images} images, w=${f.grid.thumbnailWidth}`,
        load(f.images),
        load(f.thumbnails),
        `${kib(f.bytes.originals)} → ${kib(f.bytes.thumbnails)} (${fixed(f.bytes.ratio * 100)}%)`,
        `${f.memoryMiB.start} / ${f.memoryMiB.warmUp.join(', ')} / ${f.memoryMiB.measured.join(', ')}`,
        [
          `p99 < 20 ms: ${f.targets.imagesP99Under20ms ? 'met' : 'missed'}`,
          `< 15%: ${f.targets.thumbnailsUnder15Percent ? 'met' : 'missed'}`,
          `flat: ${f.targets.memoryFlat ? 'met' : 'missed'}`,
        ].join(', '),
      ]),
    ),
  ];
}

function browserSection(results: StepLatency[]): string[] {
  const what = {
    cold: 'cold: fresh server (no thumbnail made yet) and browser context, prefetch off',
    warm: 'warm: the page as shipped (neighbouring steps prefetched), server warmed up',
  };
  const spread = (counts: number[]) => {
    const sorted = [...counts].sort((a, b) => a - b);
    return sorted[0] === sorted.at(-1) ? `${sorted[0]}` : `${sorted[0]}–${sorted.at(-1)}`;
  };
  return [
    'Chromium (software rendering, 3000 × 2400 viewport, every thumbnail on screen): from the ArrowRight keydown on the step slider to every thumbnail of the new step decoded (in-page clock), and what each step change requests until the network is quiet (the prefetch of the next steps included). Target: prefetched step under 50 ms; with the image index loaded, no API request per step, only image bytes.',
    '',
    ...table(
      [
        'project',
        'case',
        'median',
        'p90',
        'max',
        'step changes',
        'images per step',
        'API requests per step',
        'image requests per step',
      ],
      results.map((r) => [
        r.dataset,
        what[r.case],
        `${r.medianMs} ms`,
        `${r.p90Ms} ms`,
        `${r.maxMs} ms`,
        r.samples.length,
        r.imagesPerStep,
        spread(r.apiRequests),
        spread(r.mediaRequests),
      ]),
    ),
  ];
}

/** Each section measures in its own process, so one's memory and warm caches cannot colour another's figures. */
const sections: Section[] = [
  { id: 'cloud', title: 'SDK: upstream requests (cloud client)', measure: () => runCloudBench(), format: cloudSection },
  {
    id: 'local',
    title: 'Local `.wandb` reader',
    measure: () => runLocalBench(LOCAL_MB, 500),
    format: localSection,
  },
  {
    id: 'scalars',
    title: 'Scalar history from a local `.wandb` file',
    measure: () => runScalarsBench(LOCAL_MB),
    format: describeScalars,
  },
  {
    id: 'team-local',
    title: 'Team scale — local',
    measure: () => runTeamLocalBench(),
    format: describeTeamLocal,
  },
  {
    id: 'team-cloud',
    title: 'Team scale — cloud',
    measure: () => runTeamCloudBench(say),
    format: describeTeamCloud,
  },
  {
    id: 'team-server',
    title: 'Team scale — server',
    measure: () => runTeamServerBench(say),
    format: describeTeamServer,
  },
  {
    id: 'team-picker',
    title: 'Team scale — run picker',
    measure: () => runTeamPickerBench(say),
    format: describeTeamPicker,
  },
  {
    id: 'team-browser',
    title: 'Team scale — browser (grid)',
    measure: () => runTeamBrowserBench(say),
    format: describeTeamBrowser,
  },
  {
    id: 'server',
    title: 'Demo server',
    measure: () => runServerBench({ durationSeconds: SERVER_SECONDS, log: (line) => say(line.trim()) }),
    format: serverSection,
  },
  { id: 'browser', title: 'Browser step change', measure: () => runBrowserStepBench(STEPS), format: browserSection },
];

/** Run one section in a child process (this file with --section) and return its figures. */
function measureInChild(section: Section): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--section', section.id],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0) return resolve(JSON.parse(last));
      reject(new Error(`${section.title} exited with ${code}: ${last.slice(0, 300)}`));
    });
  });
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const childSection = process.argv.indexOf('--section');
if (childSection > 0) {
  const section = sections.find((s) => s.id === process.argv[childSection + 1])!;
  if (['local', 'scalars', 'team-local'].includes(section.id) && !globalThis.gc)
    say('run with --expose-gc for the retained-heap figure (npm run bench does)');
  const figures = await section.measure();
  // The figures are the last line on stdout; everything else goes to stderr.
  process.stdout.write(`\n${JSON.stringify(figures)}\n`);
  process.exit(0);
}

const started = Date.now();
const load = loadavg()
  .map((l) => fixed(l))
  .join(' ');
const lines = [
  '# Run Comparer benchmark figures',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} at commit ${git(['rev-parse', '--short', 'HEAD'])}: ` +
    `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${load} at the start, Node ${process.versions.node}.`,
  `Sizes: local reader file ${LOCAL_MB} MB (BENCH_LOCAL_MB), team-scale project ${TEAM_RUNS} runs + one of ${TEAM_LONG_MB} MB (BENCH_TEAM_RUNS, BENCH_TEAM_LONG_MB), server rounds ${SERVER_SECONDS} s (BENCH_SECONDS), ${STEPS} browser step changes per case (BENCH_STEPS).` +
    (LOCAL_MB !== 200 || SERVER_SECONDS !== 4 || TEAM_RUNS !== 100 || TEAM_LONG_MB !== 2000
      ? ' Smaller than the defaults: figures are noisier.'
      : ''),
  'Figures, not pass/fail tests: a busy machine moves them; compare runs on the same machine.',
];
let failed = false;
for (const section of sections) {
  if (ONLY && !ONLY.includes(section.id)) continue;
  say(`${section.title}…`);
  const t0 = Date.now();
  const loadBefore = loadavg()[0]!;
  let body: string[];
  try {
    body = section.format(await measureInChild(section));
  } catch (error) {
    failed = true;
    body = [`**Failed:** ${String((error as Error)?.message ?? error).split('\n')[0]}`];
  }
  const loadAfter = loadavg()[0]!;
  lines.push(
    '',
    `## ${section.title}`,
    '',
    ...body,
    '',
    `_(${fixed((Date.now() - t0) / 1000)} s; load average ${fixed(loadBefore)} before, ${fixed(loadAfter)} after${
      Math.max(loadBefore, loadAfter) > availableParallelism()
        ? ': the machine was busy, figures are slower than on a quiet one'
        : ''
    })_`,
  );
}
lines.push('', `Total: ${fixed((Date.now() - started) / 1000)} s.`, '');

const report = lines.join('\n');
console.log(report);
writeFileSync(new URL('./results.md', import.meta.url), report);
say(`wrote bench/results.md`);
process.exit(failed ? 1 : 0);
