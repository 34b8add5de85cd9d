import { imageSetFromValue } from '../../images.js';
import { mediaPathsOf } from '../../media-values/media-paths.js';
import { summaryOnlySets } from '../../media-values/summary-media.js';
import { numericKeysOf } from '../../scalars/row-value.js';
import type { RunIssue, RunState } from '../../types.js';
import { RunIndex } from '../index/run-index.js';

/**
 * What a pre-0.10 run folder says about its run, in the shape the local source reads a `.wandb`
 * file's index in: the image index built row by row from `wandb-history.jsonl` (the rows themselves
 * are not kept), the last value of each key, and the summary, config and metadata the folder's
 * other files give (set by {@link LegacyRunFolder}).
 */
export class LegacyIndex extends RunIndex {
  /** The last value of each history key: the summary of a run whose `wandb-summary.json` is missing. */
  readonly lastValues = new Map<string, unknown>();
  /** What a run that stopped without an exit code is: `unknown` for a notebook run, else crashed. */
  stoppedState: RunState | undefined = undefined;
  /** What the folder's files could not tell (an unreadable summary, a notebook run's missing exit code). */
  notices: RunIssue[] = [];

  /** One row of `wandb-history.jsonl`. A row without `_step` follows the one before. */
  addRow(row: Record<string, unknown>): void {
    const logged = row._step;
    const step =
      typeof logged === 'number' && Number.isSafeInteger(logged) && logged >= 0
        ? logged
        : this.lastStep === null
          ? 0
          : this.lastStep + 1;
    for (const [key, value] of Object.entries(row)) {
      this.lastValues.set(key, value);
      const set = imageSetFromValue(key, step, value);
      if (!set) continue;
      let byStep = this.images.get(key);
      if (!byStep) this.images.set(key, (byStep = new Map()));
      byStep.set(step, set);
      for (const path of mediaPathsOf(set)) this.mediaPaths.add(path);
    }
    const timestamp = row._timestamp;
    if (typeof timestamp === 'number' && Number.isFinite(timestamp)) this.noteActivity(timestamp * 1000);
    this.historyRows++;
    if (this.lastStep === null || step > this.lastStep) this.lastStep = step;
    this.version++;
  }

  /** `wandb-summary.json`, read again whole whenever it changed; its media files are the run's too. */
  setSummary(summary: Record<string, unknown>): void {
    this.summary = summary;
    for (const set of summaryOnlySets(summary, this.lastStep, () => false))
      for (const path of mediaPathsOf(set)) this.mediaPaths.add(path);
    this.version++;
  }

  noteActivity(ms: number): void {
    if (this.lastActivity === null || ms > this.lastActivity) this.lastActivity = ms;
  }

  /** History keys whose last logged value is a number (nested dicts named with dots). */
  override numericKeys(): string[] {
    return [...numericKeysOf(Object.fromEntries(this.lastValues))];
  }

  override summaryValues(): Record<string, unknown> {
    return this.summary ?? Object.fromEntries(this.lastValues);
  }
}
