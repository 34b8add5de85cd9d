import { expect } from '@open-wc/testing';
import { heatColor, heatLevel, heatmap, pixelAt, pixelDeltas, type Pixels } from './pixel-diff.js';

const pixels = (width: number, height: number, rgba: number[][]): Pixels => ({
  width,
  height,
  data: Uint8ClampedArray.from(rgba.flat()),
});

describe('pixel difference', () => {
  const a = pixels(2, 2, [
    [10, 20, 30, 255],
    [10, 20, 30, 255],
    [0, 0, 0, 255],
    [255, 255, 255, 255],
  ]);
  const b = pixels(2, 2, [
    [10, 20, 30, 255],
    [10, 60, 30, 255],
    [255, 255, 255, 255],
    [250, 255, 255, 255],
  ]);

  it('takes the largest channel difference per pixel, with stats', () => {
    const result = pixelDeltas(a, b);
    expect([...result.deltas]).to.deep.equal([0, 40, 255, 5]);
    expect(result.max).to.equal(255);
    expect(result.mean).to.equal(75);
    expect(result.changed).to.equal(0.75);
  });

  it('refuses images of different sizes with a message that says what to do', () => {
    expect(() => pixelDeltas(a, pixels(1, 1, [[0, 0, 0, 255]]))).to.throw(/scale B to A first/);
  });

  it('colours deltas on the heat scale, amplified by the gain', () => {
    const deltas = pixelDeltas(a, b);
    const out = heatmap(deltas, 4);
    expect([...out.slice(0, 4)]).to.deep.equal([0, 0, 0, 255]);
    expect([...out.slice(4, 8)]).to.deep.equal([...heatColor(160), 255]);
    expect([...out.slice(8, 12)]).to.deep.equal([252, 255, 164, 255]);
    expect([...out.slice(12, 16)]).to.deep.equal([...heatColor(20), 255]);
    expect(heatLevel(40, 4)).to.equal(160);
    expect(heatLevel(200, 4)).to.equal(255);
  });

  it('has a scale from black to pale yellow that only gets brighter', () => {
    expect(heatColor(0)).to.deep.equal([0, 0, 0]);
    expect(heatColor(255)).to.deep.equal([252, 255, 164]);
    expect(heatColor(64)).to.deep.equal([87, 16, 110]);
    const luminance = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    for (let level = 1; level < 256; level++) {
      expect(luminance(heatColor(level)), `level ${level}`).to.be.at.least(luminance(heatColor(level - 1)) - 0.5);
    }
  });

  it('reads single pixels, null outside', () => {
    expect(pixelAt(b, 1.7, 0.2)).to.deep.equal([10, 60, 30, 255]);
    expect(pixelAt(b, 2, 0)).to.equal(null);
    expect(pixelAt(b, -0.5, 0)).to.equal(null);
  });
});
