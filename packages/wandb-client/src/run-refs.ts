import type { ProjectRef, RunRef } from './types.js';

/** One string per run, for maps and cache keys: unambiguous whatever the names hold. */
export function runKey(ref: RunRef): string {
  return JSON.stringify([ref.entity, ref.project, ref.runId]);
}

/** Whether two project refs name the same project (both null counts as the same). */
export function sameProject(a: ProjectRef | null | undefined, b: ProjectRef | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.entity === b.entity && a.project === b.project;
}
