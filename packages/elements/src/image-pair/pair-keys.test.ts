import { expect } from '@open-wc/testing';
import { pairKeyAction, tabKeyMode } from './pair-keys.js';

const key = (key: string, init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key, ...init });
const stills = { mode: 'side-by-side', videos: false, target: 'div' } as const;

describe('pairKeyAction', () => {
  it('chooses a mode with 1–4 and swaps the sides with X', () => {
    expect(pairKeyAction(key('1'), stills)).to.deep.equal({ kind: 'mode', mode: 'side-by-side' });
    expect(pairKeyAction(key('4'), stills)).to.deep.equal({ kind: 'mode', mode: 'difference' });
    expect(pairKeyAction(key('5'), stills)).to.equal(null);
    expect(pairKeyAction(key('X'), stills)).to.deep.equal({ kind: 'swap' });
  });

  it('plays two videos with Space or K, but Space flips A and B in blink and presses a focused button', () => {
    const videos = { ...stills, videos: true };
    expect(pairKeyAction(key(' '), videos)).to.deep.equal({ kind: 'play-videos' });
    expect(pairKeyAction(key('k'), { ...videos, mode: 'blink' })).to.deep.equal({ kind: 'play-videos' });
    expect(pairKeyAction(key(' '), { ...videos, mode: 'blink' })).to.deep.equal({ kind: 'flip' });
    expect(pairKeyAction(key(' '), { ...stills, mode: 'blink' })).to.deep.equal({ kind: 'flip' });
    expect(pairKeyAction(key(' '), { ...videos, target: 'button' })).to.equal(null);
    expect(pairKeyAction(key('k'), stills)).to.equal(null);
  });

  it('leaves modified keys and typing in a field alone', () => {
    expect(pairKeyAction(key('1', { ctrlKey: true }), stills)).to.equal(null);
    expect(pairKeyAction(key('x', { metaKey: true }), stills)).to.equal(null);
    expect(pairKeyAction(key('2'), { ...stills, target: 'input' })).to.equal(null);
  });
});

describe('tabKeyMode', () => {
  it('moves through the mode tabs with arrows, wrapping, and Home/End to the ends', () => {
    expect(tabKeyMode('side-by-side', 'ArrowRight')).to.equal('swipe');
    expect(tabKeyMode('side-by-side', 'ArrowLeft')).to.equal('difference');
    expect(tabKeyMode('difference', 'ArrowRight')).to.equal('side-by-side');
    expect(tabKeyMode('blink', 'Home')).to.equal('side-by-side');
    expect(tabKeyMode('swipe', 'End')).to.equal('difference');
    expect(tabKeyMode('swipe', 'Enter')).to.equal(null);
  });
});
