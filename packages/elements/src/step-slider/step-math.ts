/**
 * Arithmetic of a slider over sorted, unique steps (not a linear range): positions by step value,
 * nearest existing steps, and where each key moves.
 */

/** Index of the step nearest to `value` (the earlier one on a tie); -1 for no steps. */
export function nearestIndex(steps: readonly number[], value: number): number {
  if (steps.length === 0) return -1;
  let low = 0;
  let high = steps.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (steps[mid]! < value) low = mid + 1;
    else high = mid;
  }
  if (low > 0 && value - steps[low - 1]! <= steps[low]! - value) return low - 1;
  return low;
}

/** Where `step` sits along the track, 0..1, by value. */
export function fractionOf(steps: readonly number[], step: number): number {
  const first = steps[0] ?? 0;
  const span = (steps.at(-1) ?? 0) - first;
  return span > 0 ? Math.min(1, Math.max(0, (step - first) / span)) : 0;
}

/** The existing step nearest to a point `fraction` (0..1) along the track. */
export function stepAtFraction(steps: readonly number[], fraction: number): number | null {
  if (steps.length === 0) return null;
  const first = steps[0]!;
  return steps[nearestIndex(steps, first + fraction * (steps.at(-1)! - first))]!;
}

/**
 * The index a slider key moves to: arrows ±1 (Shift ±10), PageUp/PageDown ±10% of the steps,
 * Home/End the ends. Null for other keys. `rtl` swaps the meaning of ←/→.
 */
export function indexForKey(key: string, shift: boolean, index: number, count: number, rtl = false): number | null {
  const page = Math.max(1, Math.round(count / 10));
  const arrow = shift ? 10 : 1;
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = index + (rtl ? -arrow : arrow);
      break;
    case 'ArrowLeft':
      next = index + (rtl ? arrow : -arrow);
      break;
    case 'ArrowUp':
      next = index + arrow;
      break;
    case 'ArrowDown':
      next = index - arrow;
      break;
    case 'PageUp':
      next = index + page;
      break;
    case 'PageDown':
      next = index - page;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    default:
      return null;
  }
  return Math.min(count - 1, Math.max(0, next));
}

/**
 * One SVG path of vertical ticks at the steps' positions on a 0..1000 wide track, merged per pixel
 * tenth, `height` tall from `top`.
 */
export function tickPath(steps: readonly number[], domain: readonly number[], height: number, top = 0): string {
  const xs = new Set<number>();
  for (const step of steps) xs.add(Math.round(fractionOf(domain, step) * 1000));
  let d = '';
  for (const x of xs) d += `M${x} ${top}v${height}`;
  return d;
}
