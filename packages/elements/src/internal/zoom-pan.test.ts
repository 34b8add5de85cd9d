import { expect } from '@open-wc/testing';
import {
  clampView,
  fitView,
  MAX_SCALE,
  overflow,
  panBy,
  toImagePoint,
  wheelFactor,
  zoomBy,
  zoomTo,
} from './zoom-pan.js';

describe('zoom and pan math', () => {
  const image = { width: 400, height: 200 };
  const box = { width: 200, height: 200 };

  it('fits a large image and centres it', () => {
    expect(fitView(image, box)).to.deep.equal({ scale: 0.5, x: 0, y: 50 });
  });

  it('enlarges a small image to fit, and allows zooming out to 1:1', () => {
    const small = { width: 50, height: 100 };
    expect(fitView(small, box)).to.deep.equal({ scale: 2, x: 50, y: 0 });
    expect(zoomBy(fitView(small, box), 0.1, small, box)).to.deep.equal({ scale: 1, x: 75, y: 50 });
  });

  it('zooms around the anchor: the image pixel under it stays put', () => {
    const start = fitView(image, box);
    const anchor = { x: 150, y: 100 };
    const before = toImagePoint(start, anchor);
    const zoomed = zoomTo(start, 2, anchor, image, box);
    expect(zoomed.scale).to.equal(2);
    const after = toImagePoint(zoomed, anchor);
    expect(after.x).to.be.closeTo(before.x, 1e-9);
    expect(after.y).to.be.closeTo(before.y, 1e-9);
  });

  it('limits the scale between the fit and MAX_SCALE', () => {
    const start = fitView(image, box);
    expect(zoomBy(start, 0.1, image, box).scale).to.equal(0.5);
    expect(zoomBy(start, 1000, image, box).scale).to.equal(MAX_SCALE);
  });

  it('pans only as far as the image reaches', () => {
    const zoomed = zoomTo(fitView(image, box), 1, { x: 100, y: 100 }, image, box);
    expect(overflow(zoomed, image, box)).to.deep.equal({ x: true, y: false });
    expect(panBy(zoomed, 10_000, 0, image, box).x).to.equal(0);
    expect(panBy(zoomed, -10_000, 0, image, box).x).to.equal(-200);
    expect(panBy(zoomed, 0, 500, image, box).y).to.equal(0);
    expect(overflow(fitView(image, box), image, box)).to.deep.equal({ x: false, y: false });
  });

  it('clamps a stray view back into sight', () => {
    expect(clampView({ scale: 1, x: 500, y: -900 }, image, box)).to.deep.equal({ scale: 1, x: 0, y: 0 });
  });

  it('turns wheel notches into gentle zoom factors', () => {
    expect(wheelFactor(-100)).to.be.within(1.15, 1.25);
    expect(wheelFactor(100)).to.be.closeTo(1 / wheelFactor(-100), 1e-9);
    expect(wheelFactor(-3, 1)).to.be.closeTo(wheelFactor(-48), 1e-9);
  });
});
