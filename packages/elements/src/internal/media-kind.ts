import { hasThumbnail, type ImageRef } from '@run-comparer/wandb-client';

/**
 * Whether a logged media file is played in a `<video>`: a `wandb.Video` in mp4, webm or ogg. A GIF
 * (wandb's default video format) is shown as an image, which animates by itself.
 */
export function playsAsVideo(image: Pick<ImageRef, 'kind' | 'format' | 'path'> | null | undefined): boolean {
  return !!image && image.kind === 'video' && !hasThumbnail(image);
}
