/**
 * Run colours, and the second cue that tells runs apart where colours are close or repeat: each
 * selected run has a colour index; its swatch shows that index plus one, in a shape that changes
 * every twelve runs (circles, then squares, then diamonds).
 *
 * The 24 colours keep 3:1 contrast against the light and the dark backgrounds and surfaces, and
 * their number (white or near-black ink) 4.5:1 against the colour. They were picked in order, each
 * the farthest (OKLab) from those before it for normal, deuteranope and protanope vision, so a
 * small selection gets the most distinct ones. Past 24 the colours come round again in another
 * shape; the number stays unique.
 */
const PALETTE = [
  '#2a76c3',
  '#ee560c',
  '#c12f89',
  '#54985f',
  '#9570fc',
  '#af7da2',
  '#b6522d',
  '#788ad2',
  '#467955',
  '#9856a7',
  '#635ce5',
  '#04a322',
  '#d36785',
  '#c33d59',
  '#c9765f',
  '#2a768c',
  '#b663ab',
  '#0f9b89',
  '#9c606f',
  '#2692ba',
  '#9d67d8',
  '#6d7037',
  '#2288e8',
  '#b8833b',
];

export const RUN_SHAPES = ['circle', 'square', 'diamond'] as const;
export type RunShape = (typeof RUN_SHAPES)[number];

export function colorForIndex(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** The shape of the swatch of the run with this colour index. */
export function shapeForIndex(index: number): RunShape {
  return RUN_SHAPES[Math.floor(index / 12) % RUN_SHAPES.length]!;
}

/** Relative luminance (WCAG) of a `#rrggbb` colour; null for any other notation. */
export function luminance(color: string): number | null {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return null;
  const channel = (shift: number) => {
    const c = ((parseInt(color.slice(1), 16) >> shift) & 255) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** The ink that reads best on `color`: near-black on light colours, white on the others. */
export function inkOn(color: string): string {
  // Above this luminance #111111 contrasts more than white.
  return (luminance(color) ?? 0) > 0.19 ? '#111111' : '#ffffff';
}
