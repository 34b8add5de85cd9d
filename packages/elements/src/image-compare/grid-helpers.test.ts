import { expect } from '@open-wc/testing';
import type { ImageSet } from '@run-comparer/wandb-client';
import { markForCompare } from './compare-marks.js';
import { columnIds } from './grid-model.js';
import { moveInGrid } from './grid-navigation.js';

const set = (captions: Array<string | null>): ImageSet => ({
  key: 'samples',
  step: 10,
  type: 'images/separated',
  unsupported: null,
  images: captions.map((caption, index) => ({
    path: `p${index}.png`,
    caption,
    width: 8,
    height: 8,
    format: 'png',
    index,
    sha256: null,
    kind: 'image' as const,
  })),
});

describe('grid helpers', () => {
  it('gives repeated prompts their own caption columns, and uncaptioned images index columns', () => {
    const columns = columnIds(set(['a cat', 'a dog', 'a cat', null]), 'caption');
    expect(columns.map((c) => c.label)).to.deep.equal(['a cat', 'a dog', 'a cat (2)', '#4']);
    expect(new Set(columns.map((c) => c.id)).size).to.equal(4);
    expect(columnIds(set(['a cat', 'a dog']), 'index').map((c) => c.label)).to.deep.equal(['#1', '#2']);
  });

  it('moves through a grid with gaps like the APG grid pattern', () => {
    const cells = [
      { row: 0, column: 0 },
      { row: 0, column: 1 },
      { row: 0, column: 3 },
      { row: 1, column: 1 },
      { row: 2, column: 3 },
    ];
    expect(moveInGrid(cells, cells[1]!, 'ArrowRight')).to.equal(2);
    expect(moveInGrid(cells, cells[2]!, 'ArrowRight')).to.equal(-1);
    expect(moveInGrid(cells, cells[0]!, 'ArrowDown')).to.equal(3);
    expect(moveInGrid(cells, cells[3]!, 'ArrowDown')).to.equal(4);
    expect(moveInGrid(cells, cells[4]!, 'ArrowUp')).to.equal(3);
    expect(moveInGrid(cells, cells[2]!, 'Home')).to.equal(0);
    expect(moveInGrid(cells, cells[0]!, 'End')).to.equal(2);
    expect(moveInGrid(cells, cells[0]!, 'End', true)).to.equal(4);
    expect(moveInGrid(cells, cells[4]!, 'Home', true)).to.equal(0);
  });

  it('marks A, then B, unmarks A when marked again, and starts over after B', () => {
    const a = { runId: 'r1', key: 'k', step: 1, index: 0 };
    const b = { runId: 'r2', key: 'k', step: 5, index: 1 };
    const c = { runId: 'r3', key: 'k', step: 9, index: 0 };
    expect(markForCompare([], a)).to.deep.equal([a]);
    expect(markForCompare([a], a)).to.deep.equal([]);
    expect(markForCompare([a], b)).to.deep.equal([a, b]);
    expect(markForCompare([a, b], c)).to.deep.equal([c]);
  });
});
