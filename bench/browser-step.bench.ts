/**
 * Browser step-change latency: the time from a key press on the step slider (ArrowRight) to every
 * thumbnail of the new step decoded, measured inside Chromium (from the keydown event's timestamp
 * to the frame after the last `img.decode()`), and the requests each step change costs (API calls
 * and image bytes, counted until the network is quiet, prefetch included), over the demo server
 * serving the bundled sample project and a generated project of 8 runs × 4 keys × 4 images.
 *   - cold: a fresh server (no thumbnails made yet) and browser context, the grid's prefetch off;
 *   - warm: the page as people get it (neighbouring steps prefetched), server warmed up.
 *   npx tsx --conditions=source bench/browser-step.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { playwrightLaunchOptions } from '@run-comparer/browsers';
import { startServerProcess } from '../packages/demo-server/test/fixtures/server-process.js';

export interface StepLatency {
  /** What the page showed. */
  dataset: string;
  case: 'cold' | 'warm';
  /** Milliseconds per step change, in the order measured. */
  samples: number[];
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  /** Images of one step in the grid (every one is on screen). */
  imagesPerStep: number;
  /** Per step change, from the key press until the network is quiet: JSON API requests. */
  apiRequests: number[];
  /** The same for image requests (the new step's when not prefetched, the next step's prefetch). */
  mediaRequests: number[];
}

interface BenchPage {
  name: string;
  url: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Start watching for the next step change (before the key is pressed); the returned function
 * resolves with its latency once the grid shows the new step fully decoded.
 */
async function watchNextStep(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    (window as unknown as { nextStep: Promise<number> }).nextStep = new Promise<number>((resolve, reject) => {
      const grid = document.querySelector('run-comparer')!.shadowRoot!.querySelector('image-compare')!.shadowRoot!;
      const caption = () => grid.querySelector('[part="step-label"]')?.textContent?.trim() ?? '';
      const before = caption();
      let pressedAt = 0;
      window.addEventListener('keydown', (event) => (pressedAt = event.timeStamp), { capture: true, once: true });
      const deadline = performance.now() + 20_000;
      const check = async () => {
        if (performance.now() > deadline) {
          const state = [...grid.querySelectorAll<HTMLImageElement>('img[part="image"]')]
            .map(
              (img) => `${img.complete ? 'c' : '-'}${img.naturalWidth}@${Math.round(img.getBoundingClientRect().top)}`,
            )
            .join(' ');
          const busy = grid.querySelector('[part="grid"]')?.getAttribute('aria-busy');
          return reject(
            new Error(`no new step shown after 60 s (${caption()}, busy ${busy}, key ${pressedAt > 0}): ${state}`),
          );
        }
        const table = grid.querySelector('[part="grid"]');
        // What is on screen (thumbnails load lazily; the viewport holds the whole sample grid).
        const images = [...grid.querySelectorAll<HTMLImageElement>('img[part="image"]')].filter((img) => {
          const box = img.getBoundingClientRect();
          return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
        });
        const settled =
          pressedAt > 0 &&
          caption() !== before &&
          !caption().includes('loading') &&
          table?.getAttribute('aria-busy') === 'false' &&
          images.length > 0 &&
          images.every((img) => img.complete && img.naturalWidth > 0);
        if (!settled) return void requestAnimationFrame(check);
        await Promise.all(images.map((img) => img.decode().catch(() => {})));
        requestAnimationFrame(() => resolve(performance.now() - pressedAt));
      };
      requestAnimationFrame(check);
    });
  });
  return () => page.evaluate(() => (window as unknown as { nextStep: Promise<number> }).nextStep);
}

/** Image requests still in flight on the page, and every request made, by kind. */
function trackRequests(page: Page) {
  let inFlight = 0;
  const made = { api: 0, media: 0 };
  const isMedia = (url: string) => url.includes('/api/media/');
  const done = (url: string) => isMedia(url) && inFlight--;
  page.on('request', (request) => {
    const url = request.url();
    if (isMedia(url)) {
      inFlight++;
      made.media++;
    } else if (url.includes('/api/')) made.api++;
  });
  page.on('requestfinished', (request) => done(request.url()));
  page.on('requestfailed', (request) => done(request.url()));
  return { inFlight: () => inFlight, made };
}

async function quiet(page: Page, inFlight: () => number): Promise<void> {
  for (let calm = 0; calm < 3;) {
    await page.waitForTimeout(100);
    calm = inFlight() === 0 ? calm + 1 : 0;
  }
}

async function measure(
  browser: Browser,
  target: BenchPage,
  kind: 'cold' | 'warm',
  moves: number,
): Promise<StepLatency> {
  // Big enough that every thumbnail of a step is on screen (they load lazily).
  const context = await browser.newContext({ viewport: { width: 3000, height: 2400 } });
  // tsx keeps function names with a `__name` helper, which functions sent to the page refer to.
  await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  const page = await context.newPage();
  const requests = trackRequests(page);
  const inFlight = requests.inFlight;
  await page.goto(target.url);
  const slider = page.locator('step-slider').getByRole('slider');
  await slider.waitFor();
  // The first view is complete before anything is measured.
  await page.waitForFunction(() => {
    const grid = document.querySelector('run-comparer')?.shadowRoot?.querySelector('image-compare')?.shadowRoot;
    const images = [...(grid?.querySelectorAll<HTMLImageElement>('img[part="image"]') ?? [])];
    return (
      grid?.querySelector('[part="grid"]')?.getAttribute('aria-busy') === 'false' &&
      images.length > 0 &&
      images.every((img) => img.complete && img.naturalWidth > 0)
    );
  });
  await quiet(page, inFlight);
  if (kind === 'cold') {
    await page.locator('image-compare').evaluate((grid) => ((grid as HTMLElement & { prefetch: number }).prefetch = 0));
  }
  await slider.focus();
  const home = await watchNextStep(page);
  await page.keyboard.press('Home');
  await home();
  await quiet(page, inFlight);
  const samples: number[] = [];
  const apiRequests: number[] = [];
  const mediaRequests: number[] = [];
  for (let i = 0; i < moves; i++) {
    const next = await watchNextStep(page);
    const before = { ...requests.made };
    await page.keyboard.press('ArrowRight');
    samples.push(Math.round(await next()));
    // Let the prefetch of the following steps finish, as it does while a person looks.
    await quiet(page, inFlight);
    apiRequests.push(requests.made.api - before.api);
    mediaRequests.push(requests.made.media - before.media);
  }
  const imagesPerStep = await page.locator('image-compare img[part="image"]').count();
  await context.close();
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    dataset: target.name,
    case: kind,
    samples,
    medianMs: at(0.5),
    p90Ms: at(0.9),
    maxMs: sorted.at(-1)!,
    imagesPerStep,
    apiRequests,
    mediaRequests,
  };
}

const GRID_KEYS = ['samples/portraits', 'samples/landscapes', 'samples/objects', 'val/fixed_seeds'];

/** 8 runs × 4 keys × 4 images of 128 px (as the sample's), images every 100 steps, `moves` + 1 steps or more. */
async function writeGridProject(dir: string, moves: number): Promise<string> {
  const { imageDataset } = await import('../packages/demo-server/test/fixtures/image-dataset.js');
  const { writeDataset } = await import('@run-comparer/wandb-client/local');
  const dataset = await imageDataset({
    runs: 8,
    lastStep: 100 * Math.max(moves, 10),
    every: 100,
    gridSize: 4,
    size: 128,
    listKeys: GRID_KEYS,
    singleKeys: [],
  });
  writeDataset(dataset, join(dir, 'wandb'));
  const query = new URLSearchParams({ entity: dataset.entity, project: dataset.project });
  for (const run of dataset.runs) query.append('run', run.id);
  for (const key of GRID_KEYS) query.append('key', key);
  return `?${query}`;
}

/** Cold and warm step-change latency over each project; `moves` ArrowRight presses each. */
export async function runBrowserStepBench(moves = 12): Promise<StepLatency[]> {
  // The page bundle, as `npm start` builds it.
  execFileSync(process.execPath, [join(ROOT, 'packages', 'demo-server', 'scripts', 'build-page.mjs')], {
    stdio: 'ignore',
  });
  const cwd = await mkdtemp(join(tmpdir(), 'rc-browser-bench-'));
  const gridQuery = await writeGridProject(cwd, moves);
  const projects = [
    { name: 'the sample project (3 runs × 5 images)', args: [], query: '' },
    { name: 'generated: 8 runs × 4 keys × 4 images', args: ['--dir', join(cwd, 'wandb')], query: gridQuery },
  ];
  const browser = await chromium.launch(playwrightLaunchOptions('chromium'));
  try {
    const results: StepLatency[] = [];
    for (const project of projects) {
      for (const kind of ['cold', 'warm'] as const) {
        // A fresh server each time: the cold case finds no thumbnail made yet.
        const server = await startServerProcess({ cwd, stdout: 'ignore', args: project.args });
        try {
          const target = { name: project.name, url: `${server.url}/${project.query}` };
          if (kind === 'warm') await measure(browser, target, 'cold', moves); // warms the server
          results.push(await measure(browser, target, kind, moves));
        } finally {
          await server.stop();
        }
      }
    }
    return results;
  } finally {
    await browser.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const result of await runBrowserStepBench()) {
    console.log(
      `${result.dataset}, ${result.case}: median ${result.medianMs} ms, p90 ${result.p90Ms} ms, max ${result.maxMs} ms over ${result.samples.length} steps of ${result.imagesPerStep} images (${result.samples.join(', ')}); API requests per step ${result.apiRequests.join(',')}; image requests ${result.mediaRequests.join(',')}`,
    );
  }
}
