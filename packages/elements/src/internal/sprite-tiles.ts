import type { ImageCrop } from '@run-comparer/wandb-client';
import { canvasOf, decodedImage } from './decoded-image.js';

type Tile = string | Error | 'cutting';

/**
 * Legacy sprite tiles cut into images of their own (PNG `data:` URLs), for views that read pixels:
 * a tile then is an image like any other. Cut once per sprite and rectangle.
 */
export class SpriteTiles {
  #tiles = new Map<string, Tile>();

  constructor(private readonly onCut: () => void) {}

  /** The tile's own URL; null while it is being cut; an Error saying why it cannot be. */
  url(src: string, crop: ImageCrop): string | null | Error {
    const id = `${crop.x},${crop.y},${crop.width},${crop.height} ${src}`;
    const tile = this.#tiles.get(id);
    if (tile === 'cutting') return null;
    if (tile !== undefined) return tile;
    this.#tiles.set(id, 'cutting');
    cutTile(src, crop).then(
      (url) => this.#settle(id, url),
      (error: unknown) =>
        this.#settle(id, new Error(`The sprite tile could not be cut out (${(error as Error).message ?? error}).`)),
    );
    return null;
  }

  #settle(id: string, tile: Tile): void {
    this.#tiles.set(id, tile);
    this.onCut();
  }
}

export async function cutTile(src: string, crop: ImageCrop): Promise<string> {
  const image = await decodedImage(src);
  const { canvas, context } = canvasOf(crop.width, crop.height);
  context.drawImage(image, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
  return canvas.toDataURL('image/png');
}
