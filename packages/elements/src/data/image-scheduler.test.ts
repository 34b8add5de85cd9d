import { expect, waitUntil } from '@open-wc/testing';
import { pngDataUrl } from '../../test-support/viewer-fixtures.js';
import { ImageScheduler, loadImageElement, LoadPriority, type ImageFetch } from './image-scheduler.js';

/** Real images (decoded by the browser) whose loads start only when the test lets them go. */
function heldFetch() {
  const started: Array<{ url: string; signal: AbortSignal; go(): void }> = [];
  const fetchImage: ImageFetch = (url, signal) =>
    new Promise((resolve, reject) => {
      started.push({ url, signal, go: () => loadImageElement(url, signal).then(resolve, reject) });
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  return { started, fetchImage, urls: () => started.map((s) => s.url) };
}

const image = (n: number) => pngDataUrl(4, 4, [n % 256, (n * 7) % 256, 90]);
const wants = (urls: string[], priority: number) => new Map(urls.map((url) => [url, priority]));

describe('ImageScheduler', () => {
  it('loads a few at a time, in order of priority, and decodes real images', async () => {
    const held = heldFetch();
    const scheduler = new ImageScheduler({ concurrency: 2, fetchImage: held.fetchImage });
    const grid = {};
    const [a, b, c, d] = [1, 2, 3, 4].map(image);
    scheduler.want(
      grid,
      new Map([
        [a!, LoadPriority.rest],
        [b!, LoadPriority.neighbour],
        [c!, LoadPriority.visible],
        [d!, LoadPriority.visible],
      ]),
    );
    expect(held.urls()).to.deep.equal([c, d]);
    expect(scheduler.stats()).to.include({ queued: 2, loading: 2 });
    held.started[0]!.go();
    await waitUntil(() => scheduler.decoded(c!), 'the first image did not decode');
    expect(held.urls()).to.deep.equal([c, d, b]);
    for (const s of held.started.slice(1)) s.go();
    await waitUntil(() => held.started.length === 4);
    held.started[3]!.go();
    await waitUntil(() => [a, b, c, d].every((url) => scheduler.decoded(url!)), 'not every image decoded');
    expect(scheduler.stats()).to.include({ queued: 0, loading: 0, decoded: 4, started: 4, aborted: 0 });
  });

  it('a newer step wins: loads of the step left are aborted, its queue dropped', async () => {
    const held = heldFetch();
    const scheduler = new ImageScheduler({ concurrency: 2, fetchImage: held.fetchImage });
    const grid = {};
    const step1 = [10, 11, 12, 13].map(image);
    const step2 = [20, 21].map(image);
    scheduler.want(grid, wants(step1, LoadPriority.visible));
    expect(held.urls()).to.deep.equal(step1.slice(0, 2));
    scheduler.want(grid, wants(step2, LoadPriority.visible));
    expect(
      held.started.slice(0, 2).every((s) => s.signal.aborted),
      'the old loads were aborted',
    ).to.equal(true);
    expect(held.urls()).to.deep.equal([...step1.slice(0, 2), ...step2]);
    expect(scheduler.status(step1[2]!), 'the old queue is dropped').to.equal(undefined);
    for (const s of held.started.slice(2)) s.go();
    await waitUntil(() => step2.every((url) => scheduler.decoded(url)));
    expect(scheduler.stats()).to.include({ aborted: 2, started: 4, queued: 0 });
  });

  it('puts what a dialog shows first, past the limit, and keeps an image several clients want', async () => {
    const held = heldFetch();
    const scheduler = new ImageScheduler({ concurrency: 1, fetchImage: held.fetchImage });
    const grid = {};
    const dialog = {};
    const [thumb1, thumb2, original] = [30, 31, 32].map(image);
    scheduler.want(grid, wants([thumb1!, thumb2!], LoadPriority.visible));
    expect(held.urls()).to.deep.equal([thumb1]);
    scheduler.want(dialog, wants([original!, thumb2!], LoadPriority.dialog));
    expect(held.urls(), 'the dialog does not wait for the grid').to.deep.equal([thumb1, original, thumb2]);
    scheduler.want(grid, new Map());
    expect(held.started[0]!.signal.aborted, 'nobody wants the first thumbnail any more').to.equal(true);
    expect(held.started[2]!.signal.aborted, 'the dialog still wants the second').to.equal(false);
  });

  it('keeps the last decoded images nobody wants, up to `keep`, and loads a forgotten failure again', async () => {
    let failures = 1;
    const fetchImage: ImageFetch = (url, signal) =>
      failures-- > 0 ? Promise.reject(new Error('broken')) : loadImageElement(url, signal);
    const scheduler = new ImageScheduler({ keep: 1, fetchImage });
    const grid = {};
    const [broken, a, b] = [40, 41, 42].map(image);
    scheduler.want(grid, wants([broken!], LoadPriority.visible));
    await waitUntil(() => scheduler.status(broken!) === 'failed');
    scheduler.forget(broken!);
    await waitUntil(() => scheduler.decoded(broken!), 'a forgotten failure was not loaded again');
    scheduler.want(grid, wants([a!, b!], LoadPriority.visible));
    await waitUntil(() => scheduler.decoded(a!) && scheduler.decoded(b!));
    expect(scheduler.decoded(broken!), 'kept after nobody wants it').to.equal(true);
    scheduler.want(grid, new Map());
    expect(
      [broken, a, b].filter((url) => scheduler.decoded(url!)),
      'only the last one kept',
    ).to.deep.equal([b]);
  });
});
