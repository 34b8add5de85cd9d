import type { ImageCrop } from '@run-comparer/wandb-client';
import { html, nothing, type TemplateResult } from 'lit';
import type { Size } from './zoom-pan.js';

export interface LayerInput {
  src: string;
  label: string;
  /** The layer's CSS (size, transform, visibility), as the viewer lays out an image. */
  style: string;
  /** The media's own size once known: a video's frame, a sprite tile's rectangle. */
  onSize(size: Size): void;
  onError(): void;
  /** Set for a CORS request (pixels read from another origin). */
  crossorigin?: 'anonymous' | undefined;
}

export interface VideoInput {
  controls: boolean;
  part?: string;
  /** The video played, paused, moved on or learnt its duration. */
  onPlayback?(video: HTMLVideoElement): void;
}

/**
 * A video (mp4, webm, ogg) as a viewer layer. `preload="metadata"` lets the browser show its first
 * frame as the poster without downloading the whole file; `controls` adds the browser's own,
 * keyboard-usable controls (a pair of videos gets one shared bar instead).
 */
export function renderVideoLayer(input: LayerInput & VideoInput): TemplateResult {
  return html`<video
    part=${input.part ?? 'video'}
    class="layer"
    src=${input.src}
    aria-label=${input.label}
    preload="metadata"
    playsinline
    muted
    ?controls=${input.controls}
    crossorigin=${input.crossorigin ?? nothing}
    style=${input.style}
    @loadedmetadata=${(e: Event) => {
      const video = e.target as HTMLVideoElement;
      input.onSize({ width: video.videoWidth, height: video.videoHeight });
    }}
    @error=${input.onError}
    @play=${playback(input)}
    @pause=${playback(input)}
    @timeupdate=${playback(input)}
    @durationchange=${playback(input)}
  ></video>`;
}

function playback(input: VideoInput): ((event: Event) => void) | typeof nothing {
  const { onPlayback } = input;
  return onPlayback ? (event: Event) => onPlayback(event.target as HTMLVideoElement) : nothing;
}

/**
 * One tile of a legacy sprite: the sprite image shifted inside a clipping box the tile's size, so
 * the layer is the tile (zoom and pan see only the tile). Works alike in every browser.
 */
export function renderCroppedLayer(input: LayerInput & { crop: ImageCrop; part?: string }): TemplateResult {
  const { crop } = input;
  return html`<div
    part="tile"
    class="layer tile"
    role="img"
    aria-label=${input.label}
    style="${input.style}; overflow: hidden"
  >
    <img
      part=${input.part ?? 'image'}
      src=${input.src}
      alt=""
      draggable="false"
      crossorigin=${input.crossorigin ?? nothing}
      style="position: absolute; left: ${-crop.x}px; top: ${-crop.y}px; max-width: none"
      @load=${() => input.onSize({ width: crop.width, height: crop.height })}
      @error=${input.onError}
    />
  </div>`;
}
