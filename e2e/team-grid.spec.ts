import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset, DatasetRun, HistoryRow } from '@run-comparer/wandb-client';
import type { ServerProcess } from '../packages/demo-server/test/fixtures/server-process.js';
import type { Page } from '@playwright/test';
import { stepOfMedia } from './support/comparer.js';
import { expect, test } from './support/fixtures.js';

/**
 * Team scale (issue 13): 24 runs × 8 keys × lists of 4 images in one grid, served from local run
 * files. Slide 20 steps, scroll the grid to its last row and column, open the last row's image:
 * nothing blank, nothing stale (each thumbnail on screen is its run's image of the current step).
 * The project is generated small (24 × 48 px pictures, 21 image steps) so the test takes seconds.
 */

const RUNS = 24;
const KEYS = ['main/reals', 'main/samples', 'main/qualities', ...[0, 1, 2, 3, 4].map((i) => `main/benchmark_${i}`)];
const STEPS = Array.from({ length: 21 }, (_, i) => i * 100);
const PER_LIST = 4;

async function teamDataset(): Promise<Dataset> {
  const { samplePng } = await import('../packages/demo-server/test/fixtures/image-dataset.js');
  const pool = await Promise.all(Array.from({ length: 24 }, (_, i) => samplePng(i + 1, 48)));
  const runs: DatasetRun[] = Array.from({ length: RUNS }, (_, r) => {
    const files: Record<string, Uint8Array> = {};
    const history: HistoryRow[] = STEPS.map((step) => {
      const row: HistoryRow = { _step: step, 'train/loss': 1 / (step + 1) };
      KEYS.forEach((key, k) => {
        const filenames = Array.from({ length: PER_LIST }, (_, i) => {
          const id = createHash('sha256').update(`${r} ${key} ${step} ${i}`).digest('hex').slice(0, 20);
          const name = `media/images/${key}_${step}_${id}.png`;
          files[name] = pool[(r + k * 3 + i + step / 100) % pool.length]!;
          return name;
        });
        row[key] = { _type: 'images/separated', width: 48, height: 48, format: 'png', count: PER_LIST, filenames };
      });
      return row;
    });
    return {
      id: `team${String(r).padStart(2, '0')}`,
      displayName: `team-run-${r + 1}`,
      state: 'finished',
      createdAt: new Date(Date.UTC(2026, 5, 1, r)).toISOString(),
      config: {},
      history,
      files,
    };
  });
  return { entity: 'team', project: 'sweep', runs };
}

/**
 * Every thumbnail cell on screen (inside the grid's scroll box, below its headers, and in the
 * window) shows a decoded image of `step`: nothing blank (a cell still loading), nothing stale
 * (another step's image). Rows drawn beyond the screen may still show the step before, marked
 * loading, by design.
 */
async function expectOnScreenAt(page: Page, step: number): Promise<number> {
  let cells: Array<{ alt: string; src: string; decoded: boolean }> = [];
  await expect
    .poll(
      async () => {
        cells = await page.locator('image-compare').evaluate((host) => {
          const root = host.shadowRoot!;
          const box = root.querySelector('.scroller')!.getBoundingClientRect();
          const head = root.querySelector('thead')!.getBoundingClientRect();
          const onScreen = (r: DOMRect) =>
            r.bottom > Math.max(box.top, head.bottom, 0) &&
            r.top < Math.min(box.bottom, innerHeight) &&
            r.right > Math.max(box.left, 0) &&
            r.left < Math.min(box.right, innerWidth);
          return [...root.querySelectorAll<HTMLElement>('td[part="cell"] .frame, td[part="cell"] .tile')]
            .filter((frame) => onScreen(frame.getBoundingClientRect()))
            .map((frame) => {
              const img = frame.querySelector('img');
              return {
                alt: img?.alt ?? '',
                src: img?.src ?? '',
                decoded: !!img && img.complete && img.naturalWidth > 0,
              };
            });
        });
        return cells.filter((c) => !c.decoded || stepOfMedia(c.src) !== step || !c.alt.endsWith(`step ${step}`));
      },
      { message: `every cell on screen shows its image of step ${step}`, timeout: 30_000 },
    )
    .toEqual([]);
  expect(cells.length, 'cells on screen').toBeGreaterThan(0);
  return cells.length;
}

let root: string;
let server: ServerProcess;
let query: string;

test.beforeAll(async () => {
  const { writeDataset } = await import('@run-comparer/wandb-client/local');
  const { startServerProcess } = await import('../packages/demo-server/test/fixtures/server-process.js');
  root = await mkdtemp(join(tmpdir(), 'rc-e2e-team-'));
  const dataset = await teamDataset();
  writeDataset(dataset, join(root, 'wandb'));
  server = await startServerProcess({ cwd: root, args: ['--dir', join(root, 'wandb')] });
  const params = new URLSearchParams({ entity: dataset.entity, project: dataset.project, step: '0' });
  for (const run of dataset.runs) params.append('run', run.id);
  for (const key of KEYS) params.append('key', key);
  query = `?${params}`;
});

test.afterAll(async () => {
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

test('24 runs × 8 keys: slide 20 steps, scroll to the end, open the last row; nothing blank or stale', async ({
  page,
  comparer,
}) => {
  test.setTimeout(180_000); // 768 thumbnails a step on a shared two-core machine
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url.replace(/\/$/, '')}/${query}`);
  await expect(comparer.slider).toBeVisible();
  await expectOnScreenAt(page, 0);
  const headRows = await page.locator('image-compare thead tr').count();
  await expect(comparer.grid).toHaveAttribute('aria-rowcount', String(RUNS + headRows));

  await comparer.slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect(comparer.slider).toHaveAttribute('aria-valuenow', '2000');
  await expect(comparer.stepLabel).toHaveText('Step 2000');
  await expectOnScreenAt(page, 2000);
  const rowsDrawn = await page.locator('image-compare tr[data-row-id]').count();
  expect(rowsDrawn, 'rows drawn: those on screen and a margin, not all 24').toBeLessThan(RUNS);

  // To the end, as a person drags the scrollbars: the grid's box sideways, and down whatever
  // scrolls the rows (the box, or the page around it); again while measured rows move the end.
  const lastRow = page.locator(`image-compare tr[data-row-id="team${RUNS - 1}"]`);
  await expect(async () => {
    await page.locator('image-compare').evaluate((host) => {
      const box = host.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
      box.scrollLeft = box.scrollWidth;
      let node: Node | null = box;
      while (node) {
        if (
          node instanceof Element &&
          node.scrollHeight > node.clientHeight + 1 &&
          getComputedStyle(node).overflowY !== 'visible'
        )
          node.scrollTop = node.scrollHeight;
        node = node.parentNode ?? (node as ShadowRoot).host ?? null;
      }
      document.scrollingElement!.scrollTop = document.scrollingElement!.scrollHeight;
    });
    await expect(lastRow.locator('button[part~="thumb"]').last()).toBeInViewport({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(lastRow).toHaveAttribute('aria-rowindex', String(RUNS + headRows));
  await expectOnScreenAt(page, 2000);
  await expect(page.locator('image-compare tr[data-row-id="team00"]'), 'the first row is no longer drawn').toHaveCount(
    0,
  );
  const lastThumb = lastRow.locator('button[part~="thumb"]').last();
  await expect(lastThumb).toBeInViewport();
  const alt = await lastThumb.locator('img').getAttribute('alt');
  expect(alt).toBe(`team-run-${RUNS}, main/benchmark_4 #4, step 2000`);

  await lastThumb.click();
  await expect(comparer.detail).toBeVisible();
  await comparer.expectDecoded(comparer.detailImage);
  await expect(comparer.detail).toContainText(`team-run-${RUNS}`);
  await expect(comparer.detail).toContainText('main/benchmark_4');
});
