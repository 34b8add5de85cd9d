import { expect, waitUntil } from '@open-wc/testing';
import { createMemorySource, type MediaUrlOptions, type RunSource } from '@run-comparer/wandb-client';
import { threeRunProject } from '../../test-support/viewer-fixtures.js';
import { imagesDecoded, storeFor, withContext } from '../../test-support/viewer-mount.js';
import './define.js';
import type { ImageCompare } from './image-compare.js';

/**
 * A run whose history names an image it never uploaded (it crashed, or is still uploading): that
 * one cell says so, in words a screen reader reads too; every other image of the grid still shows.
 */

const KEYS = ['samples/grid', 'val/hero'];
const shadow = (el: ImageCompare) => el.shadowRoot!;
const notUploaded = (el: ImageCompare) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="not-uploaded"]')];

/** The project with the first run's `val/hero` at step 200 logged in history but its file gone. */
function projectMissingOneFile() {
  const dataset = threeRunProject();
  const run = dataset.runs[0]!;
  const row = run.history.find((r) => r._step === 200)!;
  const path = (row['val/hero'] as { path: string }).path;
  delete run.files![path];
  return { dataset, run, path };
}

async function mounted(source: RunSource, dataset: ReturnType<typeof threeRunProject>) {
  const store = await storeFor(source, dataset, { keys: KEYS, step: 200 });
  return withContext(document.createElement('image-compare'), source, store);
}

describe('<image-compare> with a file the run never uploaded', () => {
  it('shows "Not uploaded" in that cell only, with accessible text, and renders the other images', async () => {
    const { dataset, run, path } = projectMissingOneFile();
    const el = await mounted(createMemorySource(dataset), dataset);
    await waitUntil(() => notUploaded(el).length === 1, 'the missing image was not marked "Not uploaded"');
    await waitUntil(() => !shadow(el).querySelector('.skeleton'), 'the other images did not load');
    const images = await imagesDecoded(shadow(el));
    expect(images).to.have.length(2 + 1 + 2 + 2 - 1);
    for (const image of images) expect(image.naturalWidth, image.alt).to.equal(8);

    const [cell] = notUploaded(el);
    expect(cell!.textContent).to.contain('Not uploaded');
    // The same words an image's alt text would give, plus why, for a screen reader.
    const accessible = cell!.textContent!.replace(/\s+/g, ' ');
    expect(accessible).to.contain(`${run.displayName}, val/hero, step 200`);
    expect(accessible).to.contain(`"${path}" but its file was never uploaded`);
    expect(cell!.title).to.contain('never uploaded');
    expect(cell!.closest('tr')!.querySelector('th')!.textContent).to.contain(run.displayName);
    // No error, no Retry button: nothing failed, the file is not there.
    expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
  });

  it('asks the source to check an image again when its URL does not load, then shows "Not uploaded"', async () => {
    // As over a Run Comparer server: the URL is built without asking, and only a failed load tells.
    const { dataset, path } = projectMissingOneFile();
    const inner = createMemorySource(dataset);
    const refreshed: string[][] = [];
    const source: RunSource = {
      ...inner,
      async mediaUrl(ref, paths, options?: MediaUrlOptions) {
        if (options?.refresh) refreshed.push(paths);
        const media = await inner.mediaUrl(ref, paths, options);
        if (options?.refresh) return media;
        return media.map((m) => (m.url === null ? { ...m, url: '/no-such-route/image.png', missing: null } : m));
      },
    };
    const el = await mounted(source, dataset);
    await waitUntil(() => notUploaded(el).length === 1, 'the image that failed to load was not checked again');
    expect(refreshed).to.deep.equal([[path]]);
    expect(shadow(el).querySelector('[part="error"]')).to.equal(null);
  });
});
