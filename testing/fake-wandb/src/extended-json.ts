const MARK = '\u0000fake-wandb-number:';

/**
 * JSON as wandb writes history and summaries: NaN and ±Infinity become the bare tokens `NaN`,
 * `Infinity` and `-Infinity` (which `JSON.stringify` would turn into `null`).
 */
export function toExtendedJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `${MARK}${String(v)}` : v,
  );
  return text.replace(
    new RegExp(`"${JSON.stringify(MARK).slice(1, -1).replace(/\\/g, '\\\\')}(NaN|Infinity|-Infinity)"`, 'g'),
    '$1',
  );
}
