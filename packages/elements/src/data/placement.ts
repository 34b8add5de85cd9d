import type { AxisMatch, RunRef } from '@run-comparer/wandb-client';

/** Where the viewers place each run on a chosen step axis (built by the slider's axis support). */
export interface Placement {
  /**
   * The image step run `ref` shows at axis value `x` and whether it sits exactly at `x`; null
   * when it has nothing at or before `x`; undefined when the run's values are not known.
   */
  at(ref: RunRef, x: number): AxisMatch | null | undefined;
  /** Every axis value any run has an image at, sorted. */
  domain: number[];
}
