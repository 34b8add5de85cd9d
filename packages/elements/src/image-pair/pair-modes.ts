/** The ways `<image-pair>` shows two images. */
export const PAIR_MODES = ['side-by-side', 'swipe', 'blink', 'difference'] as const;
export type PairMode = (typeof PAIR_MODES)[number];
