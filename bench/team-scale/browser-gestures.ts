/**
 * What the team browser bench does in the page: scroll the grid, autoplay, drag the slider. Each
 * returns what a user would notice (dropped frames, partly loaded rows, steps shown while dragging).
 */
import type { Page } from 'playwright';

type ReadyWindow = Window & { benchReady: Array<{ step: number; at: number }> };

/** In the page: scroll the grid 40 px a frame for 120 frames; frame intervals. */
export async function scrollGrid(page: Page) {
  return page.evaluate(async () => {
    const grid = document.querySelector('run-comparer')!.shadowRoot!.querySelector('image-compare')!.shadowRoot!;
    const box = grid.querySelector<HTMLElement>('.scroller')!;
    const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const gaps: number[] = [];
    let last = await frame();
    for (let i = 0; i < 120; i++) {
      box.scrollTop += 40;
      const now = await frame();
      gaps.push(now - last);
      last = now;
    }
    box.scrollTop = 0;
    return { frames: gaps.length, dropped: gaps.filter((g) => g > 25).length, worstMs: Math.round(Math.max(...gaps)) };
  });
}

/** In the page: autoplay at 4 steps/s for 4 s; frames with a row on screen partly loaded at the step it shows. */
export async function autoplay(page: Page) {
  return page.evaluate(async () => {
    const comparer = document.querySelector('run-comparer')!;
    const slider = comparer.shadowRoot!.querySelector('step-slider') as HTMLElement & {
      rate: number;
      play(): void;
      pause(): void;
    };
    const grid = comparer.shadowRoot!.querySelector('image-compare')!.shadowRoot!;
    const steps = new Set<number>();
    let partly = 0;
    slider.rate = 4;
    slider.play();
    const end = performance.now() + 4000;
    while (performance.now() < end) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      steps.add((comparer as unknown as { store: { value: { step: number } } }).store.value.step);
      // A cell on screen (in the grid's box and the window) still loading, in a row that shows the current step.
      const box = grid.querySelector('.scroller')!.getBoundingClientRect();
      const onScreen = (r: DOMRect) =>
        r.bottom > Math.max(box.top, 0) &&
        r.top < Math.min(box.bottom, innerHeight) &&
        r.right > Math.max(box.left, 0) &&
        r.left < Math.min(box.right, innerWidth);
      const loading = [...grid.querySelectorAll('tr[data-row-id] .skeleton')].some((skeleton) =>
        onScreen(skeleton.getBoundingClientRect()),
      );
      if (loading) partly++;
    }
    slider.pause();
    return { steps: steps.size, partlyLoadedFrames: partly };
  });
}

/**
 * Drag the slider's handle with the mouse across `count` image steps (one step per move, `pauseMs`
 * apart), then release. Returns the distinct steps the grid showed ready while the drag went on (a
 * grid that waits for the release shows none) and the ms from the release to the last step ready.
 */
export async function dragAcross(page: Page, count: number, pauseMs = 60) {
  // The bench's steps are evenly spaced, so the handle's position follows the step's index.
  const track = await page.evaluate(() => {
    const slider = document.querySelector('run-comparer')!.shadowRoot!.querySelector('step-slider')!.shadowRoot!;
    const box = slider.querySelector('[part="track"]')!.getBoundingClientRect();
    const text = slider.querySelector('[role="slider"]')!.getAttribute('aria-valuetext') ?? '';
    const [, index, count] = /(\d+) of (\d+)/.exec(text) ?? [];
    return {
      left: box.left,
      width: box.width,
      y: box.top + box.height / 2,
      index: Number(index) - 1,
      count: Number(count),
    };
  });
  const index = track.index;
  const last = track.count - 1;
  const xAt = (i: number) => track.left + (Math.min(i, last) / last) * track.width;
  const seen = await page.evaluate(() => (window as unknown as ReadyWindow).benchReady.length);
  await page.mouse.move(xAt(index), track.y);
  await page.mouse.down();
  for (let i = 1; i <= count; i++) {
    await page.mouse.move(xAt(index + i), track.y, { steps: 2 });
    await page.waitForTimeout(pauseMs);
  }
  const shownDuringDrag = await page.evaluate(
    (from) => new Set((window as unknown as ReadyWindow).benchReady.slice(from).map((r) => r.step)).size,
    seen,
  );
  const released = await page.evaluate(() => performance.now());
  await page.mouse.up();
  const settleMs = await page.evaluate(
    async ([from, released]) => {
      const w = window as unknown as ReadyWindow;
      const comparer = document.querySelector('run-comparer') as unknown as { store: { value: { step: number } } };
      const deadline = performance.now() + 60_000;
      for (;;) {
        const step = comparer.store.value.step;
        const ready = w.benchReady.slice(from).findLast((r) => r.step === step);
        if (ready) return Math.max(0, ready.at - released);
        if (performance.now() > deadline) throw new Error(`step ${step} never became ready after the drag`);
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    },
    [seen, released] as const,
  );
  return { steps: Math.min(count, last - index), shownDuringDrag, settleMs: Math.round(settleMs) };
}
