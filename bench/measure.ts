/** What one piece of work cost: wall and CPU time, and memory above the baseline before it. */
export interface Measured<T> {
  result: T;
  seconds: number;
  cpuSeconds: number;
  /** Peak RSS and heap above the baseline, sampled every 10 ms. */
  peakRssDeltaMB: number;
  peakHeapDeltaMB: number;
  /** Heap still held after the work (after GC where `--expose-gc` is on). */
  retainedHeapMB: number;
}

function memory() {
  const usage = process.memoryUsage();
  return { rss: usage.rss / 2 ** 20, heap: usage.heapUsed / 2 ** 20 };
}

/** Run `work` and measure it. Run node with --expose-gc for the baseline and retained figures. */
export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  globalThis.gc?.();
  const base = memory();
  const peak = { ...base };
  const sampler = setInterval(() => {
    const now = memory();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heap);
  }, 10);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    globalThis.gc?.();
    return {
      result,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssDeltaMB: peak.rss - base.rss,
      peakHeapDeltaMB: peak.heap - base.heap,
      retainedHeapMB: memory().heap - base.heap,
    };
  } finally {
    clearInterval(sampler);
  }
}
