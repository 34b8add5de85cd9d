/** `#rrggbb` as `getComputedStyle` writes it: `rgb(r, g, b)`. */
export function cssRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** The number a run swatch shows (drawn by CSS, so not in its text), or '' for none. */
export function swatchNumber(swatch: Element): string {
  const content = getComputedStyle(swatch, '::after').content;
  if (content === 'none' || content === 'normal') return '';
  // Chromium resolves attr() in the computed value, Firefox keeps it.
  const attribute = /^attr\(([\w-]+)\)$/.exec(content)?.[1];
  return attribute ? (swatch.getAttribute(attribute) ?? '') : content.replace(/^"|"$/g, '');
}
