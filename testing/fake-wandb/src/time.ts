/** wandb's DateTime style: naive UTC to the second, e.g. `2023-11-05T17:46:35` (no zone, no fraction). */
export function wandbTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${iso}`);
  return new Date(ms).toISOString().slice(0, 19);
}
