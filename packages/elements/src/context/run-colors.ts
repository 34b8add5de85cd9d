/**
 * Run colours: distinct on light and dark backgrounds and for the common colour-vision
 * deficiencies (Okabe–Ito first, then Tableau-like extras). Beyond the list, hues rotate by the
 * golden angle so even a 50-run selection stays distinguishable.
 */
const PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#d55e00',
  '#56b4e9',
  '#b8a200',
  '#7f3c8d',
  '#11a579',
  '#e73f74',
];

export function colorForIndex(index: number): string {
  if (index < PALETTE.length) return PALETTE[index]!;
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue} 65% 48%)`;
}
