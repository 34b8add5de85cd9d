import type { CallOptions, RunRef, RunSource } from '@run-comparer/wandb-client';
import { tooLarge } from '../errors.js';

/** What the local source adds for servers: open a run's media file after its own safety checks. */
interface MediaOpener {
  openMedia(
    ref: RunRef,
    path: string,
    options?: CallOptions,
  ): Promise<{ size: number; read(): Promise<Uint8Array>; close(): Promise<void> }>;
}

function isMediaOpener(source: RunSource): source is RunSource & MediaOpener {
  return typeof (source as Partial<MediaOpener>).openMedia === 'function';
}

/** Read a media file through the source's own opener, when it has one (the local source). */
export function localMediaReader(source: RunSource) {
  if (!isMediaOpener(source)) return null;
  return async (ref: RunRef, path: string, signal: AbortSignal, maxBytes: number): Promise<Uint8Array> => {
    const file = await source.openMedia(ref, path, { signal });
    if (file.size > maxBytes) {
      await file.close();
      throw tooLarge(path, maxBytes);
    }
    return file.read();
  };
}
