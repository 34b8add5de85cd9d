import { expect } from '@open-wc/testing';
import { thumbnailWidth, withWidth } from './thumbnail-width.js';

describe('thumbnail widths', () => {
  it('rounds the device-pixel width up to a bucket', () => {
    expect(thumbnailWidth(160, 1)).to.equal(192);
    expect(thumbnailWidth(160, 2)).to.equal(384);
    expect(thumbnailWidth(128, 1)).to.equal(128);
    expect(thumbnailWidth(100, 1.5)).to.equal(192);
    expect(thumbnailWidth(10, 1)).to.equal(64);
    expect(thumbnailWidth(5000, 3)).to.equal(2048);
  });

  it('adds the width to a URL, with or without a query', () => {
    expect(withWidth('/api/media/r1/a.png', 256)).to.equal('/api/media/r1/a.png?w=256');
    expect(withWidth('https://s/a.png?sig=x', 256)).to.equal('https://s/a.png?sig=x&w=256');
    expect(withWidth('/a.png#v2', 64)).to.equal('/a.png?w=64#v2');
  });
});
