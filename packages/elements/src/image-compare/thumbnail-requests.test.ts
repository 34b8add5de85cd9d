import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { ImageRef } from '@run-comparer/wandb-client';
import { executeServerCommand } from '@web/test-runner-commands';
import { html, render } from 'lit';
import { ImageScheduler, LoadPriority } from '../data/image-scheduler.js';
import { renderThumb } from './grid-cells.js';

type Counts = Record<string, { requests: number; notModified: number }>;

async function thumbnailServer(cacheControl: string) {
  const { origin } = await executeServerCommand<{ origin: string }, { cacheControl: string }>(
    'thumbnail-server-start',
    {
      cacheControl,
    },
  );
  return {
    url: (path: string) => `${origin}${path}`,
    requests: () => executeServerCommand<Counts, { origin: string }>('thumbnail-server-requests', { origin }),
    stop: () => executeServerCommand('thumbnail-server-stop', { origin }),
  };
}

const imageRef = (path: string): ImageRef => ({
  path,
  caption: null,
  width: 16,
  height: 16,
  format: 'png',
  index: 0,
  sha256: null,
  kind: 'image',
});

/**
 * What the grid does with a thumbnail: the page's scheduler loads and decodes it, then the cell's
 * `<img>` (rendered by the grid's own template, in a shadow root) gets the same `src`.
 */
async function loadLikeTheGrid(urls: string[]): Promise<HTMLImageElement[]> {
  const scheduler = new ImageScheduler({ concurrency: 4 });
  const grid = {};
  scheduler.want(grid, new Map(urls.map((url) => [url, LoadPriority.visible])));
  await waitUntil(() => urls.every((url) => scheduler.decoded(url)), 'the scheduler did not decode every thumbnail');
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const root = host.attachShadow({ mode: 'open' });
  const noop = () => {};
  render(
    urls.map((url, column) =>
      renderThumb({
        image: imageRef(url),
        src: scheduler.status(url) === 'decoded' ? url : null,
        alt: `thumbnail ${column}`,
        mark: undefined,
        row: 0,
        column,
        tabStop: column === 0,
        onClick: noop,
        onLoad: noop,
        onError: noop,
      }),
    ),
    root,
  );
  const images = [...root.querySelectorAll('img')];
  await waitUntil(
    () => images.every((img) => img.complete && img.naturalWidth > 0),
    'a cell did not show its thumbnail',
  );
  // A second request, if the browser makes one, may still be on its way: give it time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  scheduler.want(grid, new Map());
  return images;
}

const paths = (prefix: string) =>
  [0, 1, 2, 3, 4, 5].map((n) => `/api/media/e/p/run/media/images/${prefix}_${n}.png?w=192`);

/** Serve thumbnails with `cacheControl`, show them as the grid does, and return the requests each path received. */
async function requestsPerPath(cacheControl: string, prefix: string, afterwards?: (url: string) => Promise<unknown>) {
  const server = await thumbnailServer(cacheControl);
  try {
    const urls = paths(prefix).map(server.url);
    const images = await loadLikeTheGrid(urls);
    expect(images.length, 'every cell has its <img>').to.equal(urls.length);
    await afterwards?.(urls[0]!);
    const counts = await server.requests();
    return Object.fromEntries(Object.entries(counts).map(([path, c]) => [path, c.requests]));
  } finally {
    await server.stop();
  }
}

const once = (prefix: string) => Object.fromEntries(paths(prefix).map((path) => [path, 1]));

describe('thumbnail requests (a real loopback server counting what reaches it)', () => {
  // Content-addressed names (`key_step_<hash>.png`, as wandb writes them) get this from the demo server…
  it('fetches each immutable thumbnail once: the cell reuses the scheduler’s load', async () => {
    const requests = await requestsPerPath('private, max-age=31536000, immutable', 'hashed');
    expect(requests).to.deep.equal(once('hashed'));
  });

  // …other names get `private, no-cache`: the browser may revalidate, but not while the page holds the image.
  it('fetches each revalidated (no-cache) thumbnail once too', async () => {
    const requests = await requestsPerPath('private, no-cache', 'plain');
    expect(requests).to.deep.equal(once('plain'));
  });

  it('counts a second request when the browser does make one', async () => {
    const requests = await requestsPerPath('private, no-cache', 'again', (url) =>
      fetch(url, { cache: 'reload', mode: 'no-cors' }),
    );
    expect(requests).to.deep.equal({ ...once('again'), [paths('again')[0]!]: 2 });
  });
});
