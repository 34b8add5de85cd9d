import { html, type TemplateResult } from 'lit';
import { VideoSync } from '../controllers/video-sync.js';
import type { ImageView } from '../data/image-view.js';
import { playsAsVideo } from '../internal/media-kind.js';
import { renderVideoLayer } from '../internal/media-layer.js';
import { renderRange } from '../internal/zoom-controls.js';
import type { Size } from '../internal/zoom-pan.js';
import { needsCors } from './pair-pixels.js';

/** What a pair of sides is: two stills, two videos to play in sync, or one of each (not compared). */
export function pairKind(sides: readonly [ImageView, ImageView]): 'stills' | 'videos' | 'mixed' {
  const videos = sides.filter((side) => playsAsVideo(side.image)).length;
  return videos === 0 ? 'stills' : videos === 2 ? 'videos' : 'mixed';
}

/** "0:01.2": a time in a video. */
export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

/**
 * The two videos of a comparison: their synchronised playback (`VideoSync`), A's frame size (the
 * frame both are laid out in), and the time shown in the shared controls.
 */
export class PairVideos {
  readonly sync = new VideoSync();
  size: Size | null = null;
  time = 0;
  duration = Number.NaN;
  /** The sides whose video could not be loaded or decoded. */
  failed = new Set<0 | 1>();
  #sources: [string | null, string | null] = [null, null];

  constructor(private readonly requestUpdate: () => void) {}

  /** Show these two videos; new sources forget the size and time. */
  set(a: string | null, b: string | null): void {
    if (a === this.#sources[0] && b === this.#sources[1]) return;
    this.#sources = [a, b];
    this.size = null;
    this.time = 0;
    this.duration = Number.NaN;
    this.failed.clear();
  }

  /** Link the `<video>`s now rendered (none: let go). */
  link(root: ParentNode): void {
    this.sync.link([...root.querySelectorAll('video')]);
  }

  toggle = (): void => {
    if (this.sync.paused) this.sync.play();
    else this.sync.pause();
    this.requestUpdate();
  };

  /** One side's layer: a video without its own controls (the pair has one bar for both). */
  layer(side: 0 | 1, view: ImageView, style: string, part = 'image'): TemplateResult {
    const src = view.src!;
    return renderVideoLayer({
      src,
      label: `${'AB'[side]}: ${view.label}`,
      style: this.size ? style : `${style}; visibility: hidden`,
      controls: false,
      part,
      crossorigin: needsCors(src) ? 'anonymous' : undefined,
      onSize: (size) => {
        if (side !== 0 || (this.size?.width === size.width && this.size.height === size.height)) return;
        this.size = size;
        this.requestUpdate();
      },
      onError: () => {
        this.failed.add(side);
        this.requestUpdate();
      },
      onPlayback: side === 0 ? this.#playback : () => this.requestUpdate(),
    });
  }

  /** Play/pause and the time slider under the stage, driving both videos. */
  controls(): TemplateResult {
    const playing = !this.sync.paused;
    const duration = Number.isFinite(this.duration) ? this.duration : 0;
    return html`<div part="controls video-controls" class="toolbar">
      <button class="button" type="button" aria-pressed=${playing} aria-keyshortcuts="K" @click=${this.toggle}>
        ${playing ? 'Pause both' : 'Play both'}
      </button>
      ${renderRange(
        'Time',
        this.time,
        [0, Math.max(duration, 0.1), 0.05],
        (time) => {
          this.sync.seek(time);
          this.time = time;
          this.requestUpdate();
        },
        `${formatTime(this.time)} / ${formatTime(this.duration)}`,
      )}
    </div>`;
  }

  #playback = (video: HTMLVideoElement): void => {
    this.time = video.currentTime;
    this.duration = video.duration;
    this.requestUpdate();
  };
}

/** The stage of a pair that holds a video: both videos in the mode's layers, or why they cannot be compared. */
export function renderVideoStage(
  videos: PairVideos,
  sides: [ImageView, ImageView],
  kind: 'videos' | 'mixed',
  layers: (input: {
    size: Size;
    media: (side: 0 | 1, style: string) => TemplateResult;
    differenceUnavailable: string;
  }) => TemplateResult,
): TemplateResult {
  if (kind === 'mixed') {
    const video = playsAsVideo(sides[0].image) ? 'A' : 'B';
    return html`<div part="message" class="centre" role="status">
      <p>${video} is a video and ${video === 'A' ? 'B' : 'A'} a still image: compare two videos or two images.</p>
    </div>`;
  }
  const failed = [...videos.failed][0];
  if (failed !== undefined)
    return html`<div part="message" class="centre" role="alert">
      <p>${'AB'[failed]} (${sides[failed].label}): the video could not be played.</p>
    </div>`;
  return layers({
    size: videos.size ?? { width: 0, height: 0 },
    media: (side, style) => videos.layer(side, sides[side], style),
    differenceUnavailable:
      'The difference heat map compares still images: compare the videos side by side, by swipe or by blinking while they play.',
  });
}
