import type { ViewerData } from './viewer-data.js';

/**
 * Images that failed to load. A failed image gets a fresh URL once (a signed URL may have
 * expired); if that fails too, or the source hands back the same URL, it counts as broken and
 * the viewer shows an error with a Retry button instead.
 */
export class BrokenImages {
  #failures = new Map<string, { url: string; at: number; final: boolean }>();

  /** Record a failed load of `url` (media id `urlId`); true when a fresh URL should be fetched. */
  failed(urlId: string, url: string): boolean {
    const failure = this.#failures.get(urlId);
    this.#failures.set(urlId, failure ? { ...failure, url, final: true } : { url, at: Date.now(), final: false });
    return !failure;
  }

  /** Forget a failure: the image loaded, or the user asked to retry. */
  clear(urlId: string): void {
    this.#failures.delete(urlId);
  }

  /** Whether `url` is known not to load (so the error, not the image, should show). */
  isBroken(data: ViewerData, urlId: string, url: string | null | undefined): boolean {
    const failure = this.#failures.get(urlId);
    return !!failure && failure.url === url && (failure.final || (data.urls.storedAt(urlId) ?? 0) > failure.at);
  }
}
