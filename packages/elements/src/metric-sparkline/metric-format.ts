let compact: Intl.NumberFormat | undefined;

/**
 * A logged metric value in a few characters: four significant digits, scientific notation for the
 * very small and very large (`1.235e-4`), and NaN and ±∞ as logged (a diverged loss shows as NaN).
 */
export function formatMetric(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e6 || size < 1e-3)) return value.toExponential(3).replace(/\.?0+e/, 'e');
  compact ??= new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
  return compact.format(value);
}
