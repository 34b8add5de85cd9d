import type { ImageView } from '../data/image-view.js';
import type { SpriteTiles } from '../internal/sprite-tiles.js';

/** One side of a comparison given directly (without a source): a URL and what to call it. */
export interface PairImage {
  src: string;
  label: string;
  color?: string;
}

/** A and B given directly, as the views the stage shows. */
export function directSides(a: PairImage, b: PairImage): [ImageView, ImageView] {
  return [a, b].map(({ src, label, color }): ImageView => ({
    label,
    title: label,
    src,
    color: color ?? 'currentColor',
    image: null,
    urlId: null,
    error: null,
    forget: null,
  })) as [ImageView, ImageView];
}

/** A sprite tile as an image of its own (null `src` while it is cut), so it is shown and compared like any image. */
export function asTile(tiles: SpriteTiles, view: ImageView): ImageView {
  const crop = view.image?.crop;
  if (!crop || !view.src) return view;
  const tile = tiles.url(view.src, crop);
  return tile instanceof Error ? { ...view, src: null, error: tile.message } : { ...view, src: tile };
}
