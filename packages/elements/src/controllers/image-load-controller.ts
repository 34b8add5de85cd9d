import { runKey, type RunRef } from '@run-comparer/wandb-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { imageState, loadImage } from '../data/image-state.js';
import { warmImage, type ViewerData } from '../data/viewer-data.js';

export interface ImageRequest {
  ref: RunRef;
  key: string;
  step: number;
  index: number;
}

const idOf = (r: ImageRequest) => `${runKey(r.ref)}\n${r.key}\n${r.step}\n${r.index}`;

/**
 * Loads single images (set, then URL) for the detail and compare views, re-rendering the host as
 * they arrive, and then the images the user is likely to want next (fetched and decoded). A new
 * set of images aborts the loads of the previous one.
 */
export class ImageLoadController implements ReactiveController {
  #signature = '';
  #aheadSignature = '';
  #abort: AbortController | null = null;
  #aheadAbort: AbortController | null = null;
  #loaded: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#aheadAbort?.abort();
    this.#signature = this.#aheadSignature = '';
  }

  /** Load `images` (unless already loading them), then `ahead` once they are in. */
  load(data: ViewerData | undefined, images: ImageRequest[], ahead: ImageRequest[] = []): void {
    const signature = data ? images.map(idOf).join(' ') : '';
    if (signature !== this.#signature) {
      this.#signature = signature;
      this.#aheadSignature = '';
      this.#abort?.abort();
      const { signal } = (this.#abort = new AbortController());
      this.#loaded = Promise.all(
        data
          ? images.map((r) => loadImage(data, r.ref, r.key, r.step, signal).then(() => this.host.requestUpdate()))
          : [],
      );
    }
    const aheadSignature = data ? ahead.map(idOf).join(' ') : '';
    if (aheadSignature === this.#aheadSignature) return;
    this.#aheadSignature = aheadSignature;
    this.#aheadAbort?.abort();
    const { signal } = (this.#aheadAbort = new AbortController());
    void this.#loaded.then(async () => {
      for (const r of ahead) {
        if (signal.aborted) return;
        await loadImage(data!, r.ref, r.key, r.step, signal);
        const state = imageState(data!, r.ref, r.key, r.step, r.index);
        if (state.status === 'ready' && state.url) void warmImage(state.url);
      }
    });
  }

  /** Load the current images again (after a failure was forgotten). */
  reload(data: ViewerData | undefined, images: ImageRequest[], ahead: ImageRequest[] = []): void {
    this.#signature = '';
    this.load(data, images, ahead);
    this.host.requestUpdate();
  }
}
