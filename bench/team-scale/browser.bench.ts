/**
 * Team scale in the browser (issue 13): `<run-comparer>` over the demo server serving a generated
 * team-scale local project (24 runs × 8 keys × lists of 4 images of 512 px, `main/reals` 1,024 px,
 * 120 image steps), at 1920 × 1080, in Chromium and Firefox. Timed in the page, to the grid's
 * `step-ready` event (every row on screen shows the step with its images decoded) and the frame
 * after it:
 *
 * - first open: from navigation to the first `step-ready`, on a fresh server (cold) and on reload (warm);
 * - step change: ArrowRight on the slider with the neighbouring steps prefetched (the network
 *   quiet before each press), median and p90; media requests and bytes each one costs until quiet;
 * - ten quick presses: ten ArrowRight 20 ms apart, to the last step ready, and the requests made;
 * - scrolling the grid: 120 frames of 40 px, dropped frames (over 1.5 frames of 60 Hz);
 * - autoplay at 4 steps/s for 4 s: steps shown, and frames in which a row on screen showed the
 *   current step only partly (must be 0);
 * - sliding through 100 steps: the JS heap at its largest (Chromium; n/a in Firefox) and `<img>`
 *   elements in the grid at most (the scheduler keeps at most 96 decoded images nobody shows);
 * - the largest `POST /api/index` answer.
 *
 *   npx tsx --conditions=source bench/team-scale/browser.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, firefox, type Browser, type Page } from 'playwright';
import { playwrightLaunchOptions } from '@run-comparer/browsers';
import { startServerProcess } from '../../packages/demo-server/test/fixtures/server-process.js';
import { TEAM_IMAGE_KEYS, TeamScaleProject } from './dataset.js';
import { autoplay, dragAcross, scrollGrid } from './browser-gestures.js';
import { startCountingProxy } from './counting-proxy.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 24;
const MOVES = Number(process.env.BENCH_STEPS ?? 12);
const SLIDE = Number(process.env.BENCH_TEAM_SLIDE ?? 100);

export interface TeamBrowserFigures {
  browser: string;
  coldOpenMs: number;
  warmOpenMs: number;
  stepMs: number[];
  medianMs: number;
  p90Ms: number;
  /** Media requests the page reported per step change (Firefox counts `<img>` image-cache hits here). */
  mediaRequests: number[];
  mediaBytes: number[];
  /** Media requests that reached the server per step change, and their bytes (counted by a proxy). */
  serverRequests: number[];
  serverBytes: number[];
  quickPresses: { settleMs: number; requests: number; serverRequests: number; aborted: number };
  drag: { steps: number; shownDuringDrag: number; settleMs: number };
  scroll: { frames: number; dropped: number; worstMs: number };
  autoplay: { steps: number; partlyLoadedFrames: number };
  slide: { steps: number; heapMB: number | null; maxImages: number };
  largestIndexBytes: number;
  imagesOnScreen: number;
}

/** What the page records: `step-ready` events and the last key press, from the start. */
const RECORDER = `
  window.__name = (target) => target;
  window.benchReady = [];
  window.benchKeyAt = 0;
  addEventListener('step-ready', (e) => window.benchReady.push({ step: e.step, at: performance.now() }));
  addEventListener('keydown', (e) => (window.benchKeyAt = e.timeStamp), { capture: true });
`;

type BenchWindow = Window & {
  benchReady: Array<{ step: number; at: number }>;
  benchKeyAt: number;
};

/** Media requests and bytes, in flight and made; the largest index answer. */
function trackRequests(page: Page) {
  const made = { media: 0, bytes: 0, failed: 0, largestIndex: 0 };
  let inFlight = 0;
  const isMedia = (url: string) => url.includes('/api/media/');
  page.on('request', (request) => {
    if (!isMedia(request.url())) return;
    inFlight++;
    made.media++;
  });
  page.on('requestfinished', (request) => {
    const url = request.url();
    if (!isMedia(url) && !url.includes('/api/index')) return;
    if (isMedia(url)) inFlight--;
    void request.sizes().then(
      ({ responseBodySize }) => {
        if (isMedia(url)) made.bytes += responseBodySize;
        else made.largestIndex = Math.max(made.largestIndex, responseBodySize);
      },
      () => {},
    );
  });
  page.on('requestfailed', (request) => {
    if (!isMedia(request.url())) return;
    inFlight--;
    made.failed++;
  });
  return { made, inFlight: () => inFlight };
}

/** Until no media request has been in flight for 300 ms, or 10 s (a cancelled image load may never report its end). */
async function quiet(page: Page, inFlight: () => number): Promise<void> {
  const until = Date.now() + 10_000;
  for (let calm = 0; calm < 3 && Date.now() < until;) {
    await page.waitForTimeout(100);
    calm = inFlight() === 0 ? calm + 1 : 0;
  }
}

/** Press `key` on the focused slider and resolve with the ms from the key press to the frame after `step-ready` for the step it leads to. */
async function timedPress(page: Page, key: string): Promise<number> {
  const count = await page.evaluate(() => (window as unknown as BenchWindow).benchReady.length);
  await page.keyboard.press(key);
  return page.evaluate(async (seen) => {
    const w = window as unknown as BenchWindow;
    const comparer = document.querySelector('run-comparer') as unknown as { store: { value: { step: number } } };
    const deadline = performance.now() + 30_000;
    for (;;) {
      const step = comparer.store.value.step;
      const ready = w.benchReady.slice(seen).find((r) => r.step === step);
      if (ready) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return ready.at - w.benchKeyAt;
      }
      if (performance.now() > deadline) throw new Error(`step ${step} never became ready`);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }, count);
}

async function firstReady(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as BenchWindow).benchReady.length > 0, null, {
    timeout: 120_000,
  });
  return page.evaluate(() => (window as unknown as BenchWindow).benchReady[0]!.at);
}

async function measureIn(
  name: 'chromium' | 'firefox',
  url: string,
  cwd: string,
  dir: string,
  log: (line: string) => void,
) {
  const launcher = name === 'chromium' ? chromium : firefox;
  const browser: Browser = await launcher.launch(playwrightLaunchOptions(name));
  // A fresh server: nothing cached, no thumbnail made yet.
  const server = await startServerProcess({ cwd, stdout: 'ignore', args: ['--dir', dir] });
  const proxy = await startCountingProxy(server.url);
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript({ content: RECORDER });
    const page = await context.newPage();
    const requests = trackRequests(page);
    await page.goto(`${proxy.url}${url}`);
    const coldOpenMs = await firstReady(page);
    log(`  ${name}: cold open ${Math.round(coldOpenMs)} ms`);
    await quiet(page, requests.inFlight);
    await page.reload();
    const warmOpenMs = await firstReady(page);
    await quiet(page, requests.inFlight);

    const slider = page.locator('step-slider').getByRole('slider');
    await slider.focus();
    await timedPress(page, 'Home');
    await quiet(page, requests.inFlight);
    const stepMs: number[] = [];
    const mediaRequests: number[] = [];
    const mediaBytes: number[] = [];
    const serverRequests: number[] = [];
    const serverBytes: number[] = [];
    for (let i = 0; i < MOVES; i++) {
      const before = { ...requests.made };
      const atServer = { ...proxy.media };
      stepMs.push(Math.round(await timedPress(page, 'ArrowRight')));
      await quiet(page, requests.inFlight);
      mediaRequests.push(requests.made.media - before.media);
      mediaBytes.push(requests.made.bytes - before.bytes);
      serverRequests.push(proxy.media.requests - atServer.requests);
      serverBytes.push(proxy.media.bytes - atServer.bytes);
    }
    log(`  ${name}: step changes ${stepMs.join(', ')} ms`);
    const imagesOnScreen = await page.evaluate(() => {
      const grid = document.querySelector('run-comparer')!.shadowRoot!.querySelector('image-compare')!.shadowRoot!;
      return [...grid.querySelectorAll('img')].filter((img) => {
        const box = img.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
      }).length;
    });

    const before = { ...requests.made };
    const serverBefore = proxy.media.requests;
    const seen = await page.evaluate(() => (window as unknown as BenchWindow).benchReady.length);
    const started = await page.evaluate(() => performance.now());
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(20);
    }
    const settleMs = await page.evaluate(
      async ([seen, started]) => {
        const w = window as unknown as BenchWindow;
        const comparer = document.querySelector('run-comparer') as unknown as { store: { value: { step: number } } };
        for (;;) {
          const ready = w.benchReady.slice(seen).find((r) => r.step === comparer.store.value.step);
          if (ready) return ready.at - started;
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
      },
      [seen, started] as const,
    );
    await quiet(page, requests.inFlight);
    const quickPresses = {
      settleMs: Math.round(settleMs),
      requests: requests.made.media - before.media,
      serverRequests: proxy.media.requests - serverBefore,
      aborted: requests.made.failed - before.failed,
    };

    log(`  ${name}: ten quick presses ${JSON.stringify(quickPresses)}`);
    const drag = await dragAcross(page, 20);
    await quiet(page, requests.inFlight);
    log(`  ${name}: drag ${JSON.stringify(drag)}`);
    const scroll = await scrollGrid(page);
    await quiet(page, requests.inFlight);
    const played = await autoplay(page);
    await quiet(page, requests.inFlight);

    await slider.focus();
    await timedPress(page, 'Home');
    log(`  ${name}: scroll ${JSON.stringify(scroll)}, autoplay ${JSON.stringify(played)}`);
    let heap: number | null = null;
    let maxImages = 0;
    for (let i = 0; i < SLIDE; i++) {
      await timedPress(page, 'ArrowRight');
      const sample = await page.evaluate(() => ({
        heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null,
        images: document
          .querySelector('run-comparer')!
          .shadowRoot!.querySelector('image-compare')!
          .shadowRoot!.querySelectorAll('img').length,
      }));
      if (sample.heap !== null) heap = Math.max(heap ?? 0, sample.heap);
      maxImages = Math.max(maxImages, sample.images);
    }
    await context.close();
    const sorted = [...stepMs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return {
      browser: name === 'chromium' ? 'Chromium' : 'Firefox',
      coldOpenMs: Math.round(coldOpenMs),
      warmOpenMs: Math.round(warmOpenMs),
      stepMs,
      medianMs: at(0.5),
      p90Ms: at(0.9),
      mediaRequests,
      mediaBytes,
      serverRequests,
      serverBytes,
      quickPresses,
      drag,
      scroll,
      autoplay: played,
      slide: { steps: SLIDE, heapMB: heap === null ? null : Math.round(heap / 1e5) / 10, maxImages },
      largestIndexBytes: requests.made.largestIndex,
      imagesOnScreen,
    } satisfies TeamBrowserFigures;
  } finally {
    await proxy.close();
    await server.stop();
    await browser.close();
  }
}

export async function runTeamBrowserBench(log: (line: string) => void = () => {}): Promise<TeamBrowserFigures[]> {
  // The page bundle, as `npm start` builds it.
  execFileSync(process.execPath, [join(ROOT, 'packages', 'demo-server', 'scripts', 'build-page.mjs')], {
    stdio: 'ignore',
  });
  const cwd = await mkdtemp(join(tmpdir(), 'rc-team-browser-'));
  try {
    // 120 image steps; a history row only on image steps (the scalars are not what this measures).
    const project = new TeamScaleProject({ runs: RUNS, steps: 60_000, rowEvery: 500, imageEvery: 500 });
    log(`team browser: writing ${RUNS} runs`);
    project.writeTo(join(cwd, 'wandb'));
    const query = new URLSearchParams({ entity: project.entity, project: project.project });
    for (const run of project.runs) query.append('run', run.id);
    for (const key of TEAM_IMAGE_KEYS) query.append('key', key);
    const figures: TeamBrowserFigures[] = [];
    const browsers = (process.env.BENCH_TEAM_BROWSERS ?? 'chromium,firefox').split(',') as Array<
      'chromium' | 'firefox'
    >;
    for (const name of browsers) {
      log(`team browser: ${name}`);
      const measured = await measureIn(name, `?${query}`, cwd, join(cwd, 'wandb'), log);
      log(JSON.stringify(measured));
      figures.push(measured);
    }
    return figures;
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

export function describeTeamBrowser(figures: TeamBrowserFigures[]): string[] {
  return [
    `Generated: ${RUNS} local runs × ${TEAM_IMAGE_KEYS.length} keys × 4 images (512 px, \`main/reals\` 1,024 px), 120 image steps, served by the demo server; \`<run-comparer>\` at 1920 × 1080. Times in the page to the grid's \`step-ready\` (every row on screen showing the step, images decoded) and the next frame. Step change: ${MOVES} ArrowRight presses, neighbours prefetched (network quiet before each). Ten quick presses: 20 ms apart, to the last step ready. Drag: the handle dragged with the mouse across 20 steps, 60 ms a step. Scroll: 120 frames of 40 px, dropped = over 25 ms. Autoplay: 4 steps/s for 4 s. Slide: ${SLIDE} steps one by one. Media requests "at the server" are counted by a loopback proxy in front of the server; "in the page" by the browser's request events (Firefox reports \`<img>\` image-cache hits there too).`,
    '',
    '| browser | first open cold / warm | step change median / p90 | media per step at the server: requests / bytes (in the page) | ten quick presses: settle, requests at the server (in the page, aborted) | drag 20 steps: steps shown while dragging, settle after release | scroll: dropped of frames (worst) | autoplay: steps, partly loaded frames | slide 100: JS heap max, `<img>` at most | largest index answer | images on screen |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map(
      (f) =>
        `| ${f.browser} | ${f.coldOpenMs} / ${f.warmOpenMs} ms | ${f.medianMs} / ${f.p90Ms} ms | ${median(f.serverRequests)} / ${kb(median(f.serverBytes))} (${median(f.mediaRequests)}) | ${f.quickPresses.settleMs} ms, ${f.quickPresses.serverRequests} (${f.quickPresses.requests}, ${f.quickPresses.aborted}) | ${f.drag.shownDuringDrag} of ${f.drag.steps}, ${f.drag.settleMs} ms | ${f.scroll.dropped} of ${f.scroll.frames} (${f.scroll.worstMs} ms) | ${f.autoplay.steps}, ${f.autoplay.partlyLoadedFrames} | ${f.slide.heapMB === null ? 'n/a' : `${f.slide.heapMB} MB`}, ${f.slide.maxImages} | ${kb(f.largestIndexBytes)} | ${f.imagesOnScreen} |`,
    ),
    '',
    ...figures.map(
      (f) =>
        `${f.browser} step changes (ms): ${f.stepMs.join(', ')}; media requests at the server: ${f.serverRequests.join(', ')}; in the page: ${f.mediaRequests.join(', ')}`,
    ),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeTeamBrowser(await runTeamBrowserBench((line) => console.error(line))).join('\n'));
}
