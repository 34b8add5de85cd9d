import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { webmBytes } from '../../test-support/media-fixtures.js';
import { DRIFT_TOLERANCE, VideoSync } from './video-sync.js';

let src: string;
before(async () => {
  src = URL.createObjectURL(new Blob([(await webmBytes()) as Uint8Array<ArrayBuffer>], { type: 'video/webm' }));
});

async function twoVideos(): Promise<[HTMLVideoElement, HTMLVideoElement]> {
  const root = await fixture<HTMLElement>(
    html`<div><video muted preload="auto" src=${src}></video><video muted preload="auto" src=${src}></video></div>`,
  );
  const [a, b] = [...root.querySelectorAll('video')] as [HTMLVideoElement, HTMLVideoElement];
  await waitUntil(() => a.readyState >= 2 && b.readyState >= 2, 'the videos did not load');
  return [a, b];
}

const settled = (...videos: HTMLVideoElement[]) => videos.every((v) => !v.seeking);

describe('VideoSync', () => {
  it('brings back a video that drifted while both play', async () => {
    const [a, b] = await twoVideos();
    await Promise.all([a.play(), b.play()]);
    // B runs a second ahead on its own, then the two are linked: A leads.
    b.currentTime = Math.min(2.5, a.currentTime + 1);
    await waitUntil(() => settled(b), 'B did not seek');
    expect(Math.abs(a.currentTime - b.currentTime)).to.be.greaterThan(0.5);
    const sync = new VideoSync();
    sync.link([a, b]);
    await waitUntil(
      () => settled(a, b) && Math.abs(a.currentTime - b.currentTime) <= DRIFT_TOLERANCE + 0.05,
      `B stayed ${(b.currentTime - a.currentTime).toFixed(2)} s ahead`,
      { timeout: 2000 },
    );
    expect(a.paused || b.paused).to.equal(false);
    sync.unlink();
    a.pause();
    b.pause();
  });

  it('passes play, pause, seek and rate from either video to the other, and lets go when unlinked', async () => {
    const [a, b] = await twoVideos();
    const sync = new VideoSync();
    sync.link([a, b]);
    await b.play();
    await waitUntil(() => !a.paused, 'A did not play with B');
    b.pause();
    await waitUntil(() => a.paused, 'A did not pause with B');
    b.currentTime = 1.5;
    await waitUntil(() => settled(a, b) && Math.abs(a.currentTime - 1.5) < 0.06, `A is at ${a.currentTime}`);
    a.playbackRate = 2;
    await waitUntil(() => b.playbackRate === 2, `B kept its rate ${b.playbackRate} ${a.playbackRate}`);
    sync.unlink();
    a.currentTime = 0.2;
    await waitUntil(() => settled(a, b));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.currentTime, 'unlinked, B stays').to.be.closeTo(1.5, 0.06);
  });
});
