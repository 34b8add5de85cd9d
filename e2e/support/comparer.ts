import { expect, type Locator, type Page } from '@playwright/test';

/** What one `<img>` on screen holds: where it came from and whether the browser decoded it. */
export interface ShownImage {
  src: string;
  alt: string;
  decoded: boolean;
}

/** Which step a wandb media name belongs to: `<key>_<step>_<sha256 prefix>.<ext>`. */
export function stepOfMedia(src: string): number | null {
  const name = decodeURIComponent(new URL(src).pathname.split('/').at(-1) ?? '');
  const match = /_(\d+)_[0-9a-f]{20}\.\w+$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** Whether a media file is an image set on the run's summary (`<key>_summary_<hash>`, as wandb names it). */
export function isSummaryMedia(src: string): boolean {
  return /_summary_[0-9a-f]{20}\.\w+$/.test(decodeURIComponent(new URL(src).pathname));
}

/**
 * The comparer page as a person sees it, found by roles, names and the elements' documented
 * `part`s (Playwright's CSS and role locators pierce the elements' open shadow roots).
 */
export class ComparerPage {
  readonly runPicker: Locator;
  /** The rows of the run list (not the options of its state filter). */
  readonly runOptions: Locator;
  readonly keyPicker: Locator;
  readonly slider: Locator;
  readonly track: Locator;
  readonly stepLabel: Locator;
  readonly grid: Locator;
  readonly thumbs: Locator;
  readonly gridImages: Locator;
  readonly detail: Locator;
  readonly detailImage: Locator;
  readonly pair: Locator;

  constructor(readonly page: Page) {
    this.runPicker = page.locator('run-picker');
    this.runOptions = this.runPicker.getByRole('listbox').getByRole('option');
    this.keyPicker = page.locator('image-key-picker');
    this.slider = page.locator('step-slider').getByRole('slider');
    this.track = page.locator('step-slider [part="track"]');
    this.stepLabel = page.locator('image-compare [part="step-label"]');
    this.grid = page.locator('image-compare').getByRole('grid');
    this.thumbs = page.locator('image-compare button[part~="thumb"]');
    this.gridImages = page.locator('image-compare img[part="image"]');
    this.detail = page.locator('image-detail').getByRole('dialog');
    this.detailImage = page.locator('image-detail img[part="image"]');
    this.pair = page.locator('image-pair').getByRole('dialog');
  }

  /** A run's row in the picker, by its display name. */
  runOption(displayName: string): Locator {
    return this.runOptions.filter({
      has: this.page.locator('[part="run-name"]', { hasText: new RegExp(`^\\s*${escape(displayName)}\\s*$`) }),
    });
  }

  /** An image key's row in the key picker. */
  keyOption(key: string): Locator {
    return this.keyPicker
      .getByRole('listbox')
      .getByRole('option')
      .filter({ has: this.page.locator('[part="key"]', { hasText: new RegExp(`^\\s*${escape(key)}\\s*$`) }) });
  }

  /** Select these runs (clicking those not selected yet), as a person does after the list appears. */
  async selectRuns(names: string[]): Promise<void> {
    for (const name of names) {
      const option = this.runOption(name);
      if ((await option.getAttribute('aria-selected')) !== 'true') await option.click();
      await expect(option).toHaveAttribute('aria-selected', 'true');
    }
  }

  /** The display names of the selected runs, in list order. */
  async selectedRuns(): Promise<string[]> {
    return this.runPicker.locator('[role="option"][aria-selected="true"] [part="run-name"]').allInnerTexts();
  }

  async selectedKeys(): Promise<string[]> {
    return this.keyPicker.locator('[role="option"][aria-selected="true"] [part="key"]').allInnerTexts();
  }

  /** The step the slider is on. */
  async step(): Promise<number> {
    return Number(await this.slider.getAttribute('aria-valuenow'));
  }

  /** Open the page and wait until the comparer shows a decoded grid. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.slider).toBeVisible();
    await this.expectDecoded(this.gridImages);
  }

  /** Every image the locator finds, with its source and whether it is decoded. */
  async images(locator: Locator): Promise<ShownImage[]> {
    return locator.evaluateAll((elements) =>
      (elements as HTMLImageElement[]).map((img) => ({
        src: img.currentSrc || img.src,
        alt: img.alt,
        decoded: img.complete && img.naturalWidth > 0,
      })),
    );
  }

  /**
   * Wait until every image the locator finds has really been decoded (`complete` with a natural
   * width), scrolling each into view first since thumbnails load lazily. Returns them.
   */
  async expectDecoded(locator: Locator, count?: number): Promise<ShownImage[]> {
    await expect(locator.first()).toBeAttached();
    if (count !== undefined) await expect(locator).toHaveCount(count);
    let shown: ShownImage[] = [];
    await expect
      .poll(
        async () => {
          shown = await locator.evaluateAll(async (elements) => {
            const images = elements as HTMLImageElement[];
            const pending = images.filter((img) => !(img.complete && img.naturalWidth > 0));
            for (const img of pending) img.scrollIntoView({ block: 'nearest', inline: 'nearest' });
            await Promise.race([
              Promise.all(pending.map((img) => img.decode().catch(() => {}))),
              new Promise((resolve) => setTimeout(resolve, 1000)),
            ]);
            return images.map((img) => ({
              src: img.currentSrc || img.src,
              alt: img.alt,
              decoded: img.complete && img.naturalWidth > 0,
            }));
          });
          return shown.filter((image) => !image.decoded).map((image) => image.src);
        },
        { message: 'every image on screen is decoded' },
      )
      .toEqual([]);
    expect(shown.length, 'images on screen').toBeGreaterThan(0);
    return shown;
  }

  /** Where a step's tick is on the track, in page coordinates. */
  async pointOfStep(step: number): Promise<{ x: number; y: number }> {
    await this.track.scrollIntoViewIfNeeded();
    const min = Number(await this.slider.getAttribute('aria-valuemin'));
    const max = Number(await this.slider.getAttribute('aria-valuemax'));
    const box = (await this.track.boundingBox())!;
    return { x: box.x + ((step - min) / (max - min)) * box.width, y: box.y + box.height / 2 };
  }

  /**
   * The grid shows `step` and only `step`: the caption says so, nothing is loading, every
   * thumbnail is decoded, and each one is the image logged at that step, or at the earlier step
   * its note names ("step 900 · nearest earlier"). An image left over from the previous step
   * fails this. One round trip per check (Firefox over WebDriver BiDi pays for each).
   */
  async expectGridAt(step: number, options: { images?: number } = {}): Promise<ShownImage[]> {
    let cells: GridCell[] = [];
    await expect
      .poll(
        async () => {
          const grid = await this.page.locator('image-compare').evaluate(readGrid);
          cells = grid.cells;
          return {
            caption: grid.caption,
            busy: grid.busy,
            images: options.images === undefined ? cells.length > 0 : cells.length,
            undecoded: cells.filter((cell) => !cell.decoded).map((cell) => cell.src),
          };
        },
        { message: `the grid shows step ${step}, fully decoded` },
      )
      .toEqual({ caption: `Step ${step}`, busy: 'false', images: options.images ?? true, undecoded: [] });
    const wrong = cells.filter(({ src, note, alt }) => {
      const noted = /step (\d+)/.exec(note);
      const expected = noted ? Number(noted[1]) : step;
      // A summary image has no step in its name: it shows at the run's last step, which its label names.
      const logged = isSummaryMedia(src) ? Number(/step (\d+)$/.exec(alt)?.[1]) : stepOfMedia(src);
      return logged !== expected || expected > step;
    });
    expect(wrong, `every thumbnail is the image of step ${step} (or the nearest earlier one it names)`).toEqual([]);
    return cells.map(({ src, alt, decoded }) => ({ src, alt, decoded }));
  }

  /** The run names of the grid's rows, top to bottom. */
  async gridRuns(): Promise<string[]> {
    const names = await this.page.locator('image-compare th[part="run-header"]').allInnerTexts();
    return names.map((name) => name.trim());
  }
}

interface GridCell extends ShownImage {
  /** "step 900 · nearest earlier" under an image from an earlier step, else empty. */
  note: string;
}

/**
 * In the page: the grid's caption and busy state and each thumbnail (source, decoded, its step
 * note). The grid is busy while it loads, and while a row still shows the previous step until its
 * new one is in ("step N · loading M…", the row `aria-busy`). Thumbnails load lazily, so pending
 * ones are scrolled into view and given a moment to decode.
 */
async function readGrid(host: Element): Promise<{ caption: string; busy: string | null; cells: GridCell[] }> {
  const root = host.shadowRoot!;
  const caption = root.querySelector('[part="step-label"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const rowHeld = root.querySelector('tbody tr[aria-busy="true"]') !== null;
  const busy = rowHeld ? 'true' : (root.querySelector('[part="grid"]')?.getAttribute('aria-busy') ?? null);
  const images = [...root.querySelectorAll<HTMLImageElement>('td[part="cell"] img[part="image"]')];
  const pending = images.filter((img) => !(img.complete && img.naturalWidth > 0));
  for (const img of pending) img.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  if (pending.length)
    await Promise.race([
      Promise.all(pending.map((img) => img.decode().catch(() => {}))),
      new Promise((resolve) => setTimeout(resolve, 1000)),
    ]);
  const cells = images.map((img) => ({
    src: img.currentSrc || img.src,
    alt: img.alt,
    decoded: img.complete && img.naturalWidth > 0,
    note: img.closest('td')?.querySelector('[part="step-note"]')?.textContent ?? '',
  }));
  return { caption, busy, cells };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
