import { expect } from '@open-wc/testing';
import { colorForIndex, inkOn, luminance, shapeForIndex } from './run-colors.js';

/** The backgrounds a swatch sits on: the tokens' background and surface, light and dark. */
const BACKGROUNDS = ['#ffffff', '#f5f6f8', '#16181d', '#1f232a'];

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a)!, luminance(b)!].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

/** OKLab coordinates of a `#rrggbb` colour (Björn Ottosson's matrices). */
function oklab(color: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(color.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

const twentyFour = Array.from({ length: 24 }, (_, i) => colorForIndex(i));

describe('run colours', () => {
  it('gives 24 runs 24 different colours, none closer than a visible step in OKLab', () => {
    expect(new Set(twentyFour).size).to.equal(24);
    for (const [i, a] of twentyFour.entries()) {
      for (const b of twentyFour.slice(i + 1)) {
        const [p, q] = [oklab(a), oklab(b)];
        const distance = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
        expect(distance, `${a} and ${b}`).to.be.above(0.05);
      }
    }
  });

  it('keeps every colour at 3:1 against the light and dark backgrounds, and its number at 4.5:1', () => {
    for (const color of twentyFour) {
      for (const background of BACKGROUNDS) {
        expect(contrast(color, background), `${color} on ${background}`).to.be.at.least(3);
      }
      expect(contrast(color, inkOn(color)), `the number on ${color}`).to.be.at.least(4.5);
    }
  });

  it('changes the swatch shape where the colours come round again', () => {
    expect(colorForIndex(24)).to.equal(colorForIndex(0));
    expect([0, 11, 12, 23, 24].map(shapeForIndex)).to.deep.equal(['circle', 'circle', 'square', 'square', 'diamond']);
  });
});
