import { UpstreamError } from './errors.js';
import type { CallOptions, ListRunsParams, Run, RunPage, RunSource } from './types.js';

/**
 * Every run of a project over all pages of any source, each once: a run that comes back on a
 * later page anyway (e.g. in an order whose offsets shift while runs are created) is dropped.
 * Throws if the source hands back a cursor that does not move on.
 *
 * @example
 * for await (const run of iterateRuns(source, { entity: 'acme', project: 'sdxl' })) console.log(run.displayName);
 */
export async function* iterateRuns(
  source: Pick<RunSource, 'list'>,
  params: Omit<ListRunsParams, 'cursor'>,
  options: CallOptions = {},
): AsyncGenerator<Run, void, undefined> {
  let cursor: string | null = null;
  const cursors = new Set<string>();
  const listed = new Set<string>();
  for (;;) {
    const page: RunPage = await source.list({ ...params, cursor }, options);
    for (const run of page.runs) {
      if (listed.has(run.id)) continue;
      listed.add(run.id);
      yield run;
    }
    if (page.nextCursor === null) return;
    if (cursors.has(page.nextCursor)) throw notAdvancing(page.nextCursor, 'The run pages');
    cursors.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** The pages stopped moving on: `whose` pages handed back a cursor given before. */
export function notAdvancing(cursor: string | null, whose: string): UpstreamError {
  return new UpstreamError(
    `${whose} stopped advancing (cursor ${JSON.stringify((cursor ?? '').slice(0, 40))} came back again); stopped to avoid looping forever.`,
  );
}
