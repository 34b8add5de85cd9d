import type { ScalarAt, ScalarSeries } from '../types.js';
import { samplePoints } from './sample-series.js';

/**
 * Every value one scalar key logged, as two growing Float64Arrays (16 bytes a value): what the
 * local and memory sources hold for the keys they were asked about, and nothing for the others.
 * Values are pushed in the order they were read; {@link settle} puts them in step order, a later
 * value of a step replacing an earlier one (a resumed run that logged the step again).
 */
export class ScalarColumn {
  #steps = new Float64Array(64);
  #values = new Float64Array(64);
  #length = 0;
  #sorted = true;

  get length(): number {
    return this.#length;
  }

  /** Bytes held by the two arrays (for cache bounds and the benchmark). */
  get bytes(): number {
    return this.#steps.byteLength + this.#values.byteLength;
  }

  push(step: number, value: number): void {
    if (this.#length === this.#steps.length) {
      this.#steps = grow(this.#steps);
      this.#values = grow(this.#values);
    }
    if (this.#length > 0 && step <= this.#steps[this.#length - 1]!) this.#sorted = false;
    this.#steps[this.#length] = step;
    this.#values[this.#length] = value;
    this.#length++;
  }

  /** Put the values in step order, one per step (the last pushed wins). Cheap when they already are. */
  settle(): void {
    if (this.#sorted) return;
    const order = Array.from({ length: this.#length }, (_, i) => i).sort(
      (a, b) => this.#steps[a]! - this.#steps[b]! || a - b,
    );
    const steps = new Float64Array(this.#steps.length);
    const values = new Float64Array(this.#values.length);
    let n = 0;
    for (const i of order) {
      if (n > 0 && steps[n - 1] === this.#steps[i]) n--;
      steps[n] = this.#steps[i]!;
      values[n] = this.#values[i]!;
      n++;
    }
    this.#steps = steps;
    this.#values = values;
    this.#length = n;
    this.#sorted = true;
  }

  /** The series, sampled down to at most `samples` points. */
  series(samples: number): ScalarSeries {
    this.settle();
    const steps = this.#steps;
    const values = this.#values;
    const points = samplePoints(
      this.#length,
      (i) => steps[i]!,
      (i) => values[i]!,
      samples,
    );
    return { points, sampled: points.length < this.#length };
  }

  /** The value at `step`, or at the nearest earlier step; null when nothing was logged at or before it. */
  at(step: number): ScalarAt | null {
    this.settle();
    let lo = 0;
    let hi = this.#length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#steps[mid]! <= step) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? null : { step: this.#steps[found]!, value: this.#values[found]! };
  }

  /** Each (step, value) in the order they were pushed (or in step order, once settled). */
  forEach(visit: (step: number, value: number) => void): void {
    for (let i = 0; i < this.#length; i++) visit(this.#steps[i]!, this.#values[i]!);
  }

  /** The value logged at exactly `step`, or undefined when none was. */
  exactly(step: number): number | undefined {
    const at = this.at(step);
    return at && at.step === step ? at.value : undefined;
  }
}

function grow(array: Float64Array): Float64Array<ArrayBuffer> {
  const larger = new Float64Array(array.length * 2);
  larger.set(array);
  return larger;
}
