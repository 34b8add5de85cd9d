import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createMemorySource, type ImageRef } from '@run-comparer/wandb-client';
import '../wandb-source/define.js';
import './define.js';
import { BLUE, RED, threeRunProject, refOf, type Rgb } from '../../test-support/viewer-fixtures.js';
import { imagesDecoded } from '../../test-support/viewer-mount.js';
import type { GridCell, GridModel } from '../image-compare/grid-model.js';
import type { RunComparer } from './run-comparer.js';
import { gridPicture } from './grid-download.js';
import { pictureInput } from './grid-download-control.js';
import { layoutGridPicture, PICTURE } from './grid-picture.js';

const original = location.href;
afterEach(() => history.replaceState(null, '', original));

function image(path: string, index: number, caption: string | null): ImageRef {
  return { path, caption, width: null, height: null, format: 'png', index, sha256: null, kind: 'image' };
}

/** An image cell as the grid model has it. */
const imageCell = (image: ImageRef, step: number) =>
  ({ kind: 'image', key: 'samples/grid', image, step, listed: true }) as GridCell;

const run = (runId: string, name: string, color: string) => ({
  ref: refOf(runId),
  name,
  color,
  colorIndex: 0,
  live: false,
});

describe('grid picture layout', () => {
  it('places the title with the step, key headers, column labels, run names, fitted images, captions and empty cells', () => {
    const grid = {
      step: 100,
      groups: [
        {
          key: 'samples/grid',
          labelled: true,
          columns: [
            { id: 'a', key: 'samples/grid', label: '#1' },
            { id: 'b', key: 'samples/grid', label: '#2' },
          ],
        },
      ],
      rows: [
        {
          run: run('amber', 'amber-glade-3', '#f00'),
          cells: [
            {
              cell: imageCell(image('wide.png', 0, 'a fox'), 100),
              span: 1,
              column: 0,
            },
            {
              cell: imageCell(image('tall.png', 1, null), 50),
              span: 1,
              column: 1,
            },
          ],
        },
        { run: run('brook', 'brook-fern-2', '#00f'), cells: [{ cell: { kind: 'missing' }, span: 2, column: 0 }] },
      ],
      loading: false,
      images: 2,
      errors: 0,
    } as GridModel;
    const sizes: Record<string, { width: number; height: number }> = {
      'wide.png': { width: 200, height: 100 },
      'tall.png': { width: 50, height: 100 },
    };
    const picture = layoutGridPicture(grid, 64, 'acme/diffusion', true, (i) => sizes[i.path]);
    const { pad, name, gap } = PICTURE;
    expect(picture.width).to.equal(pad + name + 2 * 64 + gap + pad);
    const texts = picture.texts.map((t) => t.text);
    expect(texts[0]).to.equal('acme/diffusion · step 100');
    expect(texts).to.include.members([
      'samples/grid',
      '#1',
      '#2',
      'amber-glade-3',
      'brook-fern-2',
      'a fox',
      'step 50',
      'No image at or before step 100',
    ]);
    const [wide, tall] = picture.images;
    expect([wide!.width, wide!.height]).to.deep.equal([64, 32]);
    expect([tall!.width, tall!.height]).to.deep.equal([32, 64]);
    expect(tall!.x - wide!.x).to.equal(64 + gap + 16, 'the tall image is centred in the next column');
    expect(wide!.y - tall!.y).to.equal(16, 'the wide image is centred vertically');
    expect(picture.swatches.map((s) => s.color)).to.deep.equal(['#f00', '#00f']);
    const brook = picture.texts.find((t) => t.text === 'brook-fern-2')!;
    expect(brook.y).to.be.greaterThan(wide!.y + 64, 'the second run is below the first row');
  });
});

describe('<run-comparer> Download PNG', () => {
  it('saves the grid at the step as a PNG holding each image’s pixels and the run names', async () => {
    const url = new URL(original);
    url.search = 'entity=acme&project=diffusion&run=amber&run=brook&key=samples/grid&step=100&align=index';
    history.replaceState(null, '', url);
    const source = createMemorySource(threeRunProject());
    const el = await fixture<RunComparer>(html`<run-comparer .source=${source} initial-runs="0"></run-comparer>`);
    await waitUntil(() => el.store.value.runs.length === 2, 'the linked runs open');
    const grid = el.shadowRoot!.querySelector('image-compare')!;
    await waitUntil(async () => (await imagesDecoded(grid.shadowRoot!)).length === 4, 'the grid shows 4 images', {
      timeout: 5000,
    });
    const saved = new Promise<HTMLAnchorElement>((resolve) =>
      el.addEventListener('click', (event) => {
        const link = event.composedPath()[0];
        if (link instanceof HTMLAnchorElement && link.download) {
          event.preventDefault();
          resolve(link);
        }
      }),
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="download-button"]')!.click();
    const link = await saved;
    expect(link.download).to.equal('diffusion-step-100.png');
    const blob = await (await fetch(link.href)).blob();
    expect(blob.type).to.equal('image/png');
    const bitmap = await createImageBitmap(blob);
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [bitmap.width, bitmap.height];
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixel = (x: number, y: number): Rgb => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)] as never;

    // The layout the picture was drawn from: amber at 100 logs [red, blue]; brook at 0 (nearest) [blue, red].
    const { picture } = await gridPicture(pictureInput({ source, store: el.store, align: 'index', size: 160 }));
    expect([picture.width, picture.height]).to.deep.equal([bitmap.width, bitmap.height]);
    expect(picture.texts.map((t) => t.text)).to.include.members([
      'acme/diffusion · step 100',
      'samples/grid',
      'amber-glade-3',
      'brook-fern-2',
      'a red fox in snow',
      'step 0',
    ]);
    const centre = (row: number, column: number) => {
      const cell = picture.images.find((i) => i.row === row && i.column === column)!;
      return pixel(cell.x + cell.width / 2, cell.y + cell.height / 2);
    };
    expect(centre(0, 0)).to.deep.equal([...RED]);
    expect(centre(0, 1)).to.deep.equal([...BLUE]);
    expect(centre(1, 0)).to.deep.equal([...BLUE]);
    // The run names are drawn: dark pixels where the first name goes, none in the empty margin above the title.
    const amber = picture.texts.find((t) => t.text === 'amber-glade-3')!;
    const ink = context.getImageData(amber.x, amber.y - amber.size, 100, amber.size).data;
    expect(ink.some((value, i) => i % 4 === 0 && value < 128)).to.equal(true);
    expect(context.getImageData(0, 0, picture.width, 4).data.every((v) => v === 255)).to.equal(true);
  });
});
