import { createMemorySource, type Dataset, type RunSource } from '@run-comparer/wandb-client';

/**
 * A source over a run that is still training: every run is `running`, and until `grow()` each
 * run holds only the history rows up to `untilStep`; after it, all of them, as a live run's file
 * or the wandb cloud would answer once training logged more.
 */
export function growingSource(dataset: Dataset, untilStep: number): { source: RunSource; grow(): void } {
  const running = (rows: (history: Dataset['runs'][number]['history']) => typeof history): Dataset => ({
    ...dataset,
    runs: dataset.runs.map((run) => ({ ...run, state: 'running' as const, history: rows(run.history) })),
  });
  let current = createMemorySource(running((history) => history.filter((row) => row._step <= untilStep)));
  const grown = createMemorySource(running((history) => history));
  const source = { kind: 'memory' } as RunSource;
  for (const method of ['list', 'get', 'keys', 'steps', 'at', 'index', 'mediaUrl'] as const)
    (source as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      (current[method] as (...a: unknown[]) => unknown)(...args);
  return { source, grow: () => void (current = grown) };
}
