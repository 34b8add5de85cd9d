/** The ways `<image-pair>` shows two images. */
export const PAIR_MODES = ['side-by-side', 'swipe', 'blink', 'difference'] as const;
export type PairMode = (typeof PAIR_MODES)[number];

/** What each mode's tab says. */
export const PAIR_MODE_NAMES: Record<PairMode, string> = {
  'side-by-side': 'Side by side',
  swipe: 'Swipe',
  blink: 'Blink',
  difference: 'Difference',
};
